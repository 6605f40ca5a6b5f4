/**
 * An extractor reads the text of one family of documents. Each lives in its own file, declares
 * the types it reads, and is listed in `registry.ts`.
 */
import type { ExtractLimits } from '../limits.ts';
import type { FileType } from '../types.ts';

export interface Extractor {
  /** Short name, e.g. `pdf`. */
  name: string;
  /** The types it reads. */
  types: readonly FileType[];
  /** What it reads and with what, for people. */
  description: string;
  /** The document's text. Throws `ExtractError` with a short reason on a damaged or encrypted file. */
  extractText(bytes: Buffer, limits: ExtractLimits): Promise<string>;
}

/** A document that could not be read; the message is the short reason reported on the file. */
export class ExtractError extends Error {
  override name = 'ExtractError';
}

/** Cuts `text` to the limit (the start of a long document fingerprints it well enough). */
export function capText(text: string, limits: ExtractLimits): string {
  return text.length > limits.maxTextChars ? text.slice(0, limits.maxTextChars) : text;
}
