/**
 * A Slack export is a tree of JSON files, as a folder or inside a zip. Its reader sees both
 * through this one interface.
 */
import type { Readable } from 'node:stream';

export interface ExportTree {
  /** The export as the user named it (shown in messages). */
  label: string;
  /** Every regular file, as `/`-separated paths relative to the export, with its size in bytes. */
  files: Map<string, number>;
  /** Where a file of the export is, for messages: `export.zip!general/2017-05-06.json`. */
  describe(path: string): string;
  /** Streams one file's bytes. */
  open(path: string): Promise<Readable>;
  /** Releases the folder or zip. */
  close(): void;
  /** Entries that were left out (unsafe names, encrypted), each with the reason. */
  skipped: { path: string; reason: string }[];
}
