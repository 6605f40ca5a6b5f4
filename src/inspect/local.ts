/**
 * Inspection of local files for `blackout-guard check --attachment FILE`: the same inspectors,
 * pool and limits as the bots, for one message, then the pool is closed. Files are read into
 * memory (up to `attachments.maxBytes`), never copied elsewhere.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Classification, Engine } from '../core/index.ts';
import { AttachmentInspector, type HeldAttachment } from './inspection.ts';
import { inspectMessage } from './message.ts';
import type { InspectedClassification } from './merge.ts';

/**
 * `classification` with what the files at `paths` hold added, as the bots would (following
 * `attachments.inspect` for the message's time). A file that cannot be read is a note.
 */
export async function inspectLocalFiles(
  engine: Engine,
  classification: Classification,
  paths: readonly string[],
): Promise<Classification | InspectedClassification> {
  if (paths.length === 0) return classification;
  const held: HeldAttachment[] = [];
  for (const path of paths) {
    const bytes = await readFile(path);
    if (bytes.length <= engine.config.attachments.maxBytes) held.push({ name: basename(path), bytes });
  }
  const inspector = new AttachmentInspector({ threads: 1, maxQueued: paths.length });
  try {
    return await inspectMessage(inspector, engine, classification, held);
  } finally {
    await inspector.close();
  }
}
