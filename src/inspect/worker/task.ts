/**
 * What one inspection worker thread does with one attachment, held in memory: walk it (type by
 * content, archives opened with the limits against bombs, documents' text extracted, images
 * hashed), then let each inspector examine each file found (OCR). Returns what was found; the
 * main thread matches it. Nothing is written to disk or logged here.
 */
import { threadId } from 'node:worker_threads';
import { walk } from '../../extract/walk.ts';
import { IMAGE_TYPES } from '../../extract/types.ts';
import { forgetResults } from '../../extract/resultCache.ts';
import { INSPECTORS } from '../inspectors/registry.ts';
import type { FileEvidence, InspectTask, InspectTaskResult } from '../types.ts';
import { evidenceOf } from './evidence.ts';

export default async function inspectTask(task: InspectTask): Promise<InspectTaskResult> {
  if (task.warmUp) {
    if (!task.options.ocr) return { files: [], warm: { thread: threadId, ocrLanguages: [] } };
    const reader = await import('../ocr/reader.ts');
    await reader.warmUpReader(task.options.ocrLanguages);
    // Then one screenshot through the whole path: the first real one then goes at full speed.
    const { warmUpImage } = await import('./warmUpImage.ts');
    await inspectTask({ name: 'warm-up.png', bytes: await warmUpImage(), options: task.options });
    return { files: [], warm: { thread: threadId, ocrLanguages: reader.loadedLanguages() } };
  }
  const files: FileEvidence[] = [];
  const source = { name: task.name, bytes: task.bytes };
  // Images are kept in memory (in this thread) only when OCR is to read them.
  const keepBytesOf = task.options.ocr ? [...IMAGE_TYPES] : [];
  try {
    for await (const found of walk(source, { ...(task.options.limits && { limits: task.options.limits }), keepBytesOf, text: true, pdq: true })) {
      const file = evidenceOf(found, task.name);
      for (const inspector of INSPECTORS) {
        if (!inspector.examine || file.notInspected) continue;
        try {
          await inspector.examine(file, found.content, task.options);
        } catch (err) {
          file.notInspected = { reason: 'inspection failed', detail: `${inspector.id}: ${(err as Error).message}` };
        }
      }
      files.push(file);
    }
  } finally {
    // The walker remembers what it read of each file (by hash) for dumps holding many copies;
    // of a chat attachment nothing is kept once it is inspected.
    forgetResults();
  }
  return { files };
}
