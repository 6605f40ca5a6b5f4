/**
 * PDQ's 256-bit hash as text, in the reference's layout: sixteen 16-bit words, bit k in word
 * k >> 4 at bit k & 15, written word 15 first, each word as 4 lower-case hex digits. So hashes
 * made here compare with hash lists made by Meta's tools (ThreatExchange, HMA, StopNCII).
 * @see https://github.com/facebook/ThreatExchange/blob/main/pdq/README.md
 */

const HEX64 = /^[0-9a-fA-F]{64}$/;

/** Whether `s` is a PDQ hash as text (64 hex digits, either case). */
export function isPdqHash(s: string): boolean {
  return HEX64.test(s);
}

/** Formats 16 words (word 0 holds bits 0..15) as 64 lower-case hex digits, word 15 first. */
export function formatHash256(words: Uint16Array): string {
  let s = '';
  for (let w = 15; w >= 0; w--) s += words[w]!.toString(16).padStart(4, '0');
  return s;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Hamming distance between two PDQ hashes given as 64 hex digits (case ignored).
 * @throws Error naming the argument when it is not 64 hex digits.
 */
export function hammingDistance256(a: string, b: string): number {
  if (!HEX64.test(a)) throw new Error(`not a PDQ hash (64 hex digits expected): ${JSON.stringify(a.slice(0, 80))}`);
  if (!HEX64.test(b)) throw new Error(`not a PDQ hash (64 hex digits expected): ${JSON.stringify(b.slice(0, 80))}`);
  let d = 0;
  for (let i = 0; i < 64; i += 8) {
    d += popcount32((Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16)) >>> 0);
  }
  return d;
}
