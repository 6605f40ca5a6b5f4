/**
 * Where chunks are classified: on this thread (`--jobs 1`, and for inputs of a single chunk) or
 * on a pool of worker threads (piscina), each with its own compiled engine. Results come back as
 * promises; `scan` awaits them in input order, so the output keeps the order of the export.
 */
import { Piscina } from 'piscina';
import type { Config, Engine, ExtraRules } from '../core/index.ts';
import { classifyChunk, type ChunkResult, type ChunkTask } from './classifyChunk.ts';

/**
 * What a worker needs to compile the same engine (compiled indexes hold functions and cannot be
 * sent between threads): the configuration and the rules read from documents and banks.
 */
export interface EngineSource {
  config: Config;
  extra: ExtraRules;
}

export interface ChunkRunner {
  /** Chunks that may be in flight at once to keep every thread busy. */
  readonly inFlight: number;
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

const WORKER = new URL('./worker.mjs', import.meta.url).href;

/** Classifies on `jobs` worker threads. */
export function workerRunner(source: EngineSource, jobs: number): ChunkRunner {
  const pool = new Piscina({
    filename: WORKER,
    minThreads: jobs,
    maxThreads: jobs,
    workerData: source,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  return {
    // Two chunks per thread: one being classified, one waiting, so no thread idles between chunks.
    inFlight: jobs * 2,
    run: (task) => pool.run(task) as Promise<ChunkResult>,
    close: () => pool.destroy(),
  };
}
