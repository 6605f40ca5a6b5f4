/**
 * Agreement with Meta's reference PDQ: the hashes in test/fixtures/pdq/reference.json were computed
 * by the reference Python port (with Pillow) from exactly the files these tests make; see the README
 * beside them for how, and why not from ThreatExchange's own test images.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DIHEDRALS, pdqDihedralHashes, pdqDistance, pdqHash } from '../../src/image/pdq.ts';
import { REFERENCE_IMAGES } from './images.ts';

interface ReferenceRow {
  name: string;
  hash: string;
  quality: number;
  bitsComparable?: false;
  dihedral?: Record<string, string>;
}

const reference: ReferenceRow[] = JSON.parse(readFileSync(new URL('../fixtures/pdq/reference.json', import.meta.url), 'utf8')).images;
const byName = new Map(reference.map((r) => [r.name, r]));
/** The tolerance of the reference's own test (pdq/python/pdqhashing/tests/pdq_test.py). */
const TOLERANCE = 16;

test('every generated reference image has a recorded reference hash', () => {
  assert.deepEqual(REFERENCE_IMAGES.map((i) => i.name).sort(), [...byName.keys()].sort());
});

for (const image of REFERENCE_IMAGES) {
  const expected = byName.get(image.name);
  if (!expected || expected.bitsComparable === false) continue;
  test(`${image.name} hashes within ${TOLERANCE} bits of the reference, with its quality`, async () => {
    const ours = await pdqHash(await image.encode(image.make()));
    const d = pdqDistance(ours.hash, expected.hash);
    assert.ok(d <= TOLERANCE, `${d} bits from the reference (ours ${ours.hash}, reference ${expected.hash})`);
    assert.ok(Math.abs(ours.quality - expected.quality) <= 2, `quality ${ours.quality}, reference ${expected.quality}`);
  });
}

test('a smooth gradient has quality 0, as in the reference', async () => {
  const image = REFERENCE_IMAGES.find((i) => i.name === 'gradient-256x256.png')!;
  assert.equal(byName.get(image.name)!.quality, 0);
  assert.equal((await pdqHash(await image.encode(image.make()))).quality, 0);
});

for (const row of reference.filter((r) => r.dihedral)) {
  test(`the eight dihedral hashes of ${row.name} are within ${TOLERANCE} bits of the reference's`, async () => {
    const image = REFERENCE_IMAGES.find((i) => i.name === row.name)!;
    const { hashes } = await pdqDihedralHashes(await image.encode(image.make()));
    for (const t of DIHEDRALS) {
      const d = pdqDistance(hashes[t], row.dihedral![t]!);
      assert.ok(d <= TOLERANCE, `${t}: ${d} bits from the reference`);
    }
  });
}
