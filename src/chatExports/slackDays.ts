/**
 * Slack day files cut into chunks of messages. A day file of up to {@link WHOLE_DAY_BYTES} is read
 * whole by the reading thread and handed on as it is (a {@link DaysChunk}, several small ones
 * together), to be parsed on the thread that classifies it: with one `JSON.parse` when it is a
 * valid array (chunks.ts), cut into its messages by {@link cutDay} when it is not. A larger day
 * file (every one with `ReaderOptions.wholeDays` false) is streamed and cut as it is read
 * (slackExport.ts). Both give the same records and problems.
 */
import { ByteParts } from './bytes.ts';
import type { ElementGroup, ElementsChunk, ExportPiece } from './chunks.ts';
import { splitJsonBytes, type SplitEvent } from './jsonSplitter.ts';
import type { ExportProblem } from './record.ts';
import type { SlackChannel } from './slackMessage.ts';

/** Day files up to this size are read whole and cut where they are classified (most are some 100 kB). */
export const WHOLE_DAY_BYTES = 1024 * 1024;

/** One day file of a {@link DaysChunk}: its bytes end at `end` and start where the one before ends. */
export interface WholeDay {
  file: string;
  channel: SlackChannel;
  end: number;
  /** Reading the file failed after its first `end` bytes: the reason. */
  error?: string;
}

/** Whole day files, one after another in `bytes`, not yet cut into messages. */
export interface DaysChunk {
  kind: 'slackDays';
  bytes: Uint8Array;
  days: WholeDay[];
  /** Bytes of messages per chunk they are cut into. */
  chunkBytes: number;
}

/** Counts the messages of one day file met so far (for the message of a file that breaks off). */
export interface DayCount {
  read: number;
}

/**
 * What one event of a day file's split gives: a chunk of its messages, a problem, nothing, or
 * `'stop'` when the file is not an array of messages.
 */
export function dayPiece(event: SplitEvent, file: string, channel: SlackChannel, count: DayCount): ExportPiece | 'stop' | undefined {
  if (event.kind === 'top' && event.type !== 'array') return 'stop';
  if (event.kind === 'tooLarge') {
    count.read += 1;
    return { error: `message ${event.index + 1}: too large (over 16 MiB), skipped`, file };
  }
  if (event.kind !== 'elements') return undefined;
  count.read += event.ends.length;
  return { kind: 'slack', bytes: event.bytes, ends: event.ends, groups: [{ file, channel, firstIndex: event.firstIndex, count: event.ends.length }] };
}

/** The problem of a day file that is not an array. */
export const notAnArray = (file: string): ExportProblem => ({ error: 'expected an array of messages', file });

/** The problem of a day file whose reading or JSON broke off after `read` messages. */
export const brokenOff = (file: string, read: number, reason: string): ExportProblem => ({
  error: `unreadable or not valid JSON after ${read} message(s): ${reason}`,
  file,
});

/**
 * The chunks and problems of one whole day file, as slackExport.ts would give them cut as it is
 * read: for a day that is not a valid array (or whose reading failed after `bytes`), to find the
 * messages that can be read and say where it broke.
 */
export function* cutDay(bytes: Buffer, day: WholeDay, chunkBytes: number): Generator<ExportPiece> {
  const count: DayCount = { read: 0 };
  try {
    for (const event of splitJsonBytes(bytes, { batchBytes: chunkBytes }, day.error === undefined)) {
      const piece = dayPiece(event, day.file, day.channel, count);
      if (piece === 'stop') {
        yield notAnArray(day.file);
        return;
      }
      if (piece !== undefined) yield piece;
    }
  } catch (err) {
    yield brokenOff(day.file, count.read, (err as Error).message);
    return;
  }
  if (day.error !== undefined) yield brokenOff(day.file, count.read, day.error);
}

/** Gathers the messages of successive day files into chunks of about `size` bytes. */
export class ChunkBuilder {
  private bytes = new ByteParts();
  private ends: number[] = [];
  private groups: ElementGroup[] = [];

  constructor(private readonly size: number) {}

  /**
   * Takes the next piece of the export: a chunk of a day file's messages is gathered, and given
   * back once enough are; anything else (a problem, whole day files) is given back at once, after
   * the messages gathered before it, so it keeps its place among them.
   */
  *accept(piece: ExportPiece): Generator<ExportPiece> {
    if ('kind' in piece && piece.kind === 'slack') {
      const full = this.add(piece);
      if (full !== undefined) yield full;
      return;
    }
    const pending = this.take();
    if (pending !== undefined) yield pending;
    yield piece;
  }

  /** Adds a day file's elements; returns a chunk once enough is gathered. */
  add(chunk: ElementsChunk): ElementsChunk | undefined {
    if (this.bytes.length > 0) this.bytes.push(COMMA);
    const offset = this.bytes.length;
    this.bytes.push(chunk.bytes);
    for (const end of chunk.ends) this.ends.push(offset + end);
    this.groups.push(...chunk.groups);
    return this.bytes.length >= this.size ? this.take() : undefined;
  }

  /** The messages gathered, as one chunk (none when there are none); one day file as it came, not copied. */
  take(): ElementsChunk | undefined {
    if (this.ends.length === 0) return undefined;
    const chunk: ElementsChunk = { kind: 'slack', bytes: this.bytes.take(), ends: this.ends, groups: this.groups };
    this.ends = [];
    this.groups = [];
    return chunk;
  }
}

const COMMA = Buffer.from(',');

/**
 * Gathers whole day files (read by the reading thread) into {@link DaysChunk}s of about `size`
 * bytes, several small files to one.
 */
export class DaysBuilder {
  private bytes = new ByteParts();
  private days: WholeDay[] = [];

  constructor(private readonly size: number) {}

  /** Adds a day file read whole (or until its reading failed: `error`); returns a chunk once enough is gathered. */
  add(bytes: Uint8Array, file: string, channel: SlackChannel, error?: string): DaysChunk | undefined {
    this.bytes.push(bytes);
    this.days.push({ file, channel, end: this.bytes.length, ...(error !== undefined && { error }) });
    return this.bytes.length >= this.size ? this.take() : undefined;
  }

  /** The day files gathered, as one chunk (none when there are none); one day file as it was read, not copied. */
  take(): DaysChunk | undefined {
    if (this.days.length === 0) return undefined;
    const chunk: DaysChunk = { kind: 'slackDays', bytes: this.bytes.take(), days: this.days, chunkBytes: this.size };
    this.days = [];
    return chunk;
  }
}
