/**
 * Tar archives (ustar, pax, GNU), streamed with tar-stream: each entry is read as it passes.
 * Compressed tars (`.tar.gz`, `.tgz`) arrive here through the gzip container.
 * @see https://github.com/mafintosh/tar-stream#readme
 */
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { drain } from '../chunks.ts';
import { ExtractError } from '../extractors/extractor.ts';
import { asStream, type Container, type ContainerEntry } from './container.ts';

export const tarContainer: Container = {
  name: 'tar',
  types: ['tar'],
  description: 'tar archives (tar-stream, streamed; regular files only)',
  input: 'stream',
  async open(input) {
    const source = asStream(input);
    const reader = extract();
    source.on('error', (err) => reader.destroy(err));
    source.pipe(reader);
    async function* list(): AsyncGenerator<ContainerEntry> {
      try {
        for await (const entry of reader) {
          const { name, type, size } = entry.header;
          if (type !== 'file' && type !== 'contiguous-file') {
            await drain(entry as unknown as Readable);
            continue;
          }
          // tar-stream's entry is a streamx Readable, which reads the same way as Node's.
          const stream = entry as unknown as Readable;
          yield { name, size: size ?? undefined, open: async () => stream };
          // Whatever the walker left unread must pass before the next header.
          await drain(stream);
        }
      } catch (err) {
        if (err instanceof ExtractError) throw err;
        throw new ExtractError(`damaged tar: ${(err as Error).message}`);
      }
    }
    return {
      entries: list(),
      close: () => {
        source.unpipe(reader);
        reader.destroy();
        source.destroy();
      },
    };
  },
};
