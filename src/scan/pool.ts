/**
 * Where chunks are classified: on this thread (`--jobs 1`, and small inputs) or on this thread
 * together with `jobs - 1` worker threads, each with its own compiled engine. Results come back
 * as promises; `scan` awaits them in input order, so the output keeps the order of the export.
 *
 * This thread counts as one of the jobs: reading and cutting the input leaves it idle most of the
 * time, and each worker costs an isolate, its heap and its start-up. It keeps every worker's queue
 * filled and classifies the other chunks itself, one per turn of the event loop (see
 * {@link workerRunner}).
 *
 * The workers run scanWorker.ts bundled by esbuild (the compiler tsx itself runs on) into one
 * plain JavaScript file: no TypeScript loader, no loader thread and no module resolution in each
 * worker, which start in a tenth of a second and some 25 MB less than through tsx; the bundle is
 * kept on disk between runs (src/bundle/workerBundle.ts). Without esbuild they load the sources through tsx
 * (worker.mjs).
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config, Engine, ExtraRules } from '../core/index.ts';
import { classifyChunk, withLinesEncoded, type ChunkResult, type ChunkTask } from './classifyChunk.ts';
import { workerBundle } from '../bundle/workerBundle.ts';

/**
 * What a worker needs to compile the same engine (compiled indexes hold functions and cannot be
 * sent between threads): the configuration and the rules read from documents and banks.
 */
export interface EngineSource {
  config: Config;
  extra: ExtraRules;
}

/** A worker's answer to the task numbered `id`. */
export type WorkerAnswer = { id: number; result: ChunkResult } | { id: number; error: string };

/** What a worker is sent first: the source of its engine. Tasks, `{ id, task }`, follow. */
export interface WorkerSource {
  source: EngineSource;
}

/** What a worker sends once, when its engine is compiled and it can take chunks at once. */
export interface WorkerReady {
  ready: true;
}

export interface ChunkRunner {
  /** Chunks whose results may wait at once to be written, to keep every thread busy. */
  readonly inFlight: number;
  /** Chunks classified so far on this thread and handed to worker threads. */
  readonly classified?: { here: number; handed: number };
  /** Classifies `task`. Its chunk's bytes may be moved to a worker thread: they are not to be used again. */
  run(task: ChunkTask): Promise<ChunkResult>;
  close(): Promise<void>;
}

/** Classifies on the calling thread. */
export function inlineRunner(engine: Engine): ChunkRunner {
  return {
    inFlight: 1,
    run: async (task) => classifyChunk(engine, task),
    close: async () => {},
  };
}

/**
 * Chunks queued at each worker. This thread refills the workers between any two chunks it
 * classifies itself (see `workerRunner`), so a few keep a worker busy while the next arrives;
 * but between two turns this thread also reads and cuts the input and collects its heap, and
 * three left the worker idle 18% of a Discord export's scan (six: 4%, and the scan 5% faster).
 */
export const PER_WORKER = 6;

/** Input classified on this thread before workers are started: a smaller input is done before they would be ready. */
export const WORKERS_AFTER_BYTES = 1024 * 1024;

/**
 * Results that may wait per job, in input order. Chunks are small (64 KiB), so this holds a few
 * megabytes at most.
 */
const QUEUE_PER_JOB = 16;

/** Lets the event loop run: a worker's answers are heard only then. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Classifies on this thread with `engine` and on `jobs - 1` worker threads, each compiling the
 * same engine from `source` (a compiled one cannot be sent to a thread); this thread alone for `jobs` 1.
 * The threads are `started` ones (see {@link prestartWorkers}), or started once the input passes
 * {@link WORKERS_AFTER_BYTES}.
 *
 * A chunk goes to the least busy ready worker while one has fewer than {@link PER_WORKER} queued;
 * otherwise it waits for this thread's next turn. This thread takes one chunk a turn and lets the
 * event loop run between turns, and at each turn looks again: a worker that has caught up
 * meanwhile gets the chunk instead. (Classifying a whole read's worth in one go would leave the
 * workers idle, their answers unheard, and both cores would rarely work at once.)
 */
