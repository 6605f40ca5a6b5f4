/**
 * What every export reader yields: one record per chat message, or a problem with one record (or
 * one file) that the scan reports and skips. Records keep the text only long enough to classify
 * it; nothing downstream prints it.
 */
import type { Attachment } from '../core/index.ts';

/** Where a record or a problem comes from: the file (inside an export, `export.zip!general/2017-05-06.json`) and, for JSON Lines, the line. */
export interface RecordSource {
  file: string;
  line?: number;
}

/**
 * An attachment whose content an export may carry: a DiscordChatExporter export made with
 * `--media` gives a local `path` (relative to the JSON file's folder); a Slack export gives the
 * file's id, found in the export's `__uploads/<id>/` (or `<channel>/attachments/<id>-<name>`).
 */
export interface MediaRef {
  /** File name as posted. */
  name: string;
  /** Local path as written in the export (never an http(s) URL). */
  path?: string;
  /** Slack file id. */
  fileId?: string;
}

/** One chat message read from an export. */
export interface ExportRecord {
  /** The message's id on its platform (JSON Lines: as given; Slack: its `ts`; Discord: its snowflake). */
  id: string;
  text: string;
  /** When the message was posted, epoch ms. */
  atMs: number;
  /** When it was last edited, epoch ms, when the export says so (its text is the edited one). */
  editedAtMs?: number;
  attachments: Attachment[];
  /** Files of the message that the export itself may hold (read by `scan --media`). */
  media?: MediaRef[];
  /** Channel name (Slack, Discord) or the `channel` field (JSON Lines). */
  channel?: string;
  /** Channel id, when the export gives one besides the name. */
  channelId?: string;
  /** Author id. */
  user?: string;
  source: RecordSource;
}

/** A record (or a whole file) that could not be read; the scan reports it and goes on. */
export interface ExportProblem {
  error: string;
  file: string;
  line?: number;
}

export type ExportItem = ExportRecord | ExportProblem;

export function isProblem(item: ExportItem): item is ExportProblem {
  return 'error' in item;
}

/** Counts bytes of message data read, so a progress bar can follow a long scan. */
export interface ByteMeter {
  /** More bytes are expected (a file's size, once it is known). */
  expect(bytes: number): void;
  /** Bytes were read. */
  advance(bytes: number): void;
}

/** A meter that counts nothing, for callers that show no progress. */
export const NO_METER: ByteMeter = { expect: () => {}, advance: () => {} };

/** Options every reader takes. */
export interface ReaderOptions {
  /** Zone of times written without an offset (the configuration's `timezone`). */
  zone: string;
  meter?: ByteMeter;
  /** Bytes of messages per chunk handed to the parsing stage (default 1 MiB). */
  chunkBytes?: number;
  /** Longest JSON line or array element kept (default 16 MiB). */
  maxLineBytes?: number;
  /**
   * Slack day files up to 1 MiB are handed on whole, to be parsed by `parseChunk` on the thread
   * that classifies them (the default); false cuts every day file as it is read, as a larger one is.
   */
  wholeDays?: boolean;
}
