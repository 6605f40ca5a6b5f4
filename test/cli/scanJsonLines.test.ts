import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readJsonLines, parseLine } from '../../src/chatExports/jsonLines.ts';
import { readLines } from '../../src/chatExports/lines.ts';
import { collect, fixture, tempDir, ZONE } from '../fixtures/exports/harness.ts';

test('a JSON Lines export gives one record per line with id, time, channel, user and attachments', async () => {
  const { records, problems } = await collect(readJsonLines(fixture('messages.jsonl'), { zone: ZONE }));
  assert.deepEqual(problems, []);
  assert.deepEqual(records.map((r) => r.id), ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
  const m4 = records[3]!;
  assert.equal(m4.atMs, Date.parse('2017-05-06T14:00:00Z'));
  assert.equal(m4.channel, 'newsroom');
  assert.equal(m4.user, 'u2');
  assert.deepEqual(m4.attachments, [{ name: 'notes.zip', sha256: '4E5576792406CD8AD694B3FD6581978F06975C2C9E72F4EF9ED77B88543E2BA3' }]);
  assert.deepEqual(m4.source, { file: fixture('messages.jsonl'), line: 4 });
});

test('malformed lines are reported with their line numbers and the other lines are still read', async () => {
  const { records, problems } = await collect(readJsonLines(fixture('malformed.jsonl'), { zone: ZONE }));
  assert.deepEqual(records.map((r) => [r.id, r.source.line]), [['a1', 1], ['a5', 7]]);
  assert.deepEqual(problems.map((p) => p.line), [2, 4, 5, 6]);
  assert.match(problems[0]!.error, /not valid JSON/);
  assert.match(problems[1]!.error, /missing "at"/);
  assert.match(problems[2]!.error, /"at" is not an ISO time/);
  assert.match(problems[3]!.error, /expected a JSON object/);
});

test('a line that is not valid JSON is reported without quoting its text', () => {
  const problem = parseLine('{"id":"x","text":"secret leaked words"', 'f.jsonl', 3, ZONE);
  assert.ok('error' in problem);
  assert.doesNotMatch(problem.error, /secret/);
});

test('a time without an offset is read in the configured zone', () => {
  const record = parseLine('{"id":"x","text":"","at":"2017-05-06T00:00"}', 'f.jsonl', 1, ZONE);
  assert.ok(!('error' in record));
  assert.equal(record.atMs, Date.parse('2017-05-05T22:00:00Z'));
});

test('an attachment hash that is not 64 hexadecimal digits makes the line a problem', () => {
  const problem = parseLine('{"id":"x","text":"","at":"2017-05-06T10:00:00Z","attachments":[{"name":"a","sha256":"abc"}]}', 'f.jsonl', 9, ZONE);
  assert.deepEqual(problem, { error: '"attachments[0].sha256" must be 64 hexadecimal digits', file: 'f.jsonl', line: 9 });
});

test('numeric ids are read as text and a byte-order mark on the first line is ignored', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'bom.ndjson');
    await writeFile(file, '\uFEFF{"id":42,"text":"hi","at":"2017-05-06T10:00:00Z"}\r\n\r\n{"id":"b","text":"","at":"2017-05-06T10:00:00Z"}');
    const { records, problems } = await collect(readJsonLines(file, { zone: ZONE }));
    assert.deepEqual(problems, []);
    assert.deepEqual(records.map((r) => [r.id, r.source.line]), [['42', 1], ['b', 3]]);
  } finally {
    await remove();
  }
});

test('lines are split across chunk boundaries, and a line over the limit is reported as too long', async () => {
  const chunks = ['ab', 'c\nde', 'f\n', 'x'.repeat(30), '\nlast'].map((s) => Buffer.from(s));
  const lines = [];
  for await (const line of readLines(Readable.from(chunks), 10)) lines.push(line);
  assert.deepEqual(lines, [
    { line: 1, text: 'abc' },
    { line: 2, text: 'def' },
    { line: 3, tooLong: true },
    { line: 4, text: 'last' },
  ]);
});

test('a 100 kB message is read whole', async () => {
  const { dir, remove } = await tempDir();
  try {
    const file = join(dir, 'long.jsonl');
    const text = 'mot '.repeat(25_000);
    await writeFile(file, `${JSON.stringify({ id: 'long', text, at: '2017-05-06T10:00:00Z' })}\n`);
    const { records } = await collect(readJsonLines(file, { zone: ZONE }));
    assert.equal(records[0]!.text.length, 100_000);
  } finally {
    await remove();
  }
});
