/**
 * The process's one attachment inspector, started on first use, for the bots' moderation: the
 * pool's threads are shared by every platform in the process (the point of a bounded pool), and
 * idle threads do not keep the process alive (piscina unreferences them).
 */
import { AttachmentInspector } from './inspection.ts';

let shared: AttachmentInspector | undefined;

/**
 * The inspector of this process, made with the default bounds the first time it is asked for.
 * Callers pass their own logger with each inspection.
 */
export function processInspector(): AttachmentInspector {
  shared ??= new AttachmentInspector();
  return shared;
}

/** Ends the threads of the process's inspector, if it was started (shutdown). */
export async function closeProcessInspector(): Promise<void> {
  const inspector = shared;
  shared = undefined;
  await inspector?.close();
}
