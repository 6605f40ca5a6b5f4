/**
 * The progress bar of `scan` on stderr: bytes of message data read out of the input's known
 * size, messages per second and the time left. Shown only once the input is large enough for it
 * to be worth a glance.
 */
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { ByteMeter } from '../chatExports/record.ts';

/** Below this much message data, a progress bar would only flash. */
export const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

export class ProgressBar implements ByteMeter {
  private total = 0;
  private done = 0;
  private messages = 0;
  private readonly started = performance.now();
  private bar: SingleBar | undefined;

  constructor(private readonly stream: Writable) {}

  expect(bytes: number): void {
    this.total += bytes;
    if (this.bar === undefined && this.total >= PROGRESS_MIN_BYTES) {
      this.bar = new SingleBar({
        stream: this.stream as NodeJS.WritableStream,
        format: 'scanning [{bar}] {percentage}% | {messages} messages | {rate} messages/s | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      });
      this.bar.start(this.total, this.done, this.payload());
    } else this.bar?.setTotal(this.total);
  }

  advance(bytes: number): void {
    this.done += bytes;
    this.bar?.update(Math.min(this.done, this.total), this.payload());
  }

  /** Messages classified so far. */
  count(messages: number): void {
    this.messages = messages;
    this.bar?.update(Math.min(this.done, this.total), this.payload());
  }

  private payload(): { messages: string; rate: string } {
    const seconds = (performance.now() - this.started) / 1000;
    return {
      messages: this.messages.toLocaleString('en-US'),
      rate: seconds > 0 ? Math.round(this.messages / seconds).toLocaleString('en-US') : '0',
    };
  }

  /** Makes room for an error line; the bar redraws on its next update. */
  clearLine(): void {
    if (this.bar !== undefined) this.stream.write('\r\x1b[K');
  }

  stop(): void {
    this.bar?.stop();
  }
}
