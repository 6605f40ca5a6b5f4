/**
 * What PDQ is for: edited copies of an image stay within the match distance (31 bits, Meta's usual
 * threshold), unrelated images stay far apart. Images are made by test/image/images.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { pdqDihedralHashes, pdqDistance, pdqHash } from '../../src/image/pdq.ts';
import { photoLike, shapes, textLike, toJpeg, toPng } from './images.ts';

const MATCH = 31;

/** Made once, on first use. */
function once(make: () => Promise<Buffer>): () => Promise<Buffer> {
  let made: Promise<Buffer> | undefined;
  return () => (made ??= make());
}

const originals = {
  photo: once(() => toJpeg(photoLike(1024, 768, 21), 92)),
  screenshot: once(() => toPng(textLike(1024, 768, 22))),
};

const edits: Record<string, (b: Buffer) => Promise<Buffer>> = {
  'blurred (Gaussian, sigma 2)': (b) => sharp(b).blur(2).png().toBuffer(),
  'with more contrast': (b) => sharp(b).linear(1.3, -30).png().toBuffer(),
  'shrunk to 50%': async (b) => sharp(b).resize({ width: Math.round((await sharp(b).metadata()).width / 2) }).png().toBuffer(),
  're-encoded as JPEG at quality 70': (b) => sharp(b).jpeg({ quality: 70 }).toBuffer(),
  're-encoded as lossy WebP': (b) => sharp(b).webp({ quality: 60 }).toBuffer(),
};

for (const [kind, make] of Object.entries(originals)) {
  for (const [edit, apply] of Object.entries(edits)) {
    test(`a ${kind} ${edit} is within ${MATCH} bits of the original`, async () => {
      const original = await make();
      const a = await pdqHash(original);
      const b = await pdqHash(await apply(original));
      const d = pdqDistance(a.hash, b.hash);
      assert.ok(d <= MATCH, `${d} bits apart`);
    });
  }
}

test('a copy rotated 90 degrees counter-clockwise matches the original through its rotate90 dihedral hash', async () => {
  const original = await toJpeg(photoLike(640, 480, 31), 92);
  const rotated = await sharp(original).rotate(-90).jpeg({ quality: 92 }).toBuffer();
  const { hashes } = await pdqDihedralHashes(original);
  const plain = await pdqHash(rotated);
  assert.ok(pdqDistance(plain.hash, hashes.original) > 70, 'the rotated copy should not match the plain hash');
  assert.ok(pdqDistance(plain.hash, hashes.rotate90) <= MATCH, `${pdqDistance(plain.hash, hashes.rotate90)} bits from rotate90`);
});

test('a mirrored copy matches the original through its flipY dihedral hash', async () => {
  const original = await toJpeg(photoLike(640, 480, 32), 92);
  const mirrored = await sharp(original).flop().jpeg({ quality: 92 }).toBuffer();
  const { hashes } = await pdqDihedralHashes(original);
  const d = pdqDistance((await pdqHash(mirrored)).hash, hashes.flipY);
  assert.ok(d <= MATCH, `${d} bits from flipY`);
});

test('unrelated images are more than 70 bits apart', async () => {
  const images: [string, Buffer][] = [];
  for (let s = 100; s < 106; s++) images.push([`photo ${s}`, await toJpeg(photoLike(640, 480, s))]);
  for (let s = 200; s < 203; s++) images.push([`text ${s}`, await toPng(textLike(640, 480, s))]);
  for (let s = 300; s < 303; s++) images.push([`shapes ${s}`, await toPng(shapes(640, 480, s))]);
  const hashes = await Promise.all(images.map(async ([name, b]) => [name, (await pdqHash(b)).hash] as const));
  for (let i = 0; i < hashes.length; i++) {
    for (let j = i + 1; j < hashes.length; j++) {
      const d = pdqDistance(hashes[i]![1], hashes[j]![1]);
      assert.ok(d > 70, `${hashes[i]![0]} and ${hashes[j]![0]} are only ${d} bits apart`);
    }
  }
});

test('a large photo is shrunk before hashing and matches its 1024-pixel copy', async () => {
  // 4096×3072, enlarged from a generated photo (generating 12 megapixels in JS would be slow).
  const big = await sharp(await toPng(photoLike(1024, 768, 41))).resize({ width: 4096 }).jpeg({ quality: 85 }).toBuffer();
  const small = await sharp(big).resize({ width: 1024 }).jpeg({ quality: 85 }).toBuffer();
  const d = pdqDistance((await pdqHash(big)).hash, (await pdqHash(small)).hash);
  assert.ok(d <= MATCH, `${d} bits apart`);
});
