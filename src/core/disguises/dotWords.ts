/**
 * `pastebin dot com`, `pastebin-dot-com`, `pastebin [ dot ] com`, `pastebin[punkt]com`,
 * `pastebinDOTcom`: the word for a dot (English, German, French, Spanish and Italian) between two
 * labels, spaced, hyphenated, bracketed, or in capitals glued to them.
 */
import type { Disguise } from './disguise.ts';

const WORD = '(?:dot|punkt|point|punto)';
// Anchored right after a label character: each run of spaces or hyphens is tried from one place.
const SPELT_DOT = new RegExp(
  `(?<=[\\p{L}\\p{N}])(?:\\s*[[({<]\\s*${WORD}\\s*[\\])}>]\\s*|(?:\\s+|[_-])${WORD}(?:\\s+|[_-]))(?=[\\p{L}\\p{N}])`,
  'giu',
);
const GLUED_DOT = /(?<=[a-z0-9])DOT(?=[a-zA-Z])/g;

export const dotWords: Disguise = {
  name: 'the word "dot"',
  example: 'pastebin dot com/emleaks-2017',
  hint: /dot|p(?:unkt|oint|unto)/i,
  undo: (text) => text.replace(SPELT_DOT, '.').replace(GLUED_DOT, '.'),
};
