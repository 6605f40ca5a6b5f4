/**
 * Zip archives, with yauzl: the central directory is read first, then each entry when its turn
 * comes. Encrypted entries are refused (`encrypted`); sizes are checked against what the
 * directory declares (an entry that inflates to more than it said is stopped there).
 * @see https://github.com/thejoshwolfe/yauzl#readme
 */
import type { Entry, ZipFile } from 'yauzl';
import { ExtractError } from '../extractors/extractor.ts';
import { entryBytes, listZip, openZip, type ZipEntryInfo } from '../zipIndex.ts';
import type { Container, ContainerEntry } from './container.ts';

/**
 * Entries declaring up to this many bytes are read raw and inflated in one call, in this thread.
 * Streamed, each 16 kB chunk is a round trip to libuv's thread pool and a few stream events: an
 * e-mail of a dump cost about as much to inflate as to parse, and the thread sat idle meanwhile.
 * Larger entries are still streamed, so memory stays bounded.
 */
const INFLATE_AT_ONCE_BYTES = 16 * 1024 * 1024;

export const zipContainer: Container = {
  name: 'zip',
  types: ['zip'],
  description: 'zip archives (yauzl: small entries inflated at once, large ones streamed; encrypted entries refused, declared sizes enforced)',
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
        const { entry } = e;
        const atOnce = !e.encrypted && entry.uncompressedSize <= INFLATE_AT_ONCE_BYTES && (entry.compressionMethod === 0 || entry.compressionMethod === 8);
        yield {
          name: e.name,
          size: entry.uncompressedSize,
          compressedSize: entry.compressedSize,
          error: e.encrypted ? 'encrypted' : undefined,
          open: () => (atOnce ? readWhole(opened, entry) : opened.openReadStreamPromise(entry)),
        };
      }
    }
    return { entries: list(), close: () => opened.close() };
  },
};

/** A small entry in memory: its stored bytes read, then inflated at once (`entryBytes`). */
async function readWhole(zip: ZipFile, entry: Entry): Promise<Buffer> {
  const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false }); // the bytes as stored
  const chunks: Buffer[] = [];
  for await (const chunk of raw as AsyncIterable<Buffer>) chunks.push(chunk);
  return entryBytes(entry, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
}
