/**
 * Walking on several cores: top-level files are spread over a pool of worker threads (piscina),
 * a bounded number at a time. Each sends its records in batches as it finds them, with credit-
 * based flow control, and the records are yielded in the same order as `walk` with one job gives
 * them; memory stays bounded whatever the size of one archive.
 * @see https://github.com/piscinajs/piscina#readme
 */
import { basename } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { FoundFile } from './types.ts';
import { listRoots, resolveOptions, type Root, type WalkOptions, type WalkSource } from './walk.ts';
import type { WalkTask } from './worker.ts';

const WORKER = new URL('./workerEntry.mjs', import.meta.url).href;
/** Heap cap of one worker: a hostile file needing more kills that worker (its file is reported), never the process. */
const WORKER_HEAP_MB = 384;

type Message = { records: FoundFile[] } | { end: true };

/** One top-level file in flight: its batches as they arrive. */
class TaskStream {
  private readonly batches: FoundFile[][] = [];
  private ended = false;
  private failure: unknown;
  private wake: (() => void) | undefined;

  constructor(
    readonly root: Root,
    private readonly port: MessagePort,
    done: Promise<unknown>,
  ) {
    port.on('message', (message: Message) => {
      if ('end' in message) this.ended = true;
      else this.batches.push(message.records);
      this.notify();
    });
    done.then(
      () => undefined,
      (err: unknown) => {
        this.failure = err;
        this.notify();
      },
    );
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }

  /** Lets go of the file's port (when the walk is left before its end). */
  close(): void {
    this.port.close();
  }

  /** The records of this file, in order; a worker that dies ends them with an error record. */
  async *records(): AsyncGenerator<FoundFile> {
    try {
      for (;;) {
        const batch = this.batches.shift();
        if (batch) {
          this.port.postMessage('more'); // one more batch of credit
          yield* batch;
          continue;
        }
        if (this.ended) return;
        if (this.failure !== undefined) {
          yield failed(this.root, this.failure);
          return;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.port.close();
    }
  }
}

/** Every file under `sources`, extracted and hashed by `options.jobs` worker threads. */
export async function* walkParallel(sources: readonly WalkSource[], options: WalkOptions = {}): AsyncGenerator<FoundFile> {
  const jobs = Math.max(1, options.jobs ?? 2);
  const resolved = resolveOptions(options);
  const pool = new Piscina<WalkTask, number>({
    filename: WORKER,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // Files in flight: the one being yielded and the next ones, working ahead within their credit.
  const window = jobs + 1;
  const pending: TaskStream[] = [];
  const start = (root: Root) => {
    const { port1, port2 } = new MessageChannel();
    const task: WalkTask = { root, options: resolved, port: port2 };
    pending.push(new TaskStream(root, port1, pool.run(task, { transferList: [port2] })));
  };
  try {
    for await (const root of listRoots(sources)) {
      start(root);
      while (pending.length >= window) yield* pending.shift()!.records();
    }
    while (pending.length > 0) yield* pending.shift()!.records();
  } finally {
    for (const task of pending) task.close();
    await pool.destroy();
  }
}

function failed(root: Root, err: unknown): FoundFile {
  const path = 'path' in root ? root.path : root.name;
  const bytes = 'size' in root ? root.size : 'bytes' in root ? root.bytes.length : 0;
  const reason = err instanceof Error ? err.message : String(err);
  return { path, name: basename(path), type: 'unknown', bytes, error: `unreadable: worker failed (${reason.slice(0, 200)})` };
}
