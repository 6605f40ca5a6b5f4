import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFolderTree } from '../../src/chatExports/folderTree.ts';
import { openZipTree } from '../../src/chatExports/zipTree.ts';
import { cp, mkdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { join } from 'node:path';
import { dayFiles, readSlackExport } from '../../src/chatExports/slackExport.ts';
import { slackRecord, unescapeSlack } from '../../src/chatExports/slackMessage.ts';
import { collect, fixture, scan, tempDir, ZONE } from '../fixtures/exports/harness.ts';

const EXPECTED_ORDER = [
  ['general', '1493978400.000100'],
  ['general', '1493978500.000200'],
  ['general', '1494064800.000300'],
  ['general', '1494065000.000400'],
  ['newsroom', '1494070000.000500'],
  ['random', '1494230400.000600'],
];

test('a Slack export folder gives its messages channel by channel, in channels.json order, days in date order', async () => {
  const { records } = await collect(readSlackExport(await openFolderTree(fixture('slack')), { zone: ZONE }));
  assert.deepEqual(records.map((r) => [r.channel, r.id]), EXPECTED_ORDER);
});

test('a Slack message gives its time from ts, its author, its channel id and its file names', async () => {
  const { records } = await collect(readSlackExport(await openFolderTree(fixture('slack')), { zone: ZONE }));
  const upload = records.find((r) => r.id === '1494065000.000400')!;
  assert.equal(upload.atMs, 1494065000000);
  assert.equal(upload.user, 'U0BOB');
  assert.equal(upload.channelId, 'C0GENERAL');
  assert.deepEqual(upload.attachments, [{ name: 'TESTDUMP.zip' }]);
  const edited = records.find((r) => r.id === '1494070000.000500')!;
  assert.equal(edited.editedAtMs, 1494070100000);
  const bot = records.find((r) => r.channel === 'random')!;
  assert.equal(bot.user, 'B0DIGEST');
});

test('a Slack message without ts is reported with its day file and position, and the rest is read', async () => {
  const { problems } = await collect(readSlackExport(await openFolderTree(fixture('slack')), { zone: ZONE }));
  assert.deepEqual(problems, [{ error: 'message 2: missing "ts"', file: fixture('slack/newsroom/2017-05-06.json') }]);
});

test('a Slack export zip wrapped in a folder reads like the unpacked export', async () => {
  const { records, problems } = await collect(readSlackExport(await openZipTree(fixture('slack-export.zip')), { zone: ZONE }));
  assert.deepEqual(records.map((r) => [r.channel, r.id]), EXPECTED_ORDER);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.file, /slack-export\.zip!Test Workspace Slack export .*\/newsroom\/2017-05-06\.json$/);
});

test('a zip with unsafe names, junk, truncated and deeply nested day files is read around them', async () => {
  const { records, problems } = await collect(readSlackExport(await openZipTree(fixture('slack-odd.zip')), { zone: ZONE }));
  assert.deepEqual(records.map((r) => r.id), ['1494064800.000100', '1494230400.000100', '1494403200.000100']);
  const reasons = problems.map((p) => `${p.file.replace(/^.*!/, '')}: ${p.error}`);
  assert.equal(reasons.length, 4);
  assert.match(reasons[0]!, /^\.\.\/escape\/2017-05-06\.json: entry left out: unsafe entry name/);
  assert.match(reasons[1]!, /^\/absolute\/2017-05-06\.json: entry left out: unsafe entry name/);
  assert.match(reasons[2]!, /^general\/2017-05-07\.json: unreadable or not valid JSON after 0 message/);
  assert.match(reasons[3]!, /^general\/2017-05-08\.json: expected an array of messages/);
});

test('a folder without any conversation list is refused as not a Slack export', async () => {
  const { records, problems } = await collect(readSlackExport(await openFolderTree(fixture('slack/general')), { zone: ZONE }));
  assert.deepEqual(records, []);
  assert.match(problems[0]!.error, /^not a Slack export: no channels\.json/);
});

test('Slack markup escapes are undone so links and text read as posted', () => {
  assert.equal(unescapeSlack('a &lt;b&gt; &amp;amp; <https://x.example|x>'), 'a <b> &amp; <https://x.example|x>');
});

test('a Slack ts with microseconds is read to the millisecond without rounding errors', () => {
  const record = slackRecord({ ts: '1494064800.999999', text: 'x' }, { name: 'general' }, 'f.json', 0);
  assert.ok(!('error' in record));
  assert.equal(record.atMs, 1494064800999);
});

