/**
 * Words of folded text: maximal runs of letters and digits. Keywords, hashtags and document
 * excerpts are all compared word by word, so "whole word" means the same thing everywhere.
 */
import { isAscii } from './normalise.ts';

const ASCII_WORD = /[a-z0-9]+/g;
const WORD = /[\p{L}\p{N}]+/gu;

export interface Words {
  /** The words, in order. */
  list: string[];
  /** Indexes in `list` of the words written as hashtags (`#word`). */
  hashtagIndexes: number[];
}

/** Splits folded text into words, noting which were hashtags. Linear in the text length. */
export function splitWords(folded: string): Words {
  const pattern = isAscii(folded) ? ASCII_WORD : WORD;
  pattern.lastIndex = 0;
  const list: string[] = [];
  const hashtagIndexes: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(folded)) !== null) {
    if (m.index > 0 && folded.charCodeAt(m.index - 1) === 35 /* # */) hashtagIndexes.push(list.length);
    list.push(m[0]);
  }
  return { list, hashtagIndexes };
}

/** Just the words of a folded value (for configuration entries). */
export function wordsOf(folded: string): string[] {
  return splitWords(folded).list;
}
