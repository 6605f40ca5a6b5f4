import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { at, collect, FRENCH, one } from './collect.ts';
import { DEFAULT_LIMITS } from '../../src/extract/limits.ts';
import { walk } from '../../src/extract/walk.ts';
import { planZipParts } from '../../src/extract/zipSplit.ts';
import { gzip, makeDocx, makeEmail, makeMbox, makePdf, makeTar, makeZip } from './files.ts';

/** A small dump on disk: loose files, a folder, archives of every kind. */
async function makeDump(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'extract-walk-'));
  mkdirSync(join(dir, 'mails'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'mails', '0002.eml'), makeEmail({ subject: 'deux', text: FRENCH, charset: 'windows-1252' }));
  writeFileSync(join(dir, 'mails', '0001.eml'), makeEmail({ subject: 'un', text: 'premier', encoding: 'base64' }));
  writeFileSync(join(dir, 'mails', 'boite.mbox'), makeMbox([makeEmail({ subject: 'a', text: 'alpha' }), makeEmail({ subject: 'b', text: 'beta' })]));
  writeFileSync(join(dir, 'docs', 'note.pdf'), await makePdf([['Note interne']]));
  writeFileSync(join(dir, 'docs', 'budget.zip'), await makeZip({ 'budget.docx': await makeDocx(['Budget prévisionnel']), 'lisez-moi.txt': 'lisez' }));
  writeFileSync(join(dir, 'docs', 'archive.tar.gz'), gzip(await makeTar({ 'a/b.txt': 'dans le tar' })));
  writeFileSync(join(dir, 'docs', 'archive.tar'), await makeTar({ 'c.txt': 'tar nu' }));
  writeFileSync(join(dir, 'docs', 'pdf-named.txt'), await makePdf([['Vrai PDF']]));
  writeFileSync(join(dir, '.DS_Store'), 'hidden');
  return dir;
}

const summary = (records: readonly { path: string; type: string; sha256?: string; words?: number; error?: string }[], dir: string) =>
  records.map((r) => `${r.path.slice(dir.length + 1)} ${r.type} ${r.sha256?.slice(0, 12)} ${r.words ?? '-'} ${r.error ?? ''}`);

test('a folder is walked recursively in name order, hidden files left out', async (t) => {
  const dir = await makeDump();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const records = await collect(dir);
  assert.deepEqual(records.map((r) => r.path.slice(dir.length + 1)), [
    'docs/archive.tar!/c.txt',
    'docs/archive.tar',
    'docs/archive.tar.gz!/a/b.txt',
    'docs/archive.tar.gz',
    'docs/budget.zip!/budget.docx',
    'docs/budget.zip!/lisez-moi.txt',
    'docs/budget.zip',
    'docs/note.pdf',
    'docs/pdf-named.txt',
    'mails/0001.eml',
    'mails/0002.eml',
    'mails/boite.mbox!/message-00001.eml',
    'mails/boite.mbox!/message-00002.eml',
    'mails/boite.mbox',
  ]);
  assert.equal(at(records, join(dir, 'docs/pdf-named.txt')).type, 'pdf');
  assert.ok(records.every((r) => r.error === undefined && /^[0-9a-f]{64}$/.test(r.sha256!)));
});

test('files on disk are hashed with SHA-256 and MD5 of their exact bytes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-hash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 'abc');
  writeFileSync(join(dir, 'big.bin'), bytes);
  const [record] = await collect(join(dir, 'big.bin'));
  assert.equal(record!.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(record!.md5, createHash('md5').update(bytes).digest('hex'));
  assert.equal(record!.bytes, bytes.length);
});

test('a file larger than the memory limit is still hashed, and its text not read', async () => {
  const pdf = await makePdf([['x']]);
  const found = await one('big.pdf', pdf, { limits: { maxFileBytes: 100 } });
  assert.match(found.error!, /^too large to read: \d+ bytes > 100 bytes$/);
  assert.match(found.sha256!, /^[0-9a-f]{64}$/);
  assert.equal(found.text, undefined);
});

test('a large file inside an archive is read to the end: its hash is the whole file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-big-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const noise = Buffer.alloc(2 * 1024 * 1024);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  writeFileSync(join(dir, 'a.tgz'), gzip(await makeTar({ 'noise.bin': noise })));
  const records = await collect(join(dir, 'a.tgz'), { limits: { maxFileBytes: 1024 } });
  assert.equal(at(records, join(dir, 'a.tgz!/noise.bin')).sha256, createHash('sha256').update(noise).digest('hex'));
});

test('a path that does not exist is reported and the walk goes on', async () => {
  const records = await collect(['/nonexistent/leak.zip', { name: 'ok.txt', bytes: Buffer.from('ok') }]);
  assert.deepEqual(records.map((r) => [r.path, r.error]), [['/nonexistent/leak.zip', 'not found'], ['ok.txt', undefined]]);
});

