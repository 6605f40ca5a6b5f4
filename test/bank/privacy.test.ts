/**
 * A bank can be handed over without handing over the leak: a dictionary attack that guesses a
 * document word by word from its fingerprints recovers nothing longer than one shingle.
 *
 * The attacker holds the bank and knows the hash (it is no secret: the bot must compute it), and
 * the document's whole vocabulary. With a small vocabulary they can hash every 4-word sequence and
 * find every kept shingle; then, from each, they try every word as the next one, keeping a guess
 * when its shingle is in the bank too. That walk is what overlapping shingles allow; the test's
 * control shows the same attack rebuilds long passages when every shingle is kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashWord, SHINGLE_WORDS, shingleHash, textShingles } from '../../src/core/matchers/shingleTable.ts';
import { winnowPositions } from '../../src/core/matchers/winnow.ts';
import fc from 'fast-check';
import { bankOf, random } from './support.ts';

const SYLLABLES = ['ba', 'ce', 'di', 'fo', 'gu', 'la', 'me', 'ni', 'po', 'ru'];
/** 40 words, and a document of 400 of them. */
const VOCABULARY = Array.from({ length: 40 }, (_, i) => `${SYLLABLES[i % 10]}${SYLLABLES[Math.floor(i / 10) + 3]}r`);
const next = random(2017);
const DOCUMENT = Array.from({ length: 400 }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);

/** Every sequence the attack rebuilds from a set of shingle hashes (each as its words). */
function dictionaryAttack(fingerprints: ReadonlySet<number>): string[][] {
  const hashes = VOCABULARY.map(hashWord);
  const n = VOCABULARY.length;
  // 1. Every 4-word sequence whose shingle is in the bank (n^4 = 2,560,000 guesses).
  const found: number[][] = [];
  const quad = new Uint32Array(SHINGLE_WORDS);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++)
      for (let c = 0; c < n; c++)
        for (let d = 0; d < n; d++) {
          quad[0] = hashes[a]!;
          quad[1] = hashes[b]!;
          quad[2] = hashes[c]!;
          quad[3] = hashes[d]!;
          if (fingerprints.has(shingleHash(quad, 0))) found.push([a, b, c, d]);
        }
  // 2. From each, walk on: the next word is one whose shingle with the last three is in the bank.
  return found.map((start) => {
    const chain = [...start];
    const seen = new Set<string>();
    for (;;) {
      const tail = chain.slice(-(SHINGLE_WORDS - 1));
      const key = tail.join(',');
      if (seen.has(key) || chain.length > DOCUMENT.length) break;
      seen.add(key);
      const guesses = [];
      for (let w = 0; w < n; w++) {
        const probe = Uint32Array.from([...tail, w], (i) => hashes[i]!);
        if (fingerprints.has(shingleHash(probe, 0))) guesses.push(w);
      }
      if (guesses.length !== 1) break; // nothing, or no way to tell which
      chain.push(guesses[0]!);
    }
    return chain.map((i) => VOCABULARY[i]!);
  });
}

/** Length in words of the longest rebuilt sequence that really is in the document. */
function longestTrueSequence(rebuilt: string[][]): number {
  const text = ` ${DOCUMENT.join(' ')} `;
  let longest = 0;
  for (const chain of rebuilt) {
    // The longest prefix of the chain found in the document.
    let k = chain.length;
    while (k > 0 && !text.includes(` ${chain.slice(0, k).join(' ')} `)) k--;
    longest = Math.max(longest, k);
  }
  return longest;
}

test('a dictionary attack on a bank rebuilds no sequence longer than one shingle', () => {
  const bank = bankOf([{ path: 'doc.txt', name: 'doc.txt', text: DOCUMENT.join(' ') }]);
  const fingerprints = new Set(bank.documents[0]!.shingles);
  assert.ok(fingerprints.size >= 90, `the bank keeps about a quarter of the shingles (${fingerprints.size})`);
  assert.equal(longestTrueSequence(dictionaryAttack(fingerprints)), SHINGLE_WORDS);
});

test('the same attack rebuilds long passages when every shingle is kept (why banks keep a sample)', () => {
  const every = new Set(textShingles(DOCUMENT));
  assert.ok(longestTrueSequence(dictionaryAttack(every)) >= 50);
});

test('a bank keeps its shingles sorted, so their order in the document is lost', () => {
  const { shingles } = bankOf([{ path: 'doc.txt', name: 'doc.txt', text: DOCUMENT.join(' ') }]).documents[0]!;
  for (let i = 1; i < shingles.length; i++) assert.ok(shingles[i - 1]! < shingles[i]!);
});

test('winnowing keeps a shingle in every window of four, and no two kept shingles overlap', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (hashes) => {
      const kept = winnowPositions(hashes);
      for (let i = 1; i < kept.length; i++) assert.ok(kept[i]! - kept[i - 1]! >= SHINGLE_WORDS);
      for (let start = 0; start + SHINGLE_WORDS <= hashes.length; start++) {
        assert.ok(kept.some((p) => p >= start && p < start + SHINGLE_WORDS), `window at ${start}`);
      }
    }),
  );
});
