/**
 * An export is read in two stages so the heavy one can run on several threads. The reading
 * thread cuts the input into chunks of raw bytes (whole JSON lines, or whole array elements of
 * Slack day files and Discord exports), of 64 KiB or so each, in export order. Each chunk is
 * then parsed into records on whichever thread classifies it ({@link parseChunk}): JSON parsing,
 * field checks and time parsing happen there, not on the reading thread. Slack day files that are
 * small enough go on whole and are parsed there, each with one `JSON.parse` (slackDays.ts).
 */
import { toBuffer } from './bytes.ts';
import type { DiscordChannel } from './discordMessage.ts';
import { discordRecord } from './discordMessage.ts';
import { parseLine } from './jsonLines.ts';
import type { ExportItem, ExportProblem } from './record.ts';
import type { SlackChannel } from './slackMessage.ts';
import { slackRecord } from './slackMessage.ts';
import { cutDay, type DaysChunk } from './slackDays.ts';
import { decodeUtf8 } from './utf8.ts';

/**
 * Bytes of messages per chunk. Small on purpose: the strings a chunk becomes (its decoded text,
 * its output) stay near V8's large-object size and mostly die young, instead of piling up in the
 * large-object space until a full collection (1 MiB chunks cost some 70 MB more per thread).
 */
export const CHUNK_BYTES = 64 * 1024;

/** Bytes read from a file at once: a read of 1 MiB costs little more than one of 64 KiB. */
export const READ_BYTES = 1024 * 1024;

/** Whole lines of a JSON Lines file, the first being line `firstLine`. */
export interface LinesChunk {
  kind: 'lines';
  file: string;
  firstLine: number;
  bytes: Uint8Array;
}

/** Consecutive messages of one day file (Slack) or one export (Discord). */
export interface ElementGroup {
  file: string;
  channel: SlackChannel | DiscordChannel;
  /** Position of the group's first message in its file. */
  firstIndex: number;
  count: number;
}

/**
 * Array elements (one message each), separated by commas; element i ends at `ends[i]` and
 * starts one byte after the end of the one before. `groups` say which file each comes from.
 */
export interface ElementsChunk {
  kind: 'slack' | 'discord';
  bytes: Uint8Array;
  ends: number[];
  groups: ElementGroup[];
}

export type ExportChunk = LinesChunk | ElementsChunk | DaysChunk;

/** What the reading stage yields: a chunk, or a problem found while cutting (a file, a line too long). */
export type ExportPiece = ExportChunk | ExportProblem;

export function isChunk(piece: ExportPiece): piece is ExportChunk {
  return 'kind' in piece;
}

/** Parses a chunk into records and problems, in order, handing each to `each`. */
export function parseChunk(chunk: ExportChunk, zone: string, each: (item: ExportItem) => void): void {
  if (chunk.kind === 'lines') parseLines(chunk, zone, each);
  else if (chunk.kind === 'slackDays') parseDays(chunk, zone, each);
  else parseElements(chunk, zone, each);
}

/**
 * Whole day files, each parsed with one `JSON.parse` where it is a valid array (nearly always):
 * nothing to cut. A day that is not, or whose reading failed, is cut into its messages (cutDay),
 * which finds those that can be read and says where it broke.
 */
function parseDays(chunk: DaysChunk, zone: string, each: (item: ExportItem) => void): void {
  const bytes = toBuffer(chunk.bytes);
  let start = 0;
  for (const day of chunk.days) {
    const dayBytes = bytes.subarray(start, day.end);
    start = day.end;
    const messages = day.error === undefined ? wholeArray(dayBytes) : undefined;
    if (messages !== undefined) {
      for (let i = 0; i < messages.length; i++) each(slackRecord(messages[i], day.channel, day.file, i));
      continue;
    }
    for (const piece of cutDay(dayBytes, day, chunk.chunkBytes)) {
      if (isChunk(piece)) parseChunk(piece, zone, each);
      else each(piece);
    }
  }
}

/** The elements of `bytes` when they are a valid JSON array; otherwise undefined. */
function wholeArray(bytes: Buffer): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(decodeUtf8(bytes));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseLines(chunk: LinesChunk, zone: string, each: (item: ExportItem) => void): void {
  const text = decodeUtf8(toBuffer(chunk.bytes));
  let line = chunk.firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let content = text.slice(start, text.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end);
    if (line === 1 && content.charCodeAt(0) === 0xfeff) content = content.slice(1);
    // Most lines start with "{": only the others need the (copying) blank test.
    if (content.charCodeAt(0) === 123 || content.trim() !== '') each(parseLine(content, chunk.file, line, zone));
    line += 1;
    start = end + 1;
  }
}

function parseElements(chunk: ElementsChunk, zone: string, each: (item: ExportItem) => void): void {
  const bytes = toBuffer(chunk.bytes);
  // Usually every element is valid JSON: one parse of the whole chunk is the fastest way.
  let values: unknown[] | undefined;
  try {
    values = JSON.parse(`[${decodeUtf8(bytes)}]`) as unknown[];
    if (values.length !== chunk.ends.length) values = undefined;
  } catch {
    values = undefined;
  }
  let i = 0;
  for (const group of chunk.groups) {
    for (let k = 0; k < group.count; k++, i++) {
      const index = group.firstIndex + k;
      let value: unknown;
      if (values !== undefined) value = values[i];
      else {
        const start = i === 0 ? 0 : chunk.ends[i - 1]! + 1;
        try {
          value = JSON.parse(bytes.toString('utf8', start, chunk.ends[i]!));
        } catch {
          const where = chunk.kind === 'slack' ? `message ${index + 1}` : `messages[${index}]`;
          each({ error: `${where}: not valid JSON`, file: group.file });
          continue;
        }
      }
      each(
        chunk.kind === 'slack'
          ? slackRecord(value, group.channel as SlackChannel, group.file, index)
          : discordRecord(value, group.channel, group.file, index, zone),
      );
    }
  }
}
