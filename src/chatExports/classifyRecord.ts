/**
 * Classifies one exported message with the core, and shapes the result for `scan --json`:
 * ids, verdict, windows, leak sets and rule names, never the message text.
 */
import { classify, windowsAt, type Classification, type Engine, type Signal, type SignalKind, type Verdict } from '../core/index.ts';
import type { InspectionSignal } from '../inspect/inspector.ts';
import type { ExportRecord, RecordSource } from './record.ts';

/**
 * The record's classification. An edited message's text was on show from its edit on, and most
 * likely (when the edit did not add the material) from its posting: it is in blackout when
 * either instant is.
 */
export function classifyRecord(engine: Engine, record: ExportRecord): Classification {
  const result = classify(engine, { text: record.text, attachments: record.attachments, at: record.atMs });
  if (record.editedAtMs === undefined || record.editedAtMs === record.atMs) return result;
  const windows = [...result.windows];
  for (const w of windowsAt(engine.windows, record.editedAtMs)) {
    if (!windows.includes(w.id)) windows.push(w.id);
  }
  return { ...result, windows, inBlackout: windows.length > 0 };
}

/** A signal of `scan --json`: found in the message, or inside one of its attachments. */
export interface ResultSignal {
  kind: SignalKind;
  leak: string;
  rule: string;
  /** The attachment it was found in (its file name as posted), with `scan --media`. */
  attachment?: string;
  /** Where inside it (`capture.png`, `dump.zip!/mails/0007.eml`). */
  path?: string;
  /** What was found and where, e.g. `excerpt of mails/0007.eml via OCR of capture.png`; never the text. */
  found?: string;
  /** PDQ distance (bits) of a matching image. */
  distance?: number;
}

/** One line of `scan --json`. */
export interface ResultLine {
  id: string;
  verdict: Verdict;
  inBlackout: boolean;
  windows: string[];
  leaks: string[];
  signals: ResultSignal[];
  /** Attachments (or parts of them) not inspected: `not inspected: missing (capture.png)`. */
  notes?: string[];
  at: string;
  editedAt?: string;
  channel?: string;
  channelId?: string;
  user?: string;
  source: RecordSource;
}

export function resultLine(record: ExportRecord, c: Classification): ResultLine {
  return {
    id: record.id,
    verdict: c.verdict,
    inBlackout: c.inBlackout,
    windows: c.windows,
    leaks: c.leaks,
    signals: c.signals.map(resultSignal),
    ...(notesOf(c).length > 0 && { notes: notesOf(c) }),
    at: isoOrRaw(record.atMs),
    ...(record.editedAtMs !== undefined && { editedAt: isoOrRaw(record.editedAtMs) }),
    ...(record.channel !== undefined && { channel: record.channel }),
    ...(record.channelId !== undefined && { channelId: record.channelId }),
    ...(record.user !== undefined && { user: record.user }),
    source: record.source,
  };
}

function resultSignal(signal: Signal): ResultSignal {
  const { kind, leak, rule } = signal;
  const inside = signal as Partial<InspectionSignal>;
  if (typeof inside.attachment !== 'string' || typeof inside.description !== 'string') return { kind, leak, rule };
  return {
    kind,
    leak,
    rule,
    attachment: inside.attachment,
    ...(inside.path !== undefined && { path: inside.path }),
    found: inside.description,
    ...(inside.distance !== undefined && { distance: inside.distance }),
  };
}

/** The notes of a classification with inspection results (none otherwise). */
function notesOf(c: Classification): string[] {
  const notes = (c as { notes?: unknown }).notes;
  return Array.isArray(notes) ? (notes as string[]) : [];
}

/** ISO time; epoch ms beyond what Date can show (year > 275760) are given as a number string. */
function isoOrRaw(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
