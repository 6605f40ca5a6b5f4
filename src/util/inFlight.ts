/**
 * Work under way (messages being moderated, command replies), so that stopping can wait for it
 * for a bounded time. Both platform adapters track their work through one of these.
 */
import { TIMED_OUT, withinMs } from './timeout.ts';

export class InFlight {
  readonly #work = new Set<Promise<unknown>>();

  /** Tracks `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#work.add(work);
    const forget = (): void => void this.#work.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** How many pieces of work are under way. */
  get size(): number {
    return this.#work.size;
  }

  /** Waits for the work under way, at most `ms`; true when all of it finished. */
  async drain(ms: number): Promise<boolean> {
    return (await withinMs(Promise.allSettled([...this.#work]), ms)) !== TIMED_OUT;
  }
}
