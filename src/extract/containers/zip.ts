/**
 * Zip archives, with yauzl: the central directory is read first, each entry inflated as a stream
 * when its turn comes. Encrypted entries are refused (`encrypted`); sizes are checked against
 * what the directory declares (yauzl stops an entry that inflates to more than it said).
 * @see https://github.com/thejoshwolfe/yauzl#readme
 */
import type { ZipFile } from 'yauzl';
import { ExtractError } from '../extractors/extractor.ts';
import { listZip, openZip, type ZipEntryInfo } from '../zipIndex.ts';
import type { Container, ContainerEntry } from './container.ts';

export const zipContainer: Container = {
  name: 'zip',
  types: ['zip'],
  description: 'zip archives (yauzl: streamed entries, encrypted entries refused, declared sizes enforced)',
  input: 'random',
  async open(input) {
    if ('stream' in input) throw new Error('zip needs random access');
    let zip: ZipFile;
    try {
      zip = await openZip(input);
    } catch (err) {
      throw new ExtractError(`damaged zip: ${(err as Error).message}`);
    }
    const opened = zip;
    let entries: ZipEntryInfo[];
    try {
      entries = await listZip(opened);
    } catch (err) {
      opened.close();
      throw new ExtractError(`damaged zip: ${(err as Error).message}`);
    }
    async function* list(): AsyncGenerator<ContainerEntry> {
      for (const e of entries) {
        if (e.directory || e.name.startsWith('__MACOSX/')) continue;
        yield {
          name: e.name,
          size: e.entry.uncompressedSize,
          compressedSize: e.entry.compressedSize,
          error: e.encrypted ? 'encrypted' : undefined,
          open: () => opened.openReadStreamPromise(e.entry),
        };
      }
    }
    return { entries: list(), close: () => opened.close() };
  },
};
