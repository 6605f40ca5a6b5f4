import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { CONFIG, jsonLines, runCli, scan, tempDir } from '../fixtures/exports/harness.ts';

/** A JSON Lines file of `count` messages (several chunks' worth), every 500th sharing. */
async function bigExport(dir: string, count: number): Promise<string> {
  const file = join(dir, 'big.jsonl');
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    const text = i % 500 === 0 ? 'https://pastebin.com/testdump-2017' : `message numéro ${i} du débat, rien à signaler`;
    const line = `${JSON.stringify({ id: `m${i}`, text, at: '2017-05-06T10:00:00+02:00', channel: `c${i % 7}` })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return file;
}

test('scan --jobs 2 through the real command classifies on worker threads and keeps the input order', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = await bigExport(dir, 30_000); // about 3 MB: three chunks
    const { code, stdout, stderr } = await runCli(['scan', '--config', CONFIG, '--json', '--jobs', '2', file]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const lines = jsonLines(stdout);
    assert.equal(lines.length, 30_000);
    assert.ok(lines.every((l, i) => l.id === `m${i}`), 'out of order');
    assert.equal(lines.filter((l) => l.verdict === 'share').length, 60);
  } finally {
    await remove();
  }
});

test('the summary counts the same with several jobs as with one', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = await bigExport(dir, 25_000);
    const one = await scan([file], false, { jobs: 1 });
    const two = await scan([file], false, { jobs: 2 });
    const tables = (s: string) => s.split('\n').filter((l) => !l.startsWith('Took')).join('\n');
    assert.equal(tables(two.stdout), tables(one.stdout));
  } finally {
    await remove();
  }
});

test('--only share writes the sharing messages only', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = await bigExport(dir, 2_000);
    const { stdout } = await scan([file], true, { only: ['share'] });
    assert.deepEqual(jsonLines(stdout).map((l) => l.id), ['m0', 'm500', 'm1000', 'm1500']);
  } finally {
    await remove();
  }
});

test('blackout-guard scan --only without --json prints JSON lines of that verdict', async () => {
  const { code, stdout } = await runCli(['scan', '--config', CONFIG, '--only', 'mention', 'test/fixtures/exports/messages.jsonl']);
  assert.equal(code, 0);
  assert.deepEqual(jsonLines(stdout).map((l) => [l.id, l.verdict]), [['m3', 'mention']]);
});

test('blackout-guard scan --only with an unknown verdict is a usage error (exit 2)', async () => {
  const { code, stdout, stderr } = await runCli(['scan', '--config', CONFIG, '--only', 'shared', 'test/fixtures/exports/messages.jsonl']);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /--only: "shared" is not a verdict/);
});

test('blackout-guard scan --jobs 0 is a usage error (exit 2)', async () => {
  const { code, stderr } = await runCli(['scan', '--config', CONFIG, '--jobs', '0', 'test/fixtures/exports/messages.jsonl']);
  assert.equal(code, 2);
  assert.match(stderr, /--jobs: expected a whole number/);
});
