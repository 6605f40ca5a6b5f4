/**
 * What inspection passes between the worker threads and the main thread. Texts (extracted or read
 * by OCR) live only in these objects, in memory, for the time of one inspection: they are never
 * logged, stored or written to disk, and signals never carry them.
 */
import type { ExtractLimits } from '../extract/limits.ts';

/** Why a file (or part of one) was not inspected; shown as `not inspected: <reason>`. */
export type NotInspectedReason =
  | 'busy'
  | 'time limit'
  | 'memory limit'
  | 'too large'
  | 'damaged'
  | 'encrypted'
  | 'archive bomb'
  | 'unsupported'
  | 'download failed'
  /** Referenced by a chat export but not found in it (`scan --media`). */
  | 'missing'
  | 'inspection failed';

/** What the inspection of one attachment saw of each file in it (the attachment itself first). */
export interface FileEvidence {
  /** Where the file is: the attachment's name, or `outer.zip!/inner/file.pdf` inside archives. */
  path: string;
  /** File name (last segment of `path`). */
  name: string;
  /** Type found by content (magic bytes), e.g. `pdf`, `zip`, `png`. */
  type: string;
  /** 0 for the attachment itself, 1 for an entry of it, and so on. */
  depth: number;
  bytes: number;
  sha256?: string;
  md5?: string;
  /** Text of a document (in memory only). */
  text?: string;
  /** Text read by OCR in an image (in memory only). */
  ocrText?: string;
  /** PDQ perceptual hash of an image. */
  pdq?: { hash: string; quality: number };
  /** Set when this file could not be (fully) inspected. */
  notInspected?: { reason: NotInspectedReason; detail?: string };
}

/** Options of one inspection task, sent to the worker. */
export interface InspectTaskOptions {
  ocr: boolean;
  ocrLanguages: readonly string[];
  /** Limits against archive bombs (the same as `fingerprint`'s unless given). */
  limits?: Partial<ExtractLimits>;
}

/** One inspection task: an attachment's bytes (transferred to the worker, not copied). */
export interface InspectTask {
  name: string;
  bytes: Uint8Array;
  options: InspectTaskOptions;
  /** Only start the thread (and the OCR models when `options.ocr`): nothing is inspected. */
  warmUp?: boolean;
}

export interface InspectTaskResult {
  files: FileEvidence[];
  /** Of a warm-up task: the thread that ran it and the OCR languages whose models it now holds. */
  warm?: { thread: number; ocrLanguages: string[] };
}
