/**
 * A worker thread of the pool: walks one top-level file and sends its records back in batches
 * over the task's port, waiting for the main thread to take them (a few batches of credit), so a
 * huge archive never piles up its records in memory on either side.
 */
import type { MessagePort } from 'node:worker_threads';
import sharp from 'sharp';
import type { FoundFile } from './types.ts';
import { walkRoot, walkZipPart, type ZipPart } from './visit.ts';
import type { ResolvedWalkOptions, Root } from './walk.ts';

export interface WalkTask {
  root: Root;
  options: ResolvedWalkOptions;
  /** Only this part of the zip `root` (see `zipSplit.ts`): its files, without the zip's own record. */
  part?: ZipPart;
  /**
   * Where batches go: `{ records }` messages, then `{ end: true, error? }` (`error`: what the
   * part of a zip gives the zip's record); the main thread answers each batch.
   */
  port: MessagePort;
}

/**
 * Batches the worker may send ahead of the main thread: enough to keep working while an earlier
 * file is still being taken (at most 8 M characters of text waiting per file in flight, and
 * `pool.ts` has three files in flight per thread).
 */
export const CREDIT = 8;
const BATCH_RECORDS = 64;
const BATCH_TEXT_CHARS = 1024 * 1024;

// Each worker decodes one picture at a time, on its own thread: no libvips thread pool or cache
// multiplied by the number of workers.
sharp.concurrency(1);
sharp.cache(false);

export default async function walkTask({ root, options, part, port }: WalkTask): Promise<number> {
  let credit = CREDIT;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credit++;
    wake?.();
  });
  let batch: FoundFile[] = [];
  let chars = 0;
  let count = 0;
  const send = async () => {
    while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    port.postMessage({ records: batch });
    batch = [];
    chars = 0;
  };
  try {
    const records = part && 'size' in root ? walkZipPart(root, options, part) : walkRoot(root, options);
    let error: string | undefined;
    for (;;) {
      const next = await records.next();
      if (next.done) {
        error = next.value ?? undefined;
        break;
      }
      const record = next.value;
      batch.push(record);
      count++;
      chars += record.text?.length ?? 0;
      if (batch.length >= BATCH_RECORDS || chars >= BATCH_TEXT_CHARS) await send();
    }
    if (batch.length > 0) await send();
    port.postMessage(error === undefined ? { end: true } : { end: true, error });
  } finally {
    port.close();
  }
  return count;
}
