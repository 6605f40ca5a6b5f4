/** Every extractor, in one list, and the lookup by type the walker and attachment inspection use. */
import type { FileType } from '../types.ts';
import type { Extractor } from './extractor.ts';
import { plainTextExtractor } from './plainText.ts';
import { htmlExtractor } from './html.ts';
import { pdfExtractor } from './pdf.ts';
import { officeExtractor } from './office.ts';
import { rtfExtractor } from './rtf.ts';
import { emailExtractor } from './email.ts';

export const EXTRACTORS: readonly Extractor[] = [
  plainTextExtractor,
  htmlExtractor,
  pdfExtractor,
  officeExtractor,
  rtfExtractor,
  emailExtractor,
];

const BY_TYPE = new Map<FileType, Extractor>(EXTRACTORS.flatMap((e) => e.types.map((t) => [t, e] as const)));

/** The extractor reading `type`, if any. */
export function extractorFor(type: FileType): Extractor | undefined {
  return BY_TYPE.get(type);
}
