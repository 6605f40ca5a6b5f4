/** `blackout-guard check`, run as a user would run it. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONFIG = 'test/fixtures/exports/config.yaml';
const IN_WINDOW = '2017-05-06T12:00';

function check(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['bin/blackout-guard.js', 'check', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', BLACKOUT_CONFIG: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dir = await mkdtemp(join(tmpdir(), 'bg-check-'));
after(() => rm(dir, { recursive: true, force: true }));

test('a message with a listed link is reported as a share inside the blackout', () => {
  const r = check(['--config', CONFIG, '--at', IN_WINDOW, 'look hxxps://pastebin[.]com/testdump-2017']);
  assert.match(r.stdout, /^SHARE/);
  assert.match(r.stdout, /In blackout: yes/);
  assert.match(r.stdout, /link to pastebin\.com\/testdump-2017/);
});

test('the result says what the bots would do with the message', () => {
  const inside = JSON.parse(check(['--config', CONFIG, '--at', IN_WINDOW, '--json', 'pastebin.com/testdump-2017']).stdout);
  assert.deepEqual(inside.actions, ['warn', 'delete', 'alert', 'record']);
  const human = check(['--config', CONFIG, '--at', IN_WINDOW, 'pastebin.com/testdump-2017']).stdout;
  assert.match(human, /- delete: Delete the message/);
});

test('the JSON result has the verdict, blackout, windows, leaks and signals', () => {
  const r = check(['--config', CONFIG, '--at', IN_WINDOW, '--json', 'about #TestLeaks']);
  const result = JSON.parse(r.stdout);
  assert.equal(result.verdict, 'mention');
  assert.equal(result.inBlackout, true);
  assert.deepEqual(result.windows, ['test-t2']);
  assert.deepEqual(result.leaks, ['testleaks']);
  assert.deepEqual(result.signals, [{ kind: 'hashtag', leak: 'testleaks', rule: 'testleaks', material: false }]);
});

test('the message is read from standard input when no text is given', () => {
  const r = check(['--config', CONFIG, '--at', IN_WINDOW, '--json'], 'files at leakmirror.example/all\n');
  assert.equal(JSON.parse(r.stdout).verdict, 'share');
});

test('a time without an offset is read in the configured zone, and the end of the window is outside it', () => {
  const r = check(['--config', CONFIG, '--at', '2017-05-07T20:00', '--json', 'pastebin.com/testdump-2017']);
  const result = JSON.parse(r.stdout);
  assert.equal(result.verdict, 'share');
  assert.equal(result.inBlackout, false);
});

test('an attached file is hashed locally and matched by its SHA-256', async () => {
  const file = join(dir, 'archive.bin');
  await writeFile(file, 'leaked archive');
  const r = check(['--config', CONFIG, '--at', IN_WINDOW, '--json', '--attachment', file, 'see attached']);
  assert.equal(JSON.parse(r.stdout).verdict, 'share');
});

test('the output never repeats the message text', () => {
  const r = check(['--config', CONFIG, '--at', IN_WINDOW, '--json', 'private-words pastebin.com/testdump-2017']);
  assert.doesNotMatch(r.stdout + r.stderr, /private-words/);
});

test('a broken configuration is refused with its file, line and key, and exit code 2', async () => {
  const bad = join(dir, 'bad.yaml');
  await writeFile(bad, 'windows:\n  - id: w\n    start: 2017-05-07T00:00\n    end: 2017-05-06T00:00\n');
  const r = check(['--config', bad, 'hello']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.yaml:4:10: windows\[0\]\.end: the window must end after it starts/);
  assert.equal(r.stdout, '');
});

test('a time that is not ISO is refused with exit code 2', () => {
  const r = check(['--config', CONFIG, '--at', 'tomorrow', 'hello']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--at "tomorrow" is not an ISO time/);
});

test('the exit code is the verdict: 0 none, 3 mention, 4 share, with or without --json', () => {
  assert.equal(check(['--config', CONFIG, '--at', IN_WINDOW, 'bonjour à tous']).code, 0);
  assert.equal(check(['--config', CONFIG, '--at', IN_WINDOW, 'about #TestLeaks']).code, 3);
  assert.equal(check(['--config', CONFIG, '--at', IN_WINDOW, 'pastebin.com/testdump-2017']).code, 4);
  assert.equal(check(['--config', CONFIG, '--at', IN_WINDOW, '--json', 'pastebin.com/testdump-2017']).code, 4);
});

test('outside a blackout, the result gives the next window\'s start on its own clock, not raw UTC', () => {
  const r = check(['--config', CONFIG, '--at', '2017-05-01T12:00', 'hello']);
  assert.match(r.stdout, /In blackout: no \(next: Test election, second round, from Saturday, 6 May 2017 at 00:00 CEST\)/);
  assert.doesNotMatch(r.stdout, /\d{4}-\d{2}-\d{2}T/);
});

test('an endless attachment (/dev/zero) is refused past attachments.maxBytes with exit code 2', async () => {
  const small = join(dir, 'small.yaml');
  await writeFile(small, `${await readFile(CONFIG, 'utf8')}\nattachments:\n  maxBytes: 1048576\n`);
  const r = check(['--config', small, '--attachment', '/dev/zero', 'see attached']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /attachment \/dev\/zero is larger than attachments\.maxBytes \(1,048,576 bytes\)/);
  assert.equal(r.stdout, '');
});

test('an attachment that cannot be read is a usage error naming the file', () => {
  const r = check(['--config', CONFIG, '--attachment', join(dir, 'missing.zip'), 'hi']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read attachment .*missing\.zip/);
});
