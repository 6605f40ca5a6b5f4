/** The PDQ API's contract: hash format, quality, distances, and clear errors for bad input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { ImageDecodeError, isPdqHash, pdqDistance, pdqFromRgb, pdqHash } from '../../src/image/pdq.ts';
import { flat, photoLike, shapes, toJpeg, toPng } from './images.ts';

const bitsSet = (hash: string) => [...hash].reduce((n, c) => n + [...Number.parseInt(c, 16).toString(2)].filter((b) => b === '1').length, 0);

test('a hash is 64 lower-case hex digits with exactly half its bits set (median threshold)', async () => {
  const { hash } = await pdqHash(await toJpeg(photoLike(500, 400, 1)));
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(bitsSet(hash), 128);
});

test('pdqFromRgb on the pixels gives the same hash as pdqHash on a lossless file of them', async () => {
  const img = photoLike(400, 300, 2);
  assert.deepEqual(pdqFromRgb(img.rgb, img.width, img.height), await pdqHash(await toPng(img)));
});

test('hashing the same pixels twice gives the same result (no state leaks between calls)', () => {
  const a = photoLike(300, 200, 3);
  const b = photoLike(200, 300, 4);
  const first = pdqFromRgb(a.rgb, a.width, a.height);
  pdqFromRgb(b.rgb, b.width, b.height);
  assert.deepEqual(pdqFromRgb(a.rgb, a.width, a.height), first);
});

test('a flat image has quality 0', async () => {
  assert.equal((await pdqHash(await toPng(flat(300, 200)))).quality, 0);
});

test('an image under 5 pixels on a side gets the all-zero hash and quality 0, as in the reference', () => {
  const img = photoLike(4, 100, 5);
  assert.deepEqual(pdqFromRgb(img.rgb, img.width, img.height), { hash: '0'.repeat(64), quality: 0 });
});

test('pdqFromRgb refuses a buffer shorter than width x height x 3', () => {
  assert.throws(() => pdqFromRgb(new Uint8Array(100), 10, 10), RangeError);
});

test('pdqDistance counts differing bits, ignoring case', () => {
  const zero = '0'.repeat(64);
  assert.equal(pdqDistance(zero, zero), 0);
  assert.equal(pdqDistance(zero, 'f'.repeat(64)), 256);
  assert.equal(pdqDistance(zero, `${'0'.repeat(63)}3`), 2);
  assert.equal(pdqDistance(`8${'0'.repeat(63)}`, zero), 1);
  assert.equal(pdqDistance('A'.repeat(64), 'a'.repeat(64)), 0);
});

test('pdqDistance refuses a string that is not 64 hex digits', () => {
  assert.throws(() => pdqDistance('abc', '0'.repeat(64)), /not a PDQ hash/);
  assert.throws(() => pdqDistance('0'.repeat(64), `${'0'.repeat(63)}g`), /not a PDQ hash/);
  assert.equal(isPdqHash('0'.repeat(64)), true);
  assert.equal(isPdqHash('0'.repeat(65)), false);
});

test('a truncated JPEG is rejected with an ImageDecodeError', async () => {
  const jpeg = await toJpeg(photoLike(400, 300, 6));
  await assert.rejects(pdqHash(jpeg.subarray(0, jpeg.length >> 1)), (e: unknown) => e instanceof ImageDecodeError && /could not be decoded/.test(e.message));
});

test('a truncated PNG is rejected with an ImageDecodeError', async () => {
  const png = await toPng(photoLike(400, 300, 7));
  await assert.rejects(pdqHash(png.subarray(0, png.length >> 1)), ImageDecodeError);
});

test('bytes that are not an image are rejected with an ImageDecodeError', async () => {
  await assert.rejects(pdqHash(Buffer.from('%PDF-1.7 this is not an image')), /unsupported image format/);
  await assert.rejects(pdqHash(Buffer.alloc(0)), /empty input/);
});

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

test('an image declaring more than 128 million pixels is refused without being decoded', async () => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(12_000, 0);
  ihdr.writeUInt32BE(12_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const bomb = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1000))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  assert.equal((await sharp(bomb).metadata()).width, 12_000);
  await assert.rejects(pdqHash(bomb), (e: unknown) => e instanceof ImageDecodeError && /pixel limit/i.test(e.message));
});

test('greyscale and transparent images are hashed from their colour channels', async () => {
  const img = photoLike(300, 200, 8);
  const grey = await sharp(img.rgb, { raw: { width: 300, height: 200, channels: 3 } }).greyscale().png().toBuffer();
  const rgba = await sharp(img.rgb, { raw: { width: 300, height: 200, channels: 3 } }).ensureAlpha(0.5).png().toBuffer();
  const original = pdqFromRgb(img.rgb, 300, 200);
  assert.ok(pdqDistance((await pdqHash(grey)).hash, original.hash) <= 16);
  assert.equal((await pdqHash(rgba)).hash, original.hash);
});

test('an animated GIF is hashed from its first frame', async () => {
  const first = photoLike(300, 200, 9);
  const second = shapes(300, 200, 10);
  const frames = new Uint8Array(first.rgb.length * 2);
  frames.set(first.rgb);
  frames.set(second.rgb, first.rgb.length);
  const gif = await sharp(frames, { raw: { width: 300, height: 400, channels: 3, pageHeight: 200 } }).gif().toBuffer();
  assert.equal((await sharp(gif).metadata()).pages, 2);
  const { hash } = await pdqHash(gif);
  assert.ok(pdqDistance(hash, pdqFromRgb(first.rgb, 300, 200).hash) <= 16);
  assert.ok(pdqDistance(hash, pdqFromRgb(second.rgb, 300, 200).hash) > 70);
});

test('a 16-bit PNG is hashed like its 8-bit pixels', async () => {
  const img = photoLike(300, 200, 11);
  const png16 = await sharp(img.rgb, { raw: { width: 300, height: 200, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
  assert.equal((await sharp(png16).metadata()).depth, 'ushort');
  assert.equal((await pdqHash(png16)).hash, pdqFromRgb(img.rgb, 300, 200).hash);
});
