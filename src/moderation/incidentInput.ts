/**
 * The incident of one moderated message as the store keeps it: ids, verdict, leak sets, the kinds
 * of signal and the configured rules that matched, the window, the keyed hash of the text (never
 * the text), and what could not be inspected among its attachments. The same for a live message
 * and one found by a sweep.
 */
import type { Classification } from '../core/index.ts';
import type { IncomingMessage } from '../platform/index.ts';
import type { IncidentInput, IncidentOrigin } from '../store/store.ts';
import { keyedTextHash } from './textHash.ts';

/** The incident's fields known before acting (no outcome yet). */
export function incidentInput(message: IncomingMessage, classification: Classification, hashKey: string | undefined, origin: IncidentOrigin): IncidentInput {
  return {
    platform: message.platform,
    workspaceId: message.workspaceId,
    channelId: message.channelId,
    messageId: message.messageId,
    authorId: message.authorId,
    verdict: classification.verdict,
    leakIds: classification.leaks,
    signalKinds: [...new Set(classification.signals.map((s) => s.kind))],
    rules: [...new Set(classification.signals.map((s) => s.rule))],
    windowId: classification.windows[0] ?? null,
    actions: [],
    textHash: keyedTextHash(message.text, hashKey),
    messageAt: message.atMs,
    origin,
    ...inspectionNotes(classification),
  };
}

/**
 * The notes of a classification that went through attachment inspection (src/inspect/merge.ts),
 * `not inspected: busy (capture.png)`, one per file not inspected, as `{ notes }` to spread into an
 * incident or a log line; nothing when there are none.
 */
export function inspectionNotes(classification: Classification): { notes?: string[] } {
  const given = (classification as { notes?: unknown }).notes;
  const notes = Array.isArray(given) ? given.filter((n): n is string => typeof n === 'string') : [];
  return notes.length > 0 ? { notes } : {};
}
