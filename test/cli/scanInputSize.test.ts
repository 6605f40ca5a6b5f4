/** `scan` knows before loading its configuration whether worker threads will be wanted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdMoreThan } from '../../src/scan/inputSize.ts';

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'scan-size-'));
}

test('files are added up across paths', async () => {
  const dir = await folder();
  await writeFile(join(dir, 'a.jsonl'), Buffer.alloc(600));
  await writeFile(join(dir, 'b.jsonl'), Buffer.alloc(600));
  assert.equal(await holdMoreThan([join(dir, 'a.jsonl')], 1000), false);
  assert.equal(await holdMoreThan([join(dir, 'a.jsonl'), join(dir, 'b.jsonl')], 1000), true);
});

test('a folder counts by the files inside it, at every depth', async () => {
  const dir = await folder();
  await mkdir(join(dir, 'general'));
  await writeFile(join(dir, 'channels.json'), Buffer.alloc(100));
  await writeFile(join(dir, 'general', '2017-05-05.json'), Buffer.alloc(500));
  assert.equal(await holdMoreThan([dir], 1000), false);
  await writeFile(join(dir, 'general', '2017-05-06.json'), Buffer.alloc(500));
  assert.equal(await holdMoreThan([dir], 1000), true);
});

test('a path that cannot be read counts for nothing', async () => {
  const dir = await folder();
  await writeFile(join(dir, 'a.jsonl'), Buffer.alloc(600));
  assert.equal(await holdMoreThan([join(dir, 'missing.jsonl'), join(dir, 'a.jsonl')], 1000), false);
});
