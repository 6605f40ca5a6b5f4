/**
 * Walking on several cores: top-level files are spread over a pool of worker threads (piscina),
 * a bounded number at a time, and their records are yielded in the same order as `walk` with one
 * job would yield them.
 * @see https://github.com/piscinajs/piscina#readme
 */
import { Piscina } from 'piscina';
import type { FoundFile } from './types.ts';
import { basename } from 'node:path';
import { listRoots, resolveOptions, type Root, type WalkOptions, type WalkSource } from './walk.ts';
import type { WalkTask } from './worker.ts';

const WORKER = new URL('./workerEntry.mjs', import.meta.url).href;
const WORKER_HEAP_MB = 384;

/** Every file under `sources`, extracted and hashed by `options.jobs` worker threads. */
export async function* walkParallel(sources: readonly WalkSource[], options: WalkOptions = {}): AsyncGenerator<FoundFile> {
  const jobs = Math.max(1, options.jobs ?? 2);
  const resolved = resolveOptions(options);
  const pool = new Piscina<WalkTask, FoundFile[]>({
    filename: WORKER,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
    // A memory cap per worker: a hostile file that needs more kills that worker (its top-level
    // file is reported unreadable), never the process; it also makes the heap collect early.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // Results wait in order; at most this many top-level files are in flight, which bounds memory.
  const window = jobs * 2;
  const pending: Promise<FoundFile[]>[] = [];
  try {
    for await (const root of listRoots(sources)) {
      // A worker that dies (out of memory on a hostile file) costs that file only.
      const task = pool.run({ root, options: resolved }).catch((err: unknown): FoundFile[] => [failed(root, err)]);
      pending.push(task);
      while (pending.length >= window) yield* await pending.shift()!;
    }
    while (pending.length > 0) yield* await pending.shift()!;
  } finally {
    await Promise.allSettled(pending);
    await pool.destroy();
  }
}

function failed(root: Root, err: unknown): FoundFile {
  const path = 'path' in root ? root.path : root.name;
  const bytes = 'size' in root ? root.size : 'bytes' in root ? root.bytes.length : 0;
  return { path, name: basename(path), type: 'unknown', bytes, error: `unreadable: worker failed (${(err as Error).message?.slice(0, 200)})` };
}
