/**
 * RTF: a small dedicated reader. No RTF library is installed, and the ones on npm either render
 * to HTML through a DOM or are unmaintained; text extraction needs only a linear scan: drop
 * control words and non-text destinations (font and colour tables, pictures, `\*` groups), turn
 * `\par` into line breaks, decode `\'hh` (windows-1252) and `\uN` (Unicode, skipping `\ucN`
 * fallback characters).
 * @see https://www.biblioscape.com/rtf15_spec.htm
 */
import { capText, ExtractError, type Extractor } from './extractor.ts';

/** Destinations whose content is not document text. */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'themedata', 'colorschememapping',
  'datastore', 'latentstyles', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl',
  'mmathPr', 'filetbl', 'revtbl', 'fldinst', 'shpinst', 'nonshppict', 'bkmkstart', 'bkmkend',
]);
const BREAKS = new Set(['par', 'line', 'row', 'sect', 'page', 'pard']);
const SPACES = new Set(['tab', 'cell', 'emspace', 'enspace', 'qmspace']);
const cp1252 = new TextDecoder('windows-1252');

/** The text of an RTF document (latin1-decoded source: RTF is 7-bit with escapes). */
export function rtfToText(source: string, maxChars: number): string {
  let out = '';
  const stack: { skip: boolean; uc: number }[] = [];
  let skip = false;
  let uc = 1;
  let pendingSkip = 0; // fallback characters still to drop after a \uN
  let i = 0;
  const n = source.length;
  const emit = (s: string) => {
    if (pendingSkip > 0) {
      pendingSkip--;
      return;
    }
    if (!skip) out += s;
  };
  while (i < n && out.length < maxChars) {
    const c = source[i]!;
    if (c === '{') {
      stack.push({ skip, uc });
      i++;
      pendingSkip = 0;
      if (source.startsWith('\\*', i)) skip = true;
    } else if (c === '}') {
      const top = stack.pop();
      if (top) ({ skip, uc } = top);
      pendingSkip = 0;
      i++;
    } else if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) break;
      if (/[a-zA-Z]/.test(next)) {
        let j = i + 1;
        while (j < n && /[a-zA-Z]/.test(source[j]!)) j++;
        const word = source.slice(i + 1, j);
        let k = j;
        if (source[k] === '-') k++;
        while (k < n && source[k]! >= '0' && source[k]! <= '9') k++;
        const param = k > j ? Number.parseInt(source.slice(j, k), 10) : undefined;
        if (source[k] === ' ') k++;
        i = k;
        if (word === 'bin' && param !== undefined) {
          i += Math.max(0, param);
        } else if (word === 'u' && param !== undefined) {
          pendingSkip = 0;
          if (!skip) out += String.fromCharCode(param < 0 ? param + 65536 : param);
          pendingSkip = uc;
        } else if (word === 'uc' && param !== undefined) {
          uc = param;
        } else if (SKIPPED.has(word)) {
          skip = true;
        } else if (BREAKS.has(word)) {
          if (word !== 'pard') emit('\n');
        } else if (SPACES.has(word)) {
          emit(word === 'tab' || word === 'cell' ? '\t' : ' ');
        } else if (word === 'emdash') emit('\u2014');
        else if (word === 'endash') emit('\u2013');
        else if (word === 'lquote') emit('\u2018');
        else if (word === 'rquote') emit('\u2019');
        else if (word === 'ldblquote') emit('\u201c');
        else if (word === 'rdblquote') emit('\u201d');
        else if (word === 'bullet') emit('\u2022');
      } else if (next === "'") {
        const byte = Number.parseInt(source.slice(i + 2, i + 4), 16);
        if (!Number.isNaN(byte)) emit(cp1252.decode(new Uint8Array([byte])));
        i += 4;
      } else {
        if (next === '~') emit('\u00a0');
        else if (next === '_') emit('\u2011');
        else if (next === '\\' || next === '{' || next === '}') emit(next);
        else if (next === '\n' || next === '\r') emit('\n');
        i += 2;
      }
    } else {
      if (c !== '\r' && c !== '\n') emit(c);
      i++;
    }
  }
  return out;
}

export const rtfExtractor: Extractor = {
  name: 'rtf',
  types: ['rtf'],
  description: 'RTF text (a small dedicated reader: control words, tables of fonts and pictures dropped)',
  async extractText(bytes, limits) {
    const source = bytes.toString('latin1');
    if (!source.trimStart().startsWith('{\\rtf')) throw new ExtractError('damaged RTF: no {\\rtf header');
    return capText(rtfToText(source, limits.maxTextChars), limits);
  },
};
