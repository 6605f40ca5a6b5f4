/**
 * Keeps a long scan's memory flat. Every chunk leaves a few megabytes of large strings and
 * buffers behind; V8 frees them only in a full collection, which on a machine with much memory
 * it puts off until the heap has grown by hundreds of megabytes. A full collection every
 * {@link EVERY_BYTES} of input costs a few milliseconds and holds the peak near the working set.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Input read between two full collections. */
const EVERY_BYTES = 16 * 1024 * 1024;

type Collect = () => void;

let collect: Collect | undefined;

/** V8's `gc()`, exposed for this process without a command-line flag. */
function gcFunction(): Collect {
  if (collect === undefined) {
    const global = globalThis as { gc?: Collect };
    if (typeof global.gc === 'function') collect = global.gc;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    }
  }
  return collect;
}

/** Counts input bytes and collects the heap after every {@link EVERY_BYTES} of them. */
export class HeapKeeper {
  private since = 0;

  /** `bytes` more of input were handled. */
  handled(bytes: number): void {
    this.since += bytes;
    if (this.since < EVERY_BYTES) return;
    this.since = 0;
    gcFunction()();
  }
}
