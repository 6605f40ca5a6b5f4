import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { at, collect, FRENCH } from './collect.ts';
import { gzip, makeDocx, makeEmail, makeEncryptedZip, makePdf, makeTar, makeZip, makeZipBomb } from './files.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('a zip in a tar.gz in a zip is opened to the bottom, with paths through every level', async () => {
  const docx = await makeDocx([FRENCH]);
  const inner = await makeZip({ 'notes/budget.docx': docx });
  const tgz = gzip(await makeTar({ 'part1/inner.zip': inner, 'part1/lisez-moi.txt': 'bonjour' }));
  const records = await collect({ name: 'outer.zip', bytes: await makeZip({ 'dump/part1.tar.gz': tgz }) });
  assert.deepEqual(records.map((r) => `${r.path} ${r.type}`), [
    'outer.zip!/dump/part1.tar.gz!/part1/inner.zip!/notes/budget.docx docx',
    'outer.zip!/dump/part1.tar.gz!/part1/inner.zip zip',
    'outer.zip!/dump/part1.tar.gz!/part1/lisez-moi.txt text',
    'outer.zip!/dump/part1.tar.gz gzip',
    'outer.zip zip',
  ]);
  const deep = records[0]!;
  assert.equal(deep.sha256, sha256(docx));
  assert.ok(deep.text!.includes(FRENCH));
  assert.equal(records[1]!.sha256, sha256(inner));
  assert.equal(records[3]!.sha256, sha256(tgz));
  assert.ok(records.every((r) => r.error === undefined));
});

test('an e-mail in a zip is opened, and its PDF attachment read', async () => {
  const pdf = await makePdf([['Compte rendu du bureau exécutif']]);
  const mail = makeEmail({ subject: 'CR', text: 'ci-joint', charset: 'windows-1252', encoding: 'base64', attachments: [{ name: 'cr.pdf', contentType: 'application/pdf', bytes: pdf }] });
  const records = await collect({ name: 'mails.zip', bytes: await makeZip({ '0001.eml': mail }) });
  const attachment = at(records, 'mails.zip!/0001.eml!/cr.pdf');
  assert.equal(attachment.sha256, sha256(pdf));
  assert.match(attachment.text!, /Compte rendu du bureau exécutif/);
  assert.match(at(records, 'mails.zip!/0001.eml').text!, /ci-joint/);
});

test('an encrypted zip entry is reported encrypted and the other entries are still read', async () => {
  const zip = await makeEncryptedZip({ 'secret.txt': 'mot de passe' });
  const records = await collect([{ name: 'locked.zip', bytes: zip }, { name: 'after.txt', bytes: Buffer.from('suite') }]);
  assert.equal(at(records, 'locked.zip!/secret.txt').error, 'encrypted');
  assert.equal(at(records, 'locked.zip').sha256, sha256(zip));
  assert.equal(at(records, 'after.txt').text, 'suite');
});

test('a zip bomb is refused by its expansion ratio without being inflated', async () => {
  const records = await collect({ name: 'bomb.zip', bytes: await makeZipBomb(10) });
  const entry = at(records, 'bomb.zip!/zeros.bin');
  assert.match(entry.error!, /^zip bomb refused: ratio \d{3,4}:1 > 200:1$/);
  assert.equal(entry.sha256, undefined);
  assert.equal(entry.bytes, 10 * 1024 * 1024);
});

test('a nested zip bomb is refused at every level it hides in', async () => {
  const level1 = await makeZip({ 'a.zip': await makeZipBomb(4), 'b.zip': await makeZipBomb(4) });
  const records = await collect({ name: 'nested.zip', bytes: await makeZip({ 'l1.zip': level1, 'readme.txt': 'x' }) });
  const refused = records.filter((r) => r.error?.startsWith('zip bomb refused'));
  assert.deepEqual(refused.map((r) => r.path), ['nested.zip!/l1.zip!/a.zip!/zeros.bin', 'nested.zip!/l1.zip!/b.zip!/zeros.bin']);
  assert.equal(at(records, 'nested.zip!/readme.txt').text, 'x');
});

