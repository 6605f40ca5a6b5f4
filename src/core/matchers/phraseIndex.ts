/**
 * Whole-word phrases (one or more words) looked up from each word of a message: a hash map from
 * the phrase to its leak sets, plus, for each first word, the phrase lengths that start with it.
 * The cost per message is its word count times the few lengths of phrases sharing a first word.
 */
import { wordsOf } from '../words.ts';
import { addLeak, type Emit, type RuleEntry } from './matcher.ts';

/** A phrase may have at most this many words (keeps the lookup per word bounded). */
export const MAX_PHRASE_WORDS = 8;

export interface PhraseIndex {
  phrases: Map<string, string[]>;
  lengthsByFirstWord: Map<string, number[]>;
  /**
   * A 65,536-bit filter of first words (by length and first and last letters): most words of a
   * message are ruled out with one array read instead of hashing them for the map.
   */
  firstWordFilter: Uint32Array;
}

function filterBit(word: string): number {
  return (Math.imul(word.length, 0x9e3779b1) ^ Math.imul(word.charCodeAt(0), 0x85ebca6b) ^ Math.imul(word.charCodeAt(word.length - 1), 0xc2b2ae35)) >>> 16;
}

function mayStartPhrase(index: PhraseIndex, word: string): boolean {
  const bit = filterBit(word);
  return ((index.firstWordFilter[bit >>> 5]! >>> (bit & 31)) & 1) === 1;
}

export function buildPhraseIndex(entries: readonly RuleEntry[]): PhraseIndex {
  const index: PhraseIndex = { phrases: new Map(), lengthsByFirstWord: new Map(), firstWordFilter: new Uint32Array(2048) };
  for (const { leak, value } of entries) {
    const words = wordsOf(value);
    if (words.length === 0) continue;
    addLeak(index.phrases, words.join(' '), leak);
    const bit = filterBit(words[0]!);
    index.firstWordFilter[bit >>> 5]! |= 1 << (bit & 31);
    const lengths = index.lengthsByFirstWord.get(words[0]!);
    if (!lengths) index.lengthsByFirstWord.set(words[0]!, [words.length]);
    else if (!lengths.includes(words.length)) lengths.push(words.length);
  }
  return index;
}

/** Emits every phrase found starting at one of `starts` (all words when omitted). */
export function matchPhrases(index: PhraseIndex, words: readonly string[], emit: Emit, starts?: readonly number[]): void {
  if (index.phrases.size === 0) return;
  const count = starts ? starts.length : words.length;
  for (let k = 0; k < count; k++) {
    const i = starts ? starts[k]! : k;
    if (!mayStartPhrase(index, words[i]!)) continue;
    const lengths = index.lengthsByFirstWord.get(words[i]!);
    if (lengths === undefined) continue;
    for (const n of lengths) {
      if (i + n > words.length) continue;
      const phrase = n === 1 ? words[i]! : words.slice(i, i + n).join(' ');
      const leaks = index.phrases.get(phrase);
      if (leaks) for (const leak of leaks) emit(leak, phrase);
    }
  }
}
