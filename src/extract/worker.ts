/** A worker thread of the pool: walks one top-level file and returns its records in order. */
import sharp from 'sharp';
import type { FoundFile } from './types.ts';
import { walkRoot, type ResolvedWalkOptions, type Root } from './walk.ts';

export interface WalkTask {
  root: Root;
  options: ResolvedWalkOptions;
}

// Each worker decodes one picture at a time, on its own thread: no libvips thread pool or cache
// multiplied by the number of workers.
sharp.concurrency(1);
sharp.cache(false);

export default async function walkTask(task: WalkTask): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  for await (const record of walkRoot(task.root, task.options)) out.push(record);
  return out;
}