export function workerRunner(engine: Engine, source: EngineSource, jobs: number, started?: ScanWorker[]): ChunkRunner {
  if (jobs <= 1 && started === undefined) return inlineRunner(engine);
  let workers = started;
  for (const worker of workers ?? []) worker.compile(source);
  let seen = 0;
  /** This thread's turns, one chunk each, in order. */
  let turns: Promise<unknown> = Promise.resolve();
  const classified = { here: 0, handed: 0 };
  const leastBusy = (below: number): ScanWorker | undefined => {
    const idle = workers?.filter((w) => w.ready).reduce<ScanWorker | undefined>((best, w) => (best === undefined || w.pending < best.pending ? w : best), undefined);
    return idle !== undefined && idle.pending < below ? idle : undefined;
  };
  return {
    inFlight: jobs * QUEUE_PER_JOB,
    classified,
    run: (task) => {
      seen += task.chunk.bytes.byteLength;
      if (workers === undefined && seen > WORKERS_AFTER_BYTES) {
        const entry = bundledWorker();
        workers = Array.from({ length: jobs - 1 }, () => new ScanWorker(entry, source));
      }
      const worker = leastBusy(PER_WORKER);
      if (worker !== undefined) {
        classified.handed += 1;
        return worker.run(task);
      }
      const turn = turns.then(nextTurn).then((): { done: ChunkResult } | { handed: Promise<ChunkResult> } => {
        const idle = leastBusy(PER_WORKER);
        // Handed on, the chunk's result is awaited outside the turns: the next turn must not wait for it.
        if (idle !== undefined) {
          classified.handed += 1;
          return { handed: idle.run(task) };
        }
        classified.here += 1;
        // Its lines wait for the chunks before it, possibly in a worker: as bytes, off the heap.
        return { done: withLinesEncoded(classifyChunk(engine, task)) };
      });
      turns = turn.catch(() => undefined);
      return turn.then((t) => ('done' in t ? t.done : t.handed));
    },
    close: async () => {
      await Promise.all((workers ?? []).map((w) => w.close()));
    },
  };
}

/** How a worker is started: the bundled code, or the tsx entry. */
export type WorkerEntry = { code: string } | { file: URL };

const TSX_ENTRY = new URL('./worker.mjs', import.meta.url);

/**
 * The worker bundled into one CommonJS script (src/bundle/workerBundle.ts: kept on disk between runs), or the
 * tsx entry when esbuild is not there or fails (or `bundle` is false).
 */
async function workerEntry(bundle: boolean): Promise<WorkerEntry> {
  if (!bundle) return { file: TSX_ENTRY };
  try {
    return { code: (await workerBundle(fileURLToPath(new URL('./scanWorker.ts', import.meta.url)))).code };
  } catch {
    return { file: TSX_ENTRY };
  }
}

let bundle: Promise<WorkerEntry> | undefined;

/**
 * The workers' bundle, built once (or taken from the disk). `scan` asks for it before it loads the
 * configuration when the input is large enough for workers (see {@link prestartWorkers}).
 */
export function bundledWorker(): Promise<WorkerEntry> {
  bundle ??= workerEntry(true);
  return bundle;
}

/** Starts one worker thread: from the bundle (the default), or through tsx. */
export function startScanWorker(source: EngineSource, options: { bundle?: boolean } = {}): ScanWorker {
  return new ScanWorker((options.bundle ?? true) ? bundledWorker() : workerEntry(false), source);
}

/**
 * Starts `count` worker threads from the bundle before their engine's source is known: `scan`
 * starts them as soon as it knows the input is large, so that they load their code while this
 * thread reads the configuration, and compile their engine once {@link ScanWorker.compile} gives
 * them its source. Each must be closed, whether it was given a source or not.
 */
export function prestartWorkers(count: number): ScanWorker[] {
  const entry = bundledWorker();
  return Array.from({ length: count }, () => new ScanWorker(entry));
}

