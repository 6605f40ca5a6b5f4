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
import type { ZipPart } from './visit.ts';
import type { WalkTask } from './worker.ts';
import { planZipParts, zipRecord } from './zipSplit.ts';

const WORKER = new URL('./workerEntry.mjs', import.meta.url).href;
/** Heap cap of one worker: a hostile file needing more kills that worker (its file is reported), never the process. */
const WORKER_HEAP_MB = 384;

type Message = { records: FoundFile[] } | { end: true; error?: string };

/** What is in flight, in order: a top-level file, a part of a large zip, or a split zip's own record. */
interface InFlight {
  records(): AsyncGenerator<FoundFile>;
  close(): void;
}

/** One top-level file (or one part of a split zip) in flight: its batches as they arrive. */
class TaskStream implements InFlight {
  private readonly batches: FoundFile[][] = [];
  private ended = false;
  private failure: unknown;
  private wake: (() => void) | undefined;
  /** For a part of a zip: what it gives the zip's record (a limit reached, a failure), once its records are taken. */
  error: string | undefined;

  constructor(
    readonly root: Root,
    private readonly port: MessagePort,
    done: Promise<unknown>,
    private readonly part = false,
  ) {
    port.on('message', (message: Message) => {
      if ('end' in message) {
        this.ended = true;
        this.error = message.error;
      } else this.batches.push(message.records);
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
          const record = failed(this.root, this.failure);
          // A part's failure goes on the zip's record, which comes after the parts.
          if (this.part) this.error = record.error;
          else yield record;
          return;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.port.close();
    }
  }
}

/** A split zip's own record, after its parts: its hashes, and the first error a part gave it. */
class ZipRecord implements InFlight {
  private readonly stop = new AbortController();
  private readonly record: Promise<FoundFile>;

  constructor(
    path: string,
    private readonly parts: readonly TaskStream[],
  ) {
    this.record = zipRecord(path, this.stop.signal);
  }

  async *records(): AsyncGenerator<FoundFile> {
    const record = await this.record;
    const error = this.parts.find((p) => p.error !== undefined)?.error;
    if (error !== undefined) record.error ??= error;
    yield record;
  }

  close(): void {
    this.stop.abort();
    this.record.catch(() => undefined);
  }
}

/** Zips on disk over this size are split into parts of about this size, read by all threads. */
export const DEFAULT_ZIP_PART_BYTES = 64 * 1024 * 1024;

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
  // Three per thread, so a thread that is done with a short file finds another while a long one
  // is still being read by its neighbour (with one more than the threads, it waited for it).
  const window = 3 * jobs;
  const partBytes = options.zipPartBytes ?? DEFAULT_ZIP_PART_BYTES;
  const pending: InFlight[] = [];
  const run = (root: Root, part?: ZipPart) => {
    const { port1, port2 } = new MessageChannel();
    const task: WalkTask = { root, options: resolved, part, port: port2 };
    const stream = new TaskStream(root, port1, pool.run(task, { transferList: [port2] }), part !== undefined);
    pending.push(stream);
    return stream;
  };
  try {
    for await (const root of listRoots(sources)) {
      const parts = 'size' in root ? await planZipParts(root.path, root.size, resolved.limits, partBytes).catch(() => undefined) : undefined;
      if (!parts) {
        run(root);
        while (pending.length >= window) yield* pending.shift()!.records();
        continue;
      }
      const path = (root as { path: string }).path;
      const streams: TaskStream[] = [];
      for (const part of parts) {
        streams.push(run(root, part));
        while (pending.length >= window) yield* pending.shift()!.records();
      }
      pending.push(new ZipRecord(path, streams));
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
