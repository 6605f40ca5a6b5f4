/**
 * Classifies one exported message with the core, and shapes the result for `scan --json`:
 * ids, verdict, windows, leak sets and rule names, never the message text.
 */
import type { Classification, Engine, Signal, SignalKind, Verdict } from '../core/index.ts';
// From their own modules: scan's worker bundle holds only what classifying needs (see scanWorker.ts).
import { classify } from '../core/classify.ts';
import { windowsAt } from '../core/windows.ts';
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
  // Built field by field in the order of the output line (no spread of small objects per message).
  const line: Partial<ResultLine> = {
    id: record.id,
    verdict: c.verdict,
    inBlackout: c.inBlackout,
    windows: c.windows,
    leaks: c.leaks,
    signals: c.signals.length === 0 ? [] : c.signals.map(resultSignal),
  };
  const notes = notesOf(c);
  if (notes.length > 0) line.notes = notes;
  line.at = isoOrRaw(record.atMs);
  if (record.editedAtMs !== undefined) line.editedAt = isoOrRaw(record.editedAtMs);
  if (record.channel !== undefined) line.channel = record.channel;
  if (record.channelId !== undefined) line.channelId = record.channelId;
  if (record.user !== undefined) line.user = record.user;
  line.source = record.source;
  return line as ResultLine;
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

const DAY_MS = 86_400_000;
/** Largest epoch ms a Date can hold (either side of 1970). */
const MAX_DATE_MS = 8.64e15;

/** The last day formatted by `isoOrRaw` (`2017-05-06T`): messages come in runs of the same day. */
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

/**
 * ISO time exactly as `Date#toISOString` writes it; epoch ms beyond what Date can show
 * (year > 275760) are given as a number string. The date part is formatted once per day and the
 * time of day by arithmetic: `toISOString` per message was some 7% of a one-thread scan.
 */
export function isoOrRaw(ms: number): string {
  if (!(Math.abs(ms) <= MAX_DATE_MS)) return String(ms);
  // What Date keeps of a fractional or negative-zero time.
  const t = Math.trunc(ms) + 0;
  const day = Math.floor(t / DAY_MS);
  if (day !== cachedDay) {
    const iso = new Date(day * DAY_MS).toISOString();
    cachedDayPrefix = iso.slice(0, iso.indexOf('T') + 1);
    cachedDay = day;
  }
  const inDay = t - day * DAY_MS;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor(inDay / 60_000) % 60;
  const seconds = Math.floor(inDay / 1000) % 60;
  const millis = inDay % 1000;
  return `${cachedDayPrefix}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
