/**
 * Keeps a long scan's memory flat. Most of a chunk's garbage dies young, but what reaches the old
 * generation (and the buffers outside the heap) V8 frees only in a full collection, which on a
 * machine with much memory it puts off until the heap has grown by hundreds of megabytes. So the
 * heap is looked at every {@link CHECK_BYTES} of input, and collected once it holds
 * {@link GROWTH_BYTES} more than after the last collection: a fixed schedule of full collections
 * cost a tenth of the scan's time where V8 needed none. And the other way round, V8 is kept from
 * marking the old generation all the time ({@link markOldGenerationLater}).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Input read between two looks at the heap. */
const CHECK_BYTES = 4 * 1024 * 1024;

/** Growth of the heap (and of the buffers outside it) over its last collected size that triggers a collection. */
export const GROWTH_BYTES = 24 * 1024 * 1024;

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

/** This thread's heap and buffers, in bytes. */
function inUse(): number {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

/**
 * Makes V8 start marking the old generation of every thread of this process once it fills 70% of
 * its limit (at once past 90%), instead of whenever the room left under the limit is smaller than
 * the young generation. A thread that classifies grows its young generation to 16 MB semi-spaces
 * beside an old generation of some 22 MB under a 46 MB limit: V8 then started marking again right
 * after each full collection (48 of them on the main thread for a 447 MB Slack folder; 25 with this).
 * The young generation itself can only be made smaller on node's command line
 * (`--max-semi-space-size`); these two flags are read each time V8 decides whether to start
 * marking (`Heap::IncrementalMarkingLimitReached`), so they act when set from here.
 */
export function markOldGenerationLater(): void {
  setFlagsFromString('--incremental-marking-soft-trigger=70');
  setFlagsFromString('--incremental-marking-hard-trigger=90');
}

/** Counts input bytes and collects the heap when it has grown by {@link GROWTH_BYTES}. */
export class HeapKeeper {
  private since = 0;
  /** What was in use after the last collection (or at the first look). */
  private floor: number | undefined;

  /** `bytes` more of input were handled. */
  handled(bytes: number): void {
    this.since += bytes;
    if (this.since < CHECK_BYTES) return;
    this.since = 0;
    const used = inUse();
    if (this.floor === undefined || used < this.floor) {
      this.floor = used;
      return;
    }
    if (used - this.floor < GROWTH_BYTES) return;
    gcFunction()();
    this.floor = inUse();
  }
}
