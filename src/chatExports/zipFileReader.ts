/**
 * A zip file as yauzl reads it, with synchronous reads at the positions it asks for. yauzl's own
 * reader makes each read a round trip through libuv's thread pool, and it reads the central
 * directory an entry at a time, two reads each: a Slack export of 2,000 day files kept `scan`
 * waiting 0.3 s before its first message, more with esbuild busy on the other core. A large
 * entry's data is streamed (`_readStreamForRange`), a piece at a time.
 *
 * @see https://github.com/thejoshwolfe/yauzl#class-randomaccessreader
 */
import { closeSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** Bytes read at a time from a large entry. */
const STREAM_BYTES = 256 * 1024;

export class ZipFileReader extends yauzl.RandomAccessReader {
  constructor(readonly fd: number) {
    super();
  }

  /** Reads `length` bytes at `position` into `buffer` (fewer at the end of the file); answers on the next tick, as yauzl expects. */
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    let got = 0;
    try {
      got = readAt(this.fd, buffer.subarray(offset, offset + length), position);
    } catch (err) {
      process.nextTick(callback, err as Error);
      return;
    }
    process.nextTick(callback, null, got);
  }

  /** The bytes from `start` to `end`, read as they are asked for (a stream of the fs module would close the file when destroyed). */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    let position = start;
    return new Readable({
      highWaterMark: STREAM_BYTES,
      read(size) {
        const into = Buffer.allocUnsafe(Math.min(Math.max(size, STREAM_BYTES), end - position));
        let got: number;
        try {
          got = into.length === 0 ? 0 : readAt(fd, into, position);
        } catch (err) {
          this.destroy(err as Error);
          return;
        }
        position += got;
        // Short of `end`, the file ended: yauzl reports the missing bytes.
        this.push(got === 0 ? null : into.subarray(0, got));
      },
    });
  }

  override close(callback: (err: Error | null) => void): void {
    try {
      closeSync(this.fd);
    } catch (err) {
      process.nextTick(callback, err as Error);
      return;
    }
    process.nextTick(callback, null);
  }
}

/** Fills `into` from `position` of the file, or less at its end; the bytes read. */
export function readAt(fd: number, into: Buffer, position: number): number {
  let got = 0;
  while (got < into.length) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}
