/**
 * Whether the attachments of a message are inspected, per `attachments.inspect`. Kept apart from
 * the inspection pool so that `scan`'s classifying threads can decide without loading it.
 */
import type { Config } from '../core/index.ts';

/** Whether attachments of a message are inspected, per `attachments.inspect`. */
export function shouldInspect(config: Config, inBlackout: boolean): boolean {
  const mode = config.attachments.inspect;
  return mode === 'always' || (mode === 'inWindow' && inBlackout);
}