test('a gzip bomb is stopped while it inflates', async () => {
  const records = await collect({ name: 'zeros.gz', bytes: gzip(new Uint8Array(20 * 1024 * 1024)) });
  assert.match(at(records, 'zeros.gz!/zeros').error!, /^gzip bomb refused: ratio \d+:1 > 200:1$/);
  assert.match(at(records, 'zeros.gz').sha256!, /^[0-9a-f]{64}$/);
});

test('archives nested deeper than the depth limit are hashed but not opened', async () => {
  let bytes: Buffer = Buffer.from('au fond');
  let name = 'fond.txt';
  for (let i = 0; i < 4; i++) {
    bytes = await makeZip({ [name]: bytes });
    name = `niveau${i}.zip`;
  }
  const records = await collect({ name, bytes }, { limits: { maxDepth: 2 } });
  const deepest = at(records, 'niveau3.zip!/niveau2.zip!/niveau1.zip');
  assert.equal(deepest.error, 'not opened: nested more than 2 deep');
  assert.match(deepest.sha256!, /^[0-9a-f]{64}$/);
  assert.equal(records.some((r) => r.name === 'fond.txt'), false);
});

test('an archive with more entries than the limit stops there and says why', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 10; i++) files[`f${i}.txt`] = `fichier ${i}`;
  const records = await collect({ name: 'many.zip', bytes: await makeZip(files) }, { limits: { maxEntries: 4 } });
  assert.equal(records.filter((r) => r.path.startsWith('many.zip!/')).length, 4);
  assert.equal(at(records, 'many.zip').error, 'too many files: more than 4 in one top-level file');
});

test('a damaged zip is reported and the next file is still read', async () => {
  const zip = await makeZip({ 'a.txt': 'x' });
  const records = await collect([{ name: 'broken.zip', bytes: zip.subarray(0, zip.length - 30) }, { name: 'ok.txt', bytes: Buffer.from('ok') }]);
  assert.match(at(records, 'broken.zip').error!, /^damaged zip/);
  assert.equal(at(records, 'ok.txt').text, 'ok');
});

test('a truncated tar.gz reports the files it could read and its damage', async () => {
  const tgz = gzip(await makeTar({ 'a.txt': 'premier', 'b.txt': 'x'.repeat(100_000) }));
  const records = await collect({ name: 'cut.tgz', bytes: tgz.subarray(0, Math.floor(tgz.length * 0.7)) });
  assert.equal(at(records, 'cut.tgz!/a.txt').text, 'premier');
  assert.ok(records.some((r) => r.error?.startsWith('damaged')), JSON.stringify(records.map((r) => [r.path, r.error])));
});

test('the total of bytes inflated under one top-level file is limited', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 5; i++) files[`f${i}.txt`] = `${i}`.repeat(3000);
  const records = await collect({ name: 'big.zip', bytes: await makeZip(files) }, { limits: { maxTotalBytes: 10_000 } });
  assert.equal(records.filter((r) => r.text !== undefined).length, 3);
  assert.match(at(records, 'big.zip').error!, /^too much data: more than/);
});

/** The zip with the uncompressed size of its entry `name` rewritten to `size` in both of its headers. */
function withDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (const [signature, nameAt, sizeAt] of [['PK\x03\x04', 30, 22], ['PK\x01\x02', 46, 24]] as const) {
    for (let at = out.indexOf(signature); at >= 0; at = out.indexOf(signature, at + 4)) {
      const length = out.readUInt16LE(at + nameAt - (signature === 'PK\x03\x04' ? 4 : 18));
      if (out.toString('latin1', at + nameAt, at + nameAt + length) === name) out.writeUInt32LE(size, at + sizeAt);
    }
  }
  return out;
}

test('a zip entry inflating to more or fewer bytes than it declares is reported and the next entry is still read', async () => {
  const zip = await makeZip({ 'long.txt': 'campagne '.repeat(500), 'short.txt': 'réunion '.repeat(50), 'after.txt': 'suite' });
  const records = await collect({ name: 'lies.zip', bytes: withDeclaredSize(withDeclaredSize(zip, 'long.txt', 100), 'short.txt', 5000) });
  assert.match(at(records, 'lies.zip!/long.txt').error!, /too many bytes/);
  assert.equal(at(records, 'lies.zip!/long.txt').sha256, undefined);
  assert.match(at(records, 'lies.zip!/short.txt').error!, /not enough bytes/);
  assert.equal(at(records, 'lies.zip!/after.txt').text, 'suite');
});
