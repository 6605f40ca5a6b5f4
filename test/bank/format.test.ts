/** The bank file: what it holds, and that a damaged one is refused whole. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BankError, emptyBank } from '../../src/bank/bank.ts';
import { BankBuilder } from '../../src/bank/builder.ts';
import { decodeBank, encodeBank } from '../../src/bank/format.ts';
import { readBank, writeBank } from '../../src/bank/file.ts';
import { EMAIL } from './support.ts';

const SHA = 'ab'.repeat(32);
const MD5 = 'cd'.repeat(16);
const PDQ = 'f0'.repeat(32);

function sampleBank() {
  const builder = new BankBuilder(emptyBank('macronleaks', 'EMLEAKS part 1', new Date('2017-05-05T20:00:00Z')));
  builder.addFile({ path: 'dump.zip!/mails/0001.eml', name: '0001.eml', sha256: SHA, md5: MD5, text: EMAIL });
  builder.addFile({ path: 'dump.zip!/photos/IMG_2041.JPG', name: 'IMG_2041.JPG', pdq: { hash: PDQ, quality: 92 } });
  builder.addListed('url', 'pastebin.com/emleaks');
  return builder.finish(new Date('2017-05-05T21:00:00Z'));
}

const dir = await mkdtemp(join(tmpdir(), 'bg-bank-'));

test('a bank read back holds the hashes, names, document and image fingerprints written', () => {
  const bank = decodeBank(encodeBank(sampleBank()), 'x.bank');
  assert.deepEqual(bank.info, {
    leak: 'macronleaks',
    name: 'EMLEAKS part 1',
    created: '2017-05-05T20:00:00.000Z',
    updated: '2017-05-05T21:00:00.000Z',
    files: 2,
  });
  assert.deepEqual(bank.sha256, [SHA]);
  assert.deepEqual(bank.md5, [MD5]);
  assert.deepEqual(bank.fileNames, ['0001.eml', 'img_2041.jpg']);
  assert.deepEqual(bank.urls, ['pastebin.com/emleaks']);
  assert.deepEqual(bank.images, [{ id: 'dump.zip!/photos/IMG_2041.JPG', hash: PDQ, quality: 92 }]);
  assert.equal(bank.documents.length, 1);
  assert.equal(bank.documents[0]!.id, 'dump.zip!/mails/0001.eml');
  assert.deepEqual(bank.documents[0]!.shingles, sampleBank().documents[0]!.shingles);
});

test('a bank holds no word of its documents', () => {
  const bytes = encodeBank(sampleBank());
  const bank = decodeBank(bytes, 'x.bank');
  const everything = `${bytes.toString('latin1')}${bytes.toString('utf8')}${JSON.stringify(bank)}`.toLowerCase();
  for (const word of ['bonjour', 'réunion', 'reunion', 'planning', 'marseille', 'trésorerie', 'cordialement']) {
    assert.ok(!everything.includes(word), `"${word}" found in the bank`);
  }
});

test('appending adds new files and keeps the old ones, without repeats', () => {
  const builder = new BankBuilder(decodeBank(encodeBank(sampleBank()), 'x.bank'));
  builder.addFile({ path: 'part2.zip!/a.pdf', name: 'a.pdf', sha256: '12'.repeat(32) });
  builder.addFile({ path: 'part2.zip!/copy.eml', name: '0001.eml', sha256: SHA });
  const bank = decodeBank(encodeBank(builder.finish()), 'x.bank');
  assert.deepEqual(bank.sha256, [SHA, '12'.repeat(32)]);
  assert.deepEqual(bank.fileNames, ['0001.eml', 'img_2041.jpg', 'a.pdf']);
  assert.equal(bank.info.files, 4);
  assert.equal(bank.info.created, '2017-05-05T20:00:00.000Z');
});

test('a truncated bank is refused, naming the file', async () => {
  const file = join(dir, 'truncated.bank');
  const bytes = encodeBank(sampleBank());
  await writeFile(file, bytes.subarray(0, bytes.length - 10));
  await assert.rejects(readBank(file), (err: Error) => err instanceof BankError && /truncated\.bank: truncated/.test(err.message));
});

test('a bank with one byte changed is refused as corrupted', async () => {
  const file = join(dir, 'flipped.bank');
  const bytes = Buffer.from(encodeBank(sampleBank()));
  bytes[bytes.length - 100]! ^= 0x01;
  await writeFile(file, bytes);
  await assert.rejects(readBank(file), /flipped\.bank: corrupted: its checksum does not match/);
});

test('a file that is not a bank is refused as such', async () => {
  const file = join(dir, 'notes.txt');
  await writeFile(file, 'just some notes\n');
  await assert.rejects(readBank(file), /notes\.txt: not a blackout-guard bank/);
});

test('a bank of a later format version is refused with the version', () => {
  const bytes = Buffer.from(encodeBank(sampleBank()));
  const at = bytes.indexOf('"version":1');
  bytes.write('"version":9', at);
  assert.throws(() => decodeBank(bytes, 'future.bank'), /future\.bank: format version 9 is not supported/);
});

test('a bank is written whole, replacing the file', async () => {
  const file = join(dir, 'whole.bank');
  await writeFile(file, 'old');
  const size = await writeBank(file, sampleBank());
  assert.equal((await readFile(file)).length, size);
  assert.equal((await readBank(file)).info.leak, 'macronleaks');
});
