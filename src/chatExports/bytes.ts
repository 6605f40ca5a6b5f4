/**
 * Raw export bytes as the readers pass them around: gathered piece by piece into one buffer, and
 * seen as a `Buffer` whatever typed array they arrived in (a chunk moved from another thread
 * arrives as a plain `Uint8Array`).
 */

/** `bytes` as a `Buffer` over the same memory (no copy). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Buffers gathered one after another, taken as one. */
export class ByteParts {
  private parts: Uint8Array[] = [];
  private size = 0;

  /** Bytes gathered so far. */
  get length(): number {
    return this.size;
  }

  push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  /**
   * What was gathered, as one buffer, and starts again empty. A single part is given as it is, not
   * copied: a day file read in one go keeps a buffer of its own, which a worker thread can then be
   * given without a copy either (src/scan/pool.ts).
   */
  take(): Uint8Array {
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return bytes;
  }
}
