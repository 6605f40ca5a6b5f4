/** Small stream helpers: peeking at the head of a byte stream without losing it. */
import type { Readable } from 'node:stream';

/** A byte stream whose first bytes can be looked at before the whole is read, once. */
export class PeekableStream {
  private readonly iterator: AsyncIterator<Buffer>;
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private done = false;

  /** `onChunk` sees every byte read from `source` exactly once, in order (e.g. to hash it). */
  constructor(source: AsyncIterable<Buffer | Uint8Array | string>, onChunk?: (chunk: Buffer) => void) {
    const inner = source[Symbol.asyncIterator]();
    this.iterator = {
      next: async () => {
        const r = await inner.next();
        if (r.done) return r;
        const v = r.value;
        const value = typeof v === 'string' ? Buffer.from(v) : Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
        onChunk?.(value);
        return { done: false, value };
      },
      return: async () => {
        await inner.return?.();
        return { done: true, value: undefined };
      },
    };
  }

  /** At least `n` first bytes (fewer when the stream is shorter). */
  async head(n: number): Promise<Buffer> {
    while (this.keptBytes < n && !this.done) {
      const r = await this.iterator.next();
      if (r.done) this.done = true;
      else {
        this.kept.push(r.value);
        this.keptBytes += r.value.length;
      }
    }
    const all = this.kept.length === 1 ? this.kept[0]! : Buffer.concat(this.kept);
    return all.subarray(0, n);
  }

  /** Every byte, from the first (the peeked head included). */
  async *all(): AsyncGenerator<Buffer> {
    while (this.kept.length > 0) yield this.kept.shift()!;
    if (this.done) return;
    for (;;) {
      const r = await this.iterator.next();
      if (r.done) break;
      yield r.value;
    }
  }

  /** Stops reading (closes the underlying stream). */
  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/** Reads a stream to its end, discarding the bytes (so the archive it belongs to can go on). */
export async function drain(stream: Readable): Promise<void> {
  if (stream.destroyed || stream.readableEnded) return;
  for await (const _ of stream) {
    /* discard */
  }
}
