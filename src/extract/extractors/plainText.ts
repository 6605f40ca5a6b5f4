/** Plain text: UTF-8, else windows-1252 / ISO-8859-1 (see `decodeText`). */
import { decodeText } from '../decodeText.ts';
import { capText, type Extractor } from './extractor.ts';

export const plainTextExtractor: Extractor = {
  name: 'text',
  types: ['text'],
  description: 'plain text in UTF-8 (or UTF-16 with a BOM), else windows-1252 / ISO-8859-1',
  extractText: async (bytes, limits) => capText(decodeText(bytes.subarray(0, limits.maxTextChars * 4)), limits),
};
