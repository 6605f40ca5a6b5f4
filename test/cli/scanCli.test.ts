import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { CONFIG, fixture, jsonLines, runCli, tempDir } from '../fixtures/exports/harness.ts';

test('blackout-guard scan reports a malformed line on stderr with its line number, scans the rest and exits 1', async () => {
  const { code, stdout, stderr } = await runCli(['scan', '--config', CONFIG, '--json', fixture('malformed.jsonl')]);
  assert.equal(code, 1);
  assert.match(stderr, /malformed\.jsonl:2: not valid JSON/);
  assert.deepEqual(jsonLines(stdout).map((l) => l.id), ['a1', 'a5']);
});

test('blackout-guard scan of every format prints the summary and exits 0 when nothing is skipped', async () => {
  const { code, stdout, stderr } = await runCli(['scan', '--config', CONFIG, fixture('messages.jsonl')]);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  assert.match(stdout, /^Scanned 6 messages; none skipped\./);
});

test('blackout-guard scan reads the configuration from BLACKOUT_CONFIG', async () => {
  const { code, stdout } = await runCli(['scan', '--json', fixture('slack-export.zip')], { BLACKOUT_CONFIG: CONFIG });
  assert.equal(code, 1); // the fixture has one message without ts
  assert.equal(jsonLines(stdout).filter((l) => l.verdict === 'share').length, 2);
});

test('blackout-guard scan with a configuration file that does not exist exits 2 and says so', async () => {
  const { code, stdout, stderr } = await runCli(['scan', '--config', 'no/such/config.yaml', fixture('messages.jsonl')]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /no\/such\/config\.yaml: cannot read the configuration: file not found/);
});

test('blackout-guard scan with an invalid configuration exits 2 and names the key', async () => {
  const { dir, remove } = await tempDir();
  try {
    const config = join(dir, 'bad.yaml');
    await writeFile(config, 'windows:\n  - id: w\n    start: 2017-05-07T20:00\n    end: 2017-05-06T00:00\n');
    const { code, stderr } = await runCli(['scan', '--config', config, fixture('messages.jsonl')]);
    assert.equal(code, 2);
    assert.match(stderr, /windows\[0\]\.end: the window must end after it starts/);
  } finally {
    await remove();
  }
});

test('blackout-guard scan of a file that does not exist exits 2 with one line naming it', async () => {
  const { code, stdout, stderr } = await runCli(['scan', '--config', CONFIG, '/no/such/file.jsonl']);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, 'blackout-guard: /no/such/file.jsonl: no such file or folder\n');
});

test('blackout-guard scan without a path is a usage error (exit 2)', async () => {
  const { code, stderr } = await runCli(['scan', '--config', CONFIG]);
  assert.equal(code, 2);
  assert.match(stderr, /missing required argument 'paths'/);
});

test('blackout-guard scan --json piped to a reader that stops early ends without a crash', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'big.jsonl');
    const out = createWriteStream(file);
    for (let i = 0; i < 20_000; i++) {
      if (!out.write(`${JSON.stringify({ id: `m${i}`, text: `message ${i}`, at: '2017-05-06T10:00:00Z' })}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    // Like `| head -1`: read one chunk, then close the pipe.
    const child = spawn(process.execPath, ['bin/blackout-guard.js', 'scan', '--config', CONFIG, '--json', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number | null];
    assert.equal(stderr, '');
    assert.equal(code, 0);
  } finally {
    await remove();
  }
});
