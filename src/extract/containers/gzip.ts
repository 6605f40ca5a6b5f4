/**
 * Gzip (zlib), streamed, with the expansion ratio watched as it inflates. A gzipped tar
 * (`.tar.gz`, `.tgz`) is opened as the tar it holds, so its files read `dump.tgz!/mails/1.eml`.
 * @see https://nodejs.org/api/zlib.html#class-zlibgunzip
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PeekableStream } from '../chunks.ts';
import { detectType } from '../detect.ts';
import { ExtractError } from '../extractors/extractor.ts';
import { LimitExceeded, ratioProblem, type ExtractLimits } from '../limits.ts';
import { asStream, type Container, type ContainerEntry } from './container.ts';
import { tarContainer } from './tar.ts';

/** The content's name: `a.tgz` → `a.tar`, `a.txt.gz` → `a.txt`. */
export function gunzippedName(name: string): string {
  if (/\.tgz$/i.test(name)) return `${name.slice(0, -4)}.tar`;
  if (/\.gz$/i.test(name)) return name.slice(0, -3);
  return `${name}.out`;
}

/** Inflates `source`, refusing to go on past the expansion ratio. */
async function* inflate(source: Readable, limits: ExtractLimits): AsyncGenerator<Buffer> {
  let compressed = 0;
  let expanded = 0;
  const gunzip = createGunzip();
  const counted = source.on('data', (chunk: Buffer) => {
    compressed += chunk.length;
  });
  counted.on('error', (err) => gunzip.destroy(err));
  counted.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      expanded += chunk.length;
      const bomb = ratioProblem(expanded, compressed, limits);
      if (bomb) throw new LimitExceeded(bomb.replace('zip bomb', 'gzip bomb'));
      yield chunk;
    }
  } catch (err) {
    if (err instanceof LimitExceeded) throw err;
    throw new ExtractError(`damaged gzip: ${(err as Error).message}`);
  } finally {
    counted.unpipe(gunzip);
    gunzip.destroy();
  }
}

export const gzipContainer: Container = {
  name: 'gzip',
  types: ['gzip'],
  description: 'gzip (zlib, streamed, expansion ratio watched); a gzipped tar is opened as a tar',
  input: 'stream',
  async open(input, limits, name) {
    const source = asStream(input);
    const inflated = new PeekableStream(inflate(source, limits));
    const head = await inflated.head(512);
    if (detectType(head) === 'tar') {
      const tar = await tarContainer.open({ stream: Readable.from(inflated.all(), { objectMode: false }) }, limits, name);
      return { entries: tar.entries, close: () => tar.close() };
    }
    async function* single(): AsyncGenerator<ContainerEntry> {
      yield { name: gunzippedName(name), open: async () => Readable.from(inflated.all(), { objectMode: false }) };
    }
    return { entries: single(), close: () => void inflated.close() };
  },
};