/**
 * The buffer of `bytes` to move to the worker instead of copying it, when `bytes` is all of it
 * (a chunk cut and gathered by the readers is; a small `Buffer` shares Node's pool with others,
 * and moving that would take it from them). The reading thread needs a chunk no more once handed.
 */
function ownedBuffer(bytes: Uint8Array): ArrayBuffer[] {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

/** One worker thread and the tasks sent to it. */
export class ScanWorker {
  private readonly started: Promise<Worker>;
  /** The thread once it has been sent its engine's source: tasks are sent after it. */
  private readonly sourced: Promise<Worker>;
  private giveSource!: (source: EngineSource) => void;
  /** How the thread was started: from the bundle, or through tsx. */
  readonly loader: Promise<'bundle' | 'tsx'>;
  private readonly waiting = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  private next = 0;
  private closed = false;
  private failed: Error | undefined;
  private compiled = false;

  /** Starts the thread from `entry`; it compiles its engine once given `source`, here or by {@link compile}. */
  constructor(entry: Promise<WorkerEntry>, source?: EngineSource) {
    this.loader = entry.then((how) => ('code' in how ? 'bundle' : 'tsx'));
    this.started = entry.then((how) => {
      // A small young generation: a chunk's garbage is collected young instead of being promoted.
      const options = { resourceLimits: { maxYoungGenerationSizeMb: 8 } };
      const worker = 'code' in how ? new Worker(how.code, { ...options, eval: true }) : new Worker(how.file, options);
      worker.on('message', (answer: WorkerAnswer | WorkerReady) => this.answer(answer));
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => this.fail(new Error(`the worker thread stopped (exit code ${code})`)));
      return worker;
    });
    const given = new Promise<EngineSource>((resolve) => {
      this.giveSource = resolve;
    });
    this.sourced = Promise.all([this.started, given]).then(([worker, engineSource]) => {
      worker.postMessage({ source: engineSource } satisfies WorkerSource);
      return worker;
    });
    // A thread that fails to start fails its tasks (run) and is closed (close): its rejection must not also end the process as unhandled.
    this.sourced.catch(() => undefined);
    if (source !== undefined) this.compile(source);
  }

  /** Sends the thread what it compiles its engine from; only the first call counts. */
  compile(source: EngineSource): void {
    this.giveSource(source);
  }

  /** False once the thread has failed: it takes no more tasks. */
  get alive(): boolean {
    return this.failed === undefined;
  }

  /**
   * True once the thread has compiled its engine, until it fails. A chunk handed to a thread still
   * starting would hold up the output, in input order, until the thread is ready (some tenths of
   * a second): `workerRunner` hands chunks only to ready threads and classifies the others itself.
   */
  get ready(): boolean {
    return this.compiled && this.alive;
  }

  /** Tasks sent and not answered. */
  get pending(): number {
    return this.waiting.size;
  }

  run(task: ChunkTask): Promise<ChunkResult> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise<ChunkResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.sourced.then(
        (worker) => {
          try {
            worker.postMessage({ id, task }, ownedBuffer(task.chunk.bytes));
          } catch (err) {
            // Not sent (a chunk whose bytes were already moved elsewhere): this task fails, not the worker.
            this.waiting.delete(id);
            reject(err as Error);
          }
        },
        (err: Error) => this.fail(err),
      );
    });
  }

  private answer(answer: WorkerAnswer | WorkerReady): void {
    if ('ready' in answer) {
      this.compiled = true;
      return;
    }
    const task = this.waiting.get(answer.id);
    if (task === undefined) return;
    this.waiting.delete(answer.id);
    if ('result' in answer) task.resolve(answer.result);
    else task.reject(new Error(answer.error));
  }

  /** The worker is gone: every task it had fails (`scan` reports each as a chunk it could not classify). */
  private fail(err: Error): void {
    if (this.closed) return;
    this.failed ??= err;
    for (const task of this.waiting.values()) task.reject(err);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    try {
      await (await this.started).terminate();
    } catch {
      // A worker that failed to start has nothing to stop.
    }
  }
}
