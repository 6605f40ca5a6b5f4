/**
 * Words of folded text: maximal runs of letters and digits. Keywords, hashtags and document
 * excerpts are all compared word by word, so "whole word" means the same thing everywhere.
 */
import { isAscii } from './normalise.ts';

const WORD = /[\p{L}\p{N}]+/gu;

export interface Words {
  /** The words, in order. */
  list: string[];
  /** Indexes in `list` of the words written as hashtags (`#word`). */
  hashtagIndexes: number[];
}

/**
 * Splits folded text into words, noting which were hashtags. Linear in the text length. `ascii`
 * says the text is known to be ASCII (a caller that has checked spares a scan).
 */
export function splitWords(folded: string, ascii = false): Words {
  return ascii || isAscii(folded) ? splitAsciiWords(folded) : splitUnicodeWords(folded);
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

const ASCII_WORD = /[a-z0-9]+/g;

/** The common case: most folded chat text is ASCII, and most has no hashtag. */
function splitAsciiWords(folded: string): Words {
  // Without a `#`, one native scan finds every word (faster than the loop below).
  if (folded.indexOf('#') < 0) return { list: folded.match(ASCII_WORD) ?? [], hashtagIndexes: [] };
  const list: string[] = [];
  const hashtagIndexes: number[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isAsciiWordChar(folded.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && isAsciiWordChar(folded.charCodeAt(i))) i++;
    if (start > 0 && folded.charCodeAt(start - 1) === 35 /* # */) hashtagIndexes.push(list.length);
    list.push(folded.slice(start, i));
  }
  return { list, hashtagIndexes };
}

function splitUnicodeWords(folded: string): Words {
  WORD.lastIndex = 0;
  const list: string[] = [];
  const hashtagIndexes: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(folded)) !== null) {
    if (m.index > 0 && folded.charCodeAt(m.index - 1) === 35 /* # */) hashtagIndexes.push(list.length);
    list.push(m[0]);
  }
  return { list, hashtagIndexes };
}

/** Just the words of a folded value (for configuration entries). */
export function wordsOf(folded: string): string[] {
  return splitWords(folded).list;
}
