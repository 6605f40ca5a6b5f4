/**
 * Writes `scan`'s output with back-pressure: when the pipe is full the scan waits for it to drain
 * instead of buffering the whole result in memory. Text arrives in large pieces (a chunk's lines
 * at once), so stdout sees few, large writes. A reader that goes away (`| head`) ends the scan
 * quietly instead of crashing it with EPIPE.
 */
import type { Writable } from 'node:stream';

export class OutputWriter {
  closed = false;
  private drained: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly stream: Writable,
    stderr: Writable,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      this.closed = true;
      this.wake?.();
      if (err.code !== 'EPIPE') stderr.write(`blackout-guard: cannot write the output: ${err.message}\n`);
    });
    stream.on('drain', () => this.wake?.());
  }

  /** Writes `text` (or its UTF-8 bytes); returns a promise to await when the stream asks to wait. */
  write(text: string | Uint8Array): Promise<void> | undefined {
    if (this.closed || text.length === 0) return undefined;
    if (this.stream.write(text)) return undefined;
    this.drained ??= new Promise<void>((resolve) => {
      this.wake = () => {
        this.drained = undefined;
        this.wake = undefined;
        resolve();
      };
    });
    return this.drained;
  }

  /** Waits until what was written has been handed on (or the reader is gone). */
  async end(): Promise<void> {
    if (this.closed || this.stream.writableNeedDrain !== true) return;
    this.drained ??= new Promise<void>((resolve) => {
      this.wake = () => {
        this.drained = undefined;
        this.wake = undefined;
        resolve();
      };
    });
    await this.drained;
  }
}
