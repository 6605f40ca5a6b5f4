/** A bank's file hashes, names and image hashes match what is posted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, type Attachment } from '../../src/core/index.ts';
import { engineFrom } from '../support/engine.ts';
import { bankOf, engineWithBank, random } from './support.ts';

const SHA = '5e'.repeat(32);
const MD5 = '9a'.repeat(16);
const next = random(31);
const PDQ = Array.from({ length: 64 }, () => Math.floor(next() * 16).toString(16)).join('');

const engine = engineWithBank(
  bankOf([
    { path: 'dump.zip!/Compta/budget-2017.xlsx', name: 'Budget-2017.xlsx', sha256: SHA, md5: MD5 },
    { path: 'dump.zip!/photos/IMG_2041.jpg', name: 'IMG_2041.jpg', pdq: { hash: PDQ, quality: 90 } },
    { path: 'dump.zip!/photos/flat.png', name: 'flat.png', pdq: { hash: 'ff'.repeat(32), quality: 20 } },
  ]),
);
const posted = (attachment: Attachment) => classify(engine, { text: 'regardez', attachments: [attachment], at: 0 });

/** `hash` with its first `bits` bits flipped. */
function flip(hash: string, bits: number): string {
  const digits = [...hash].map((d) => Number.parseInt(d, 16));
  for (let b = 0; b < bits; b++) {
    // Spread the flips over the hash: bit b of nibble (b * 7) % 64, a different nibble each time up to 64.
    const nibble = (b * 7) % 64;
    digits[nibble] = digits[nibble]! ^ (1 << Math.floor(b / 64));
  }
  return digits.map((d) => d.toString(16)).join('');
}

function distance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    for (; x; x &= x - 1) d++;
  }
  return d;
}

test('an attachment with the SHA-256 of a banked file is a share', () => {
  const c = posted({ name: 'renamed.bin', sha256: SHA.toUpperCase() });
  assert.equal(c.verdict, 'share');
  assert.deepEqual(c.signals, [{ kind: 'fileHash', leak: 'macronleaks', rule: SHA, material: true }]);
});

test('an attachment with the MD5 of a banked file is a share', () => {
  const c = posted({ name: 'renamed.bin', md5: MD5 });
  assert.deepEqual(c.signals, [{ kind: 'fileHash', leak: 'macronleaks', rule: MD5, material: true }]);
});

test('an attachment with the name of a banked file is a share, ignoring case', () => {
  const c = posted({ name: 'BUDGET-2017.XLSX' });
  assert.deepEqual(c.signals, [{ kind: 'fileName', leak: 'macronleaks', rule: 'budget-2017.xlsx', material: true }]);
});

test('an image within 31 bits of a banked PDQ hash is a share naming the banked image', () => {
  const near = flip(PDQ, 31);
  assert.equal(distance(near, PDQ), 31);
  const c = posted({ name: 'capture.jpg', pdq: { hash: near, quality: 80 } });
  assert.deepEqual(c.signals, [{ kind: 'image', leak: 'macronleaks', rule: 'dump.zip!/photos/IMG_2041.jpg', material: true }]);
});

test('an image 40 bits from every banked PDQ hash is not a share', () => {
  const far = flip(PDQ, 40);
  assert.equal(distance(far, PDQ), 40);
  assert.equal(posted({ name: 'other.jpg', pdq: { hash: far, quality: 80 } }).verdict, 'none');
});

test('images of PDQ quality under 50 are not matched', () => {
  assert.equal(posted({ name: 'capture.jpg', pdq: { hash: PDQ, quality: 40 } }).verdict, 'none');
  assert.equal(posted({ name: 'blank.png', pdq: { hash: 'ff'.repeat(32), quality: 90 } }).verdict, 'none');
});

test('a PDQ hash listed in the configuration matches like a banked one', () => {
  const e = engineFrom(`leaks:\n  - id: l\n    pdq: ['${PDQ.toUpperCase()}']\n`);
  const c = classify(e, { text: '', attachments: [{ name: 'x.jpg', pdq: { hash: flip(PDQ, 12), quality: 70 } }], at: 0 });
  assert.deepEqual(c.signals, [{ kind: 'image', leak: 'l', rule: PDQ, material: true }]);
});