test('a Slack message whose text is not text is a problem', () => {
  assert.deepEqual(slackRecord({ ts: '1494064800.000100', text: { a: 1 } }, { name: 'general' }, 'f.json', 4), {
    error: 'message 5: "text" must be text',
    file: 'f.json',
  });
});

test('a symbolic link in an export folder is not followed, and is reported and counted as skipped', async () => {
  const { dir, remove } = await tempDir();
  try {
    const root = join(dir, 'export');
    await mkdir(join(root, 'general'), { recursive: true });
    await writeFile(join(root, 'channels.json'), JSON.stringify([{ id: 'C1', name: 'general' }]));
    await writeFile(join(dir, 'outside.json'), JSON.stringify([{ ts: '1494064800.000100', text: 'from outside' }]));
    await symlink(join(dir, 'outside.json'), join(root, 'general', '2017-05-06.json'));
    const { code, stdout, stderr } = await scan([root], false);
    assert.equal(code, 1);
    assert.match(stderr, /general\/2017-05-06\.json: entry left out: symbolic link, not followed; skipped/);
    assert.match(stdout, /^Scanned 0 messages; 1 skipped/);
  } finally {
    await remove();
  }
});

test('day files are grouped by folder in one pass: 300,000 day files in one folder are listed', { timeout: 120_000 }, () => {
  // Copying the folder's list for each file (as before) made this quadratic: it would not end.
  const files = new Map<string, number>();
  for (let i = 299_999; i >= 0; i--) files.set(`general/${String(i).padStart(6, '0')}.json`, 1);
  const days = dayFiles({ files }, '');
  const list = days.get('general')!;
  assert.equal(list.length, 300_000);
  assert.equal(list[0], 'general/000000.json');
  assert.equal(list[299_999], 'general/299999.json');
});

test('a day file removed after the export folder was listed is reported, and the other days are read', async () => {
  const { dir, remove } = await tempDir();
  try {
    await cp(fixture('slack'), dir, { recursive: true });
    const tree = await openFolderTree(dir);
    await unlink(join(dir, 'general', '2017-05-05.json'));
    const { records, problems } = await collect(readSlackExport(tree, { zone: ZONE }));
    assert.deepEqual(records.map((r) => [r.channel, r.id]), EXPECTED_ORDER.slice(2));
    assert.match(problems[0]!.file, /general\/2017-05-05\.json$/);
    assert.match(problems[0]!.error, /ENOENT/);
  } finally {
    await remove();
  }
});

/** The fixture export as a zip, its entries deflated or stored. */
async function zippedFixture(compression: 'DEFLATE' | 'STORE'): Promise<Buffer> {
  const zip = new JSZip();
  const root = fixture('slack');
  for (const path of ['channels.json', 'general/2017-05-05.json', 'general/2017-05-06.json', 'newsroom/2017-05-06.json', 'random/2017-05-08.json']) {
    zip.file(path, await readFile(join(root, path)));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression });
}

test('a zip whose day files are stored, not deflated, reads like the unpacked export', async () => {
  const { dir, remove } = await tempDir();
  try {
    await writeFile(join(dir, 'stored.zip'), await zippedFixture('STORE'));
    const { records } = await collect(readSlackExport(await openZipTree(join(dir, 'stored.zip')), { zone: ZONE }));
    assert.deepEqual(records.map((r) => [r.channel, r.id]), EXPECTED_ORDER);
  } finally {
    await remove();
  }
});

test('a day file of a zip that inflates to more than the zip says is reported, and the other days are read', async () => {
  const { dir, remove } = await tempDir();
  try {
    const zip = await zippedFixture('DEFLATE');
    // The central directory's record of general/2017-05-05.json claims 10 bytes, as a zip bomb's would.
    const name = Buffer.from('general/2017-05-05.json');
    const central = Buffer.from('PK\x01\x02', 'latin1');
    let at = zip.indexOf(central);
    while (!zip.subarray(at + 46, at + 46 + name.length).equals(name)) at = zip.indexOf(central, at + 4);
    zip.writeUInt32LE(10, at + 24);
    await writeFile(join(dir, 'lying.zip'), zip);
    const { records, problems } = await collect(readSlackExport(await openZipTree(join(dir, 'lying.zip')), { zone: ZONE }));
    assert.deepEqual(records.map((r) => [r.channel, r.id]), EXPECTED_ORDER.slice(2));
    assert.match(problems[0]!.file, /lying\.zip!general\/2017-05-05\.json$/);
    assert.match(problems[0]!.error, /too many bytes in the stream: more than the 10 declared/);
  } finally {
    await remove();
  }
});