test('an image is typed by its content and hashed; its PDQ, when given, is 64 hex digits', async () => {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
  const found = await one('photo.dat', png, { keepBytesOf: ['png'] });
  assert.equal(found.type, 'png');
  assert.equal(found.error, undefined);
  assert.equal(found.sha256, createHash('sha256').update(png).digest('hex'));
  assert.deepEqual(found.content, png);
  if (found.pdq) assert.match(found.pdq.hash, /^[0-9a-f]{64}$/);
});

test('two worker threads give the same records, in the same order, as one thread', async (t) => {
  const dir = await makeDump();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const sequential = summary(await collect(dir), dir);
  const parallel = summary(await collect(dir, { jobs: 2 }), dir);
  assert.deepEqual(parallel, sequential);
  assert.equal(parallel.length, 14);
});

test('the worker pool runs when the sources are loaded through the tsx API, as the CLI does', async (t) => {
  const dir = await makeDump();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // bin/blackout-guard.js registers tsx with its API: no `--import tsx` for workers to inherit.
  const script = `
    import { register } from 'tsx/esm/api';
    register();
    const { walk } = await import(${JSON.stringify(new URL('../../src/extract/walk.ts', import.meta.url).href)});
    let n = 0, words = 0;
    for await (const r of walk(${JSON.stringify(dir)}, { jobs: 2 })) { n++; words += r.words ?? 0; if (r.error) throw new Error(r.error); }
    console.log(JSON.stringify({ n, words }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
  const sequential = await collect(dir);
  assert.deepEqual(JSON.parse(out), { n: 14, words: sequential.reduce((s, r) => s + (r.words ?? 0), 0) });
});

test('an archive of hundreds of files comes back from the worker threads whole and in order', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-many-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`mails/${String(i).padStart(4, '0')}.txt`] = `message numéro ${i}`;
  writeFileSync(join(dir, 'a.zip'), await makeZip(files));
  writeFileSync(join(dir, 'b.txt'), 'après');
  const parallel = await collect(dir, { jobs: 2 });
  assert.deepEqual(summary(parallel, dir), summary(await collect(dir), dir));
  assert.equal(parallel.length, 302);
  assert.equal(parallel[299]!.text, 'message numéro 299');
});

test('leaving a parallel walk early stops its worker threads', async (t) => {
  const dir = await makeDump();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first: string[] = [];
  for await (const record of walk(dir, { jobs: 2 })) {
    first.push(record.name);
    if (first.length === 3) break;
  }
  assert.deepEqual(first, ['c.txt', 'archive.tar', 'b.txt']);
});

/** A zip of e-mails with attachments and plain files, large enough to be cut into parts of a few kB. */
async function makeMailZip(dir: string): Promise<string> {
  const files: Record<string, Uint8Array | string> = {};
  for (let i = 0; i < 40; i++) {
    const attachments = i % 3 === 0 ? [{ name: `note-${i}.txt`, contentType: 'text/plain', bytes: Buffer.from(`pièce jointe ${i} ${FRENCH}`) }] : [];
    files[`boite/${String(i).padStart(3, '0')}.eml`] = makeEmail({ subject: `message ${i}`, text: `${FRENCH} (${i})`, encoding: i % 2 ? 'base64' : 'quoted-printable', attachments });
    files[`notes/${i}.txt`] = `note ${i}`;
  }
  const path = join(dir, 'boite.zip');
  writeFileSync(path, await makeZip(files));
  return path;
}

test('a large zip read by both threads, a part each, gives the same records in the same order as one thread', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-split-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const zip = await makeMailZip(dir);
  writeFileSync(join(dir, 'suite.txt'), 'après le zip');
  const parts = await planZipParts(zip, statSync(zip).size, DEFAULT_LIMITS, 4096);
  assert.ok(parts && parts.length >= 4, `cut into ${parts?.length ?? 0} parts`);
  assert.equal(parts.reduce((n, p) => n + p.count, 0), 80);
  const sequential = summary(await collect(dir), dir);
  // Parts of 4 kB: the zip is cut into many, spread over the two threads.
  const split = summary(await collect(dir, { jobs: 2, zipPartBytes: 4096 }), dir);
  assert.deepEqual(split, sequential);
  assert.equal(sequential.length, 40 + 40 + 14 + 2);
  assert.match(sequential.at(-2)!, /^boite\.zip zip [0-9a-f]{12} - $/);
});

test('the parts of a split zip stay within the zip limits together', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-split-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await makeMailZip(dir);
  // 80 entries listed and 14 attachments inside them: 90 is enough for the entries, not for all.
  const limits = { maxEntries: 90 };
  const sequential = await collect(dir, { limits });
  const split = await collect(dir, { jobs: 2, zipPartBytes: 4096, limits });
  for (const records of [sequential, split]) {
    assert.match(records.at(-1)!.error ?? '', /^too many files: more than 90/);
    assert.ok(records.length - 1 <= 90, `${records.length - 1} files read`);
  }
});
