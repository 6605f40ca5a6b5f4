/** HTML pages: visible text, charset from the bytes (UTF-8, else windows-1252). */
import { decodeText } from '../decodeText.ts';
import { htmlToText } from '../htmlText.ts';
import { capText, type Extractor } from './extractor.ts';

export const htmlExtractor: Extractor = {
  name: 'html',
  types: ['html'],
  description: 'HTML pages to visible text (html-to-text)',
  extractText: async (bytes, limits) => capText(htmlToText(decodeText(bytes)), limits),
};
