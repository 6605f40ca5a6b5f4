/**
 * The worker threads that extraction, PDQ and OCR run in (piscina), off the event loop serving
 * live messages. Each file gets a time limit (past it, its thread is ended and replaced) and a
 * memory cap (V8 `resourceLimits`: a thread past it dies alone). Threads load the TypeScript
 * sources through tsx themselves (`worker/entry.mjs`), so the pool works the same under
 * `node --import tsx`, the `blackout-guard` command and the tests.
 * @see https://github.com/piscinajs/piscina#class-piscina
 * @see https://nodejs.org/docs/latest-v20.x/api/worker_threads.html#new-workerfilename-options
 */
import { Piscina } from 'piscina';
import type { InspectTask, InspectTaskResult, NotInspectedReason } from './types.ts';

export interface PoolOptions {
  /** Worker threads (each inspects one file at a time). */
  threads: number;
  /** Time limit of one file, from when its thread starts on it. */
  timeLimitMs: number;
  /** Heap cap of one thread, in MB (V8 old generation). */
  memoryMb: number;
}

/** A file the pool could not inspect, with the reason given to people. */
export class NotInspected extends Error {
  constructor(
    readonly reason: NotInspectedReason,
    detail?: string,
  ) {
    super(detail ?? reason);
    this.name = 'NotInspected';
  }
}

const ENTRY = new URL('./worker/entry.mjs', import.meta.url).href;

export class InspectionPool {
  readonly #pool: Piscina<InspectTask, InspectTaskResult>;
  readonly #timeLimitMs: number;
  readonly #threads: number;

  constructor(options: PoolOptions) {
    this.#timeLimitMs = options.timeLimitMs;
    this.#threads = options.threads;
    this.#pool = new Piscina({
      filename: ENTRY,
      minThreads: options.threads,
      maxThreads: options.threads,
      // One file per thread at a time: the time limit and memory cap are then per file.
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      // The entry registers tsx itself; inherited flags (--import tsx, --inspect) are not wanted.
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: options.memoryMb,
        maxYoungGenerationSizeMb: Math.max(16, Math.round(options.memoryMb / 8)),
      },
    });
    // A thread that dies between tasks is replaced by piscina; nothing to report.
    this.#pool.on('error', () => undefined);
  }

  /**
   * Inspects one file in a worker thread. Its bytes are moved to the thread, not copied: the
   * caller's buffer is emptied. Throws `NotInspected` for a time limit, a memory cap or a crash.
   */
  async run(task: InspectTask): Promise<InspectTaskResult> {
    const signal = AbortSignal.timeout(this.#timeLimitMs);
    try {
      const transferable = task.bytes.byteOffset === 0 && task.bytes.byteLength === task.bytes.buffer.byteLength;
      const bytes = transferable ? task.bytes : task.bytes.slice();
      return await this.#pool.run({ ...task, bytes }, { signal, transferList: [bytes.buffer as ArrayBuffer] });
    } catch (err) {
      if (signal.aborted) throw new NotInspected('time limit', `no result in ${this.#timeLimitMs} ms`);
      const code = (err as { code?: string }).code;
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') throw new NotInspected('memory limit', (err as Error).message);
      throw new NotInspected('inspection failed', (err as Error).message);
    }
  }

  /**
   * Starts the threads and loads their modules (and the OCR models when `options.ocr`), so the
   * first file is not slowed down: one warm-up task per thread, run at once (piscina hands each
   * to an idle thread, so in practice every thread gets one). Resolves to what each thread
   * reported, one entry per distinct thread.
   */
  async warmUp(options: InspectTask['options']): Promise<NonNullable<InspectTaskResult['warm']>[]> {
    const task = { name: '', bytes: new Uint8Array(0), options, warmUp: true };
    const results = await Promise.all(Array.from({ length: this.#threads }, () => this.#pool.run(task)));
    const byThread = new Map<number, NonNullable<InspectTaskResult['warm']>>();
    for (const { warm } of results) if (warm !== undefined) byThread.set(warm.thread, warm);
    return [...byThread.values()];
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
