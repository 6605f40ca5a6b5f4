/**
 * An inspector looks at one kind of thing inside attachments. Each lives in its own file under
 * `inspectors/`, declares what it does, and has two halves:
 * - `examine` (optional) runs in a worker thread and adds to what is known of a file (OCR text);
 * - `match` runs on the main thread against the engine's indexes, which are built once there, and
 *   reports signals that say what was found and where, never the text.
 */
import type { Engine, Signal } from '../core/index.ts';
import type { FileEvidence, InspectTaskOptions } from './types.ts';

export type InspectorId = 'document' | 'archive' | 'image-pdq' | 'image-ocr';

/** A signal found inside an attachment. */
export interface InspectionSignal extends Signal {
  inspector: InspectorId;
  /** The attachment's file name as posted. */
  attachment: string;
  /** Where inside it (`capture.png`, `dump.zip!/mails/0007.eml`). */
  path: string;
  /** For people and logs, e.g. `excerpt of mails/0007.eml via OCR of capture.png`. Never the text. */
  description: string;
  /** PDQ distance (bits) of a matching image. */
  distance?: number;
}

export type EmitInspection = (signal: Omit<InspectionSignal, 'attachment' | 'inspector'>) => void;

export interface Inspector {
  id: InspectorId;
  /** What it does, for the documentation and `--help`. */
  summary: string;
  /** Worker side: adds evidence to `file` (may read `content`, the file's bytes, when kept). */
  examine?(file: FileEvidence, content: Buffer | undefined, options: InspectTaskOptions): Promise<void>;
  /** Main side: the signals `file` gives against the engine. */
  match(file: FileEvidence, engine: Engine, emit: EmitInspection): void;
}
