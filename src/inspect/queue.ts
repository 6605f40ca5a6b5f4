/**
 * A queue with bounded concurrency and bounded length. A job offered while `concurrency` jobs run
 * and `maxQueued` wait is refused at once (`busy`) rather than delayed or silently dropped, so a
 * burst of images never holds up the messages behind it and every refusal can be reported.
 */

export class QueueFull extends Error {
  constructor() {
    super('inspection queue full');
    this.name = 'QueueFull';
  }
}

export interface BoundedQueueOptions {
  /** Jobs running at once. */
  concurrency: number;
  /** Jobs waiting beyond those; more are refused. */
  maxQueued: number;
}

export class BoundedQueue {
  readonly #concurrency: number;
  readonly #maxQueued: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: BoundedQueueOptions) {
    if (options.concurrency < 1) throw new RangeError('concurrency must be at least 1');
    if (options.maxQueued < 0) throw new RangeError('maxQueued must not be negative');
    this.#concurrency = options.concurrency;
    this.#maxQueued = options.maxQueued;
  }

  /** Jobs running now. */
  get running(): number {
    return this.#running;
  }

  /** Jobs waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Runs `job` when a slot is free. Rejects with `QueueFull` at once, without running it, when
   * every slot is taken and the waiting line is full.
   */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#concurrency) {
      if (this.#waiting.length >= this.#maxQueued) throw new QueueFull();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await job();
    } finally {
      // The slot passes straight to the next job waiting, if any.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
