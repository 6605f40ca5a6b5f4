/**
 * The warm-up of attachment inspection when the bots start: the first screenshot posted would
 * otherwise wait for a thread to start and the OCR models to load (a second or more). Run beside
 * the logins, never before them; a failure is logged and the models load with the first image.
 */
import type { Config } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import type { AttachmentInspector, WarmUpReport } from './inspection.ts';
import { processInspector } from './shared.ts';

/**
 * Warms `inspector` (default: the process's) when attachments are inspected with OCR, and logs
 * `attachment inspection ready` with the threads and languages made ready. Never rejects;
 * resolves to the report, or undefined when there was nothing to warm or it failed.
 */
export async function warmUpInspection(config: Config, logger: Logger, inspector?: AttachmentInspector): Promise<WarmUpReport | undefined> {
  if (config.attachments.inspect === 'never' || !config.attachments.ocr) return undefined;
  const started = performance.now();
  try {
    const report = await (inspector ?? processInspector()).warmUp(config);
    logger.info({ ...report, ms: Math.round(performance.now() - started) }, 'attachment inspection ready (OCR models loaded)');
    return report;
  } catch (err) {
    logger.warn({ err }, 'attachment inspection warm-up failed; the OCR models will load with the first image');
    return undefined;
  }
}
