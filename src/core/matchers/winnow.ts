/**
 * Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for document
 * fingerprinting", SIGMOD 2003, the algorithm of MOSS), under one more rule: no two kept shingles
 * overlap. Keeping every shingle would let anyone holding the fingerprints rebuild a document
 * word by word (from one known shingle, try each dictionary word as the next one and keep the
 * guess whose shingle is in the bank). Kept shingles that share no word give that walk no
 * foothold, and a bank stores them sorted, so even their order is lost.
 *
 * In every window of `WINDOW` consecutive shingle positions, the rightmost smallest hash is kept,
 * unless it overlaps the last one kept: then the smallest that does not overlap is. Each window
 * holds a kept shingle, so any passage of `WINDOW + SHINGLE_WORDS - 1` words shares one with
 * the document. With the window equal to the shingle length, kept shingles tile the text: one in
 * four, starting where the content says.
 * @see https://theory.stanford.edu/~aiken/publications/papers/sigmod03.pdf
 */
import { SHINGLE_WORDS } from './shingleTable.ts';

/** Window of the winnowing, in shingle positions. */
export const WINDOW = SHINGLE_WORDS;

/**
 * Positions kept from `shingles` (hashes in document order): each window of `window` positions
 * holds one, and kept positions are at least `gap` apart (`gap <= window`).
 */
export function winnowPositions(shingles: ArrayLike<number>, window = WINDOW, gap = SHINGLE_WORDS): number[] {
  const kept: number[] = [];
  const n = shingles.length;
  if (n === 0) return kept;
  let last = -Infinity;
  for (let start = 0; start + window <= Math.max(n, window); start++) {
    const end = Math.min(n, start + window);
    if (last >= start) continue; // this window already holds a kept shingle
    let best = -1;
    for (let i = Math.max(start, last + gap); i < end; i++) {
      if (best < 0 || shingles[i]! <= shingles[best]!) best = i;
    }
    if (best >= 0) {
      kept.push(best);
      last = best;
    }
    if (end === n) break;
  }
  return kept;
}

/** The kept shingle hashes of a document, sorted and without repeats (their order is not kept). */
export function winnow(shingles: ArrayLike<number>, window = WINDOW, gap = SHINGLE_WORDS): Uint32Array {
  const kept = Uint32Array.from(winnowPositions(shingles, window, gap), (i) => shingles[i]!);
  kept.sort();
  let n = 0;
  for (let i = 0; i < kept.length; i++) if (i === 0 || kept[i] !== kept[i - 1]) kept[n++] = kept[i]!;
  return kept.slice(0, n);
}
