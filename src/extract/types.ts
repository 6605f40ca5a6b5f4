/** What the extraction layer finds: file types and one record per file, at any depth. */

/** A file's type, told by its content (magic bytes), never by its name alone. */
export type FileType =
  | 'pdf'
  | 'zip'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'odt'
  | 'ods'
  | 'odp'
  | 'gzip'
  | 'tar'
  | 'eml'
  | 'mbox'
  | 'html'
  | 'rtf'
  | 'text'
  | 'jpeg'
  | 'png'
  | 'webp'
  | 'gif'
  | 'tiff'
  | 'unknown';

export const IMAGE_TYPES: ReadonlySet<FileType> = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff']);
export const OFFICE_TYPES: ReadonlySet<FileType> = new Set(['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);

/** One file found by the walker: a file on disk, an archive entry, an e-mail attachment, … */
export interface FoundFile {
  /** Where it is: `dump/a.zip!/mails/0001.eml!/rapport.pdf` inside containers. */
  path: string;
  /** Its own name (last segment of the path). */
  name: string;
  type: FileType;
  /** Size in bytes (read, or declared by the archive when the file was refused unread). */
  bytes: number;
  /** Lower-case hex; absent only when the file could not be read at all (refused, damaged archive). */
  sha256?: string;
  md5?: string;
  /** Extracted text of a document or an e-mail's body (never logged or stored by this layer). */
  text?: string;
  /** Number of words of `text` (kept even when the text itself is not asked for). */
  words?: number;
  /** PDQ perceptual hash of an image. */
  pdq?: { hash: string; quality: number };
  /** The file's content, only for the types listed in `WalkOptions.keepBytesOf`. */
  content?: Buffer;
  /** Why the file (or part of it) could not be read: `encrypted`, `damaged PDF: …`, `zip bomb refused: …`. */
  error?: string;
}
