/** `blackout-guard fingerprint` and `leaks[].banks`, run as a user would run them. */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBank } from '../../src/bank/file.ts';
import { EMAIL } from './support.ts';

function cli(args: string[]) {
  const run = spawnSync(process.execPath, ['bin/blackout-guard.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', BLACKOUT_CONFIG: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dir = await mkdtemp(join(tmpdir(), 'bg-fingerprint-'));
after(() => rm(dir, { recursive: true, force: true }));
const dump = join(dir, 'dump');
const bank = join(dir, 'banks', 'emleaks.bank');
const config = join(dir, 'blackout.yaml');
/** A file of no known type (hashed and named only). */
const ATTACHMENT = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256));

before(async () => {
  await mkdir(join(dump, 'mails'), { recursive: true });
  await mkdir(join(dir, 'banks'));
  await writeFile(join(dump, 'mails', '0001.eml.txt'), EMAIL);
  await writeFile(join(dump, 'budget.bin'), ATTACHMENT);
  await writeFile(join(dir, 'posted.bin'), ATTACHMENT);
  await writeFile(config, 'leaks:\n  - id: macronleaks\n    banks: [banks/emleaks.bank]\n');
  const r = cli(['fingerprint', '--leak', 'macronleaks', '--name', 'EMLEAKS', '--out', bank, '--jobs', '1', dump]);
  assert.equal(r.code, 0, r.stderr);
});

test('fingerprint writes a bank of the files found, with a summary by type', async () => {
  const written = await readBank(bank);
  assert.equal(written.info.leak, 'macronleaks');
  assert.equal(written.info.name, 'EMLEAKS');
  assert.equal(written.info.files, 2);
  assert.equal(written.documents.length, 1);
  assert.match(written.documents[0]!.id, /dump[\\/]mails[\\/]0001\.eml\.txt$/);
});

test('a pasted excerpt of a banked document is a share for check', () => {
  const words = EMAIL.split(/\s+/).slice(5, 30).join(' ');
  const r = cli(['check', '--config', config, '--json', words]);
  assert.equal(JSON.parse(r.stdout).verdict, 'share', r.stderr);
});

test('an attachment with the hash of a banked file is a share for check', () => {
  const r = cli(['check', '--config', config, '--json', '--attachment', join(dir, 'posted.bin'), 'regardez']);
  const result = JSON.parse(r.stdout);
  assert.equal(result.verdict, 'share', r.stderr);
  assert.ok(result.signals.some((s: { kind: string }) => s.kind === 'fileHash'));
});

test('fingerprint --append adds a second part to the bank', async () => {
  const part2 = join(dir, 'part2');
  await mkdir(part2);
  await writeFile(join(part2, 'notes.txt'), 'un deuxième envoi de fichiers pour la banque');
  const copy = join(dir, 'banks', 'appended.bank');
  await writeFile(copy, await readFile(bank));
  const r = cli(['fingerprint', '--leak', 'macronleaks', '--out', copy, '--append', '--jobs', '1', part2]);
  assert.equal(r.code, 0, r.stderr);
  const appended = await readBank(copy);
  assert.equal(appended.info.files, 3);
  assert.ok(appended.fileNames.includes('notes.txt') && appended.fileNames.includes('budget.bin'));
  assert.equal(appended.info.name, 'EMLEAKS');
});

test('fingerprint --append refuses a bank made for another leak set', () => {
  const r = cli(['fingerprint', '--leak', 'other', '--out', bank, '--append', '--jobs', '1', dump]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is for leak set "macronleaks", not "other"/);
});

test('fingerprint --json prints one record per file and never the text', () => {
  const r = cli(['fingerprint', '--json', '--jobs', '1', dump]);
  assert.equal(r.code, 0, r.stderr);
  const records = r.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(records.length, 2);
  const mail = records.find((x) => x.path.endsWith('0001.eml.txt'));
  assert.equal(mail.type, 'text');
  assert.equal(typeof mail.words, 'number');
  assert.match(mail.sha256, /^[0-9a-f]{64}$/);
  assert.ok(!r.stdout.includes('réunion'));
  assert.match(r.stderr, /text\s+\d+ files/);
});

test('fingerprint --from-list imports a shared list', async () => {
  const list = join(dir, 'shared.csv');
  await writeFile(list, `kind,value\nsha256,${'AB'.repeat(32)}\nmd5,${'cd'.repeat(16)}\nurl,"https://pastebin.com/emleaks"\ndomain,leakhost.net\nfilename,EMLEAKS.zip\npdq,${'f0'.repeat(32)},90\n`);
  const out = join(dir, 'banks', 'shared.bank');
  const r = cli(['fingerprint', '--leak', 'macronleaks', '--out', out, '--from-list', list]);
  assert.equal(r.code, 0, r.stderr);
  const shared = await readBank(out);
  assert.deepEqual(shared.sha256, ['ab'.repeat(32)]);
  assert.deepEqual(shared.urls, ['pastebin.com/emleaks']);
  assert.deepEqual(shared.domains, ['leakhost.net']);
  assert.deepEqual(shared.fileNames, ['emleaks.zip']);
  assert.deepEqual(shared.images, [{ id: 'f0'.repeat(32), hash: 'f0'.repeat(32), quality: 90 }]);
});

test('fingerprint --from-list refuses a list with a bad line, naming the line, and writes nothing', async () => {
  const list = join(dir, 'bad.csv');
  await writeFile(list, `sha256,${'ab'.repeat(32)}\nsha1,0123\nmd5,xyz\n`);
  const out = join(dir, 'banks', 'bad.bank');
  const r = cli(['fingerprint', '--leak', 'macronleaks', '--out', out, '--from-list', list]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.csv:2: unknown kind "sha1"/);
  assert.match(r.stderr, /bad\.csv:3: md5: expected an MD5/);
  assert.equal(existsSync(out), false);
});

test('check refuses a configuration whose bank is truncated, naming the bank (exit 2)', async () => {
  const bytes = await readFile(bank);
  await writeFile(join(dir, 'banks', 'cut.bank'), bytes.subarray(0, bytes.length - 7));
  const cutConfig = join(dir, 'cut.yaml');
  await writeFile(cutConfig, 'leaks:\n  - id: macronleaks\n    banks: [banks/cut.bank]\n');
  const r = cli(['check', '--config', cutConfig, 'bonjour']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /leaks\[0\]\.banks\[0\].*cut\.bank: truncated/);
});
