/** The PDQ index finds exactly the hashes a comparison with every hash would find. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { messageFeatures } from '../../src/core/index.ts';
import { PDQ_MAX_DISTANCE, pdqMatcher } from '../../src/core/matchers/pdq.ts';

const hex64 = fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 64, maxLength: 64 }).map((d) => d.map((x) => x.toString(16)).join(''));

function distance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i++) {
    let x = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    for (; x; x &= x - 1) d++;
  }
  return d;
}

/** `hash` with the bits at `positions` (0..255) flipped. */
function flipBits(hash: string, positions: readonly number[]): string {
  const digits = [...hash].map((d) => Number.parseInt(d, 16));
  for (const p of positions) digits[p >> 2] = digits[p >> 2]! ^ (1 << (p & 3));
  return digits.map((d) => d.toString(16)).join('');
}

test('the PDQ index matches the same hashes as comparing with every hash', () => {
  fc.assert(
    fc.property(
      fc.array(hex64, { minLength: 1, maxLength: 30 }),
      fc.nat(29),
      fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 48 }),
      (hashes, pick, flips) => {
        const index = pdqMatcher.build(hashes.map((hash, i) => ({ leak: 'l', value: `img${i}`, hash, quality: 90 })));
        const query = flipBits(hashes[pick % hashes.length]!, flips);
        const found: string[] = [];
        const features = { ...messageFeatures({ text: '' }), pdq: [{ hash: query, quality: 90 }] };
        pdqMatcher.match(index, features, (_leak, rule) => found.push(rule));
        const expected = hashes.flatMap((h, i) => (distance(h, query) <= PDQ_MAX_DISTANCE ? [`img${i}`] : []));
        assert.deepEqual(found.sort(), expected.sort());
      },
    ),
    { numRuns: 300 },
  );
});
