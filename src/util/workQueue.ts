/**
 * Work run a little later and a few at a time. A burst of incoming requests is answered first
 * (their acknowledgements are written in the I/O phase) while the work they bring waits its turn:
 * each task starts from `setImmediate`, after pending I/O, and at most `concurrency` run at once.
 */
export class WorkQueue {
  readonly #concurrency: number;
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  constructor(concurrency: number) {
    this.#concurrency = Math.max(1, concurrency);
  }

  /** Runs `task` when its turn comes; resolves or rejects with it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            this.#running--;
            this.#next();
          });
      });
      this.#next();
    });
  }

  /** Tasks started and not finished, and tasks waiting. */
  get size(): number {
    return this.#running + this.#waiting.length;
  }

  #next(): void {
    if (this.#running >= this.#concurrency) return;
    const start = this.#waiting.shift();
    if (!start) return;
    // Counted from now, so that a burst does not start more than `concurrency`.
    this.#running++;
    setImmediate(start);
  }
}
