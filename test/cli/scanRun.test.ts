import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runScan } from '../../src/cli/scan.ts';
import { Capture, fixture, jsonLines, scan, tempDir, testEngine } from '../fixtures/exports/harness.ts';

test('--json writes one result per message, in input order across paths', async () => {
  const { code, stdout } = await scan([fixture('messages.jsonl'), fixture('discord.json')], true);
  assert.equal(code, 1); // discord.json has one bad timestamp
  assert.deepEqual(
    jsonLines(stdout).map((l) => l.id),
    ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', '310000000000000001', '310000000000000002', '310000000000000003', '310000000000000004'],
  );
});

test('a --json result carries verdict, blackout, windows, leak sets, signals, channel, user and time', async () => {
  const { stdout } = await scan([fixture('messages.jsonl')], true);
  const lines = jsonLines(stdout);
  assert.deepEqual(lines[1], {
    id: 'm2',
    verdict: 'share',
    inBlackout: true,
    windows: ['test-t2'],
    leaks: ['testleaks'],
    signals: [
      { kind: 'url', leak: 'testleaks', rule: 'pastebin.com/testdump-2017' },
      { kind: 'keyword', leak: 'testleaks', rule: 'testdump' },
    ],
    at: '2017-05-06T10:00:00.000Z',
    channel: 'general',
    user: 'u2',
    source: { file: fixture('messages.jsonl'), line: 2 },
  });
  assert.deepEqual(lines.map((l) => [l.verdict, l.inBlackout]), [
    ['none', false],
    ['share', true],
    ['mention', true],
    ['share', true],
    ['share', false],
    ['none', true],
  ]);
});

test('no message text appears in the output, with or without --json', async () => {
  const paths = [fixture('messages.jsonl'), fixture('malformed.jsonl'), fixture('slack'), fixture('discord.json')];
  for (const json of [true, false]) {
    const { stdout, stderr } = await scan(paths, json);
    for (const phrase of ['Tout est là', 'hxxps', 'Everything is here', 'On ne relaie pas', 'closing brace', 'broken timestamp']) {
      assert.ok(!stdout.includes(phrase) && !stderr.includes(phrase), `"${phrase}" leaked into the output`);
    }
  }
});

test('an edited message is in blackout when its edit falls inside a window', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'edited.json');
    const out = createWriteStream(file);
    out.end(JSON.stringify({
      channel: { id: '1', name: 'c' },
      messages: [{ id: '9', timestamp: '2017-05-05T20:00:00+00:00', timestampEdited: '2017-05-06T08:00:00+00:00', content: '#TestLeaks' }],
    }));
    await once(out, 'close');
    const [line] = jsonLines((await scan([file], true)).stdout);
    assert.equal(line!.inBlackout, true);
    assert.equal(line!.editedAt, '2017-05-06T08:00:00.000Z');
  } finally {
    await remove();
  }
});

test('the summary counts messages by verdict, by window and by channel, and the skipped ones', async () => {
  const { code, stdout } = await scan([fixture('messages.jsonl'), fixture('malformed.jsonl')], false);
  assert.equal(code, 1);
  assert.match(stdout, /^Scanned 8 messages; 4 skipped \(see the errors above\)\./);
  assert.match(stdout, /^ {2}share +3 +2$/m);
  assert.match(stdout, /^ {2}mention +2 +2$/m);
  assert.match(stdout, /^ {2}none +3 +2$/m);
  assert.match(stdout, /^ {2}test-t2 \(Test election, second round\) +2 +2 +2$/m);
  assert.match(stdout, /^ {2}general +2 +1 +2$/m);
  assert.match(stdout, /^ {2}newsroom +1 +1 +0$/m);
  assert.match(stdout, /^ {2}\(no channel\) +0 +0 +1$/m);
});

test('a scan where every record is read exits 0 and says none was skipped', async () => {
  const { code, stdout, stderr } = await scan([fixture('messages.jsonl')], false);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  assert.match(stdout, /^Scanned 6 messages; none skipped\./);
});

test('a missing path is a usage error (exit 2) named on stderr, and nothing is scanned', async () => {
  const { code, stdout, stderr } = await scan([fixture('messages.jsonl'), 'does/not/exist.jsonl'], true);
  assert.equal(code, 2);
  assert.equal(stderr, 'blackout-guard: does/not/exist.jsonl: no such file or folder\n');
  assert.equal(stdout, '');
});

test('a summary with sharing messages says how to list them', async () => {
  const { stdout } = await scan([fixture('messages.jsonl')], false);
  assert.match(stdout, /To list the 3 sharing messages .*:\n {2}blackout-guard scan --only share test\/fixtures\/exports\/messages\.jsonl\n/);
});

test('a summary without sharing messages has no listing hint', async () => {
  const { stdout } = await scan([fixture('slack/random')], false);
  assert.doesNotMatch(stdout, /--only share/);
});

test('the summary gives the speed of the scan in messages per second', async () => {
  const { stdout } = await scan([fixture('messages.jsonl')], false);
  assert.match(stdout, /^Took \d+\.\d s \([\d,]+ messages\/s\)\.$/m);
});

test('50,000 lines are streamed to a slow reader with back-pressure, in order', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'big.jsonl');
    const out = createWriteStream(file);
    for (let i = 0; i < 50_000; i++) {
      const text = i % 1000 === 0 ? 'https://pastebin.com/testdump-2017' : `message ${i}`;
      if (!out.write(`${JSON.stringify({ id: `m${i}`, text, at: '2017-05-06T10:00:00Z', channel: `c${i % 7}` })}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    // A reader with a tiny buffer that only takes a chunk on the next turn: the scan must wait for it.
    let count = 0;
    let next = 0;
    let ordered = true;
    let shares = 0;
    let pending = '';
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        pending += chunk.toString('utf8');
        const parts = pending.split('\n');
        pending = parts.pop()!;
        for (const part of parts) {
          const line = JSON.parse(part) as { id: string; verdict: string };
          ordered &&= line.id === `m${next++}`;
          if (line.verdict === 'share') shares += 1;
          count += 1;
        }
        setImmediate(done);
      },
    });
    const code = await runScan(await testEngine(), [file], { json: true, stdout: slow, stderr: new Capture(), progress: false });
    assert.equal(code, 0);
    assert.equal(count, 50_000);
    assert.ok(ordered);
    assert.equal(shares, 50);
  } finally {
    await remove();
  }
});

test('a reader that goes away ends the scan quietly', async () => {
  let lines = 0;
  const gone = new Writable({
    write(_chunk, _enc, done) {
      lines += 1;
      if (lines === 2) {
        const err = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        done(err);
      } else done();
    },
  });
  const stderr = new Capture();
  const code = await runScan(await testEngine(), [fixture('messages.jsonl')], { json: true, stdout: gone, stderr, progress: false });
  assert.equal(code, 0);
  assert.equal(stderr.text, '');
  assert.ok(lines <= 3);
});
