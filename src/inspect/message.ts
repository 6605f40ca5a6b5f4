/**
 * The inspection step of one message's moderation, kept apart from the text verdict: only a
 * message with attachments held in memory waits for it, so a text message is never delayed by a
 * queued image. Attachments are inspected when `attachments.inspect` says so for the message's
 * time, unless the message is already a `share` by what it says (it will be deleted anyway).
 */
import type { Classification, Engine } from '../core/index.ts';
import type { AttachmentInspector, HeldAttachment, InspectContext } from './inspection.ts';
import { shouldInspect } from './inspection.ts';
import { withInspection, type InspectedClassification } from './merge.ts';

/**
 * `classification` with what `held` attachments hold added; unchanged when nothing is to be
 * inspected. Never throws (files that cannot be inspected are notes).
 */
export async function inspectMessage(
  inspector: AttachmentInspector | undefined,
  engine: Engine,
  classification: Classification,
  held: readonly HeldAttachment[] | undefined,
  context: InspectContext = {},
): Promise<Classification | InspectedClassification> {
  if (!inspector || !held || held.length === 0) return classification;
  if (classification.verdict === 'share' || !shouldInspect(engine.config, classification.inBlackout)) return classification;
  const found = await Promise.all(held.map((attachment) => inspector.inspect(engine, attachment, context)));
  return withInspection(classification, found);
}
