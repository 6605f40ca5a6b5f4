/** Leaked documents are streamed: one over 2 GiB is read in part, never whole, and start-up goes on. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify } from '../../src/core/index.ts';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { EMAIL } from './support.ts';

const dir = await mkdtemp(join(tmpdir(), 'bg-large-'));
after(() => rm(dir, { recursive: true, force: true }));

test('a leaked document over 2 GiB is fingerprinted from its start and does not stop start-up', { timeout: 300_000 }, async () => {
  // A sparse file: the e-mail at the start, then zeros up to 2.2 GiB (no disk space used).
  const file = join(dir, 'huge.txt');
  const handle = await open(file, 'w');
  await handle.write(Buffer.from(`${EMAIL}\n`.repeat(20)));
  await handle.truncate(Math.round(2.2 * 1024 ** 3));
  await handle.close();
  await writeFile(join(dir, 'blackout.yaml'), 'leaks:\n  - id: macronleaks\n    documents: [huge.txt]\n');
  const loaded = await loadConfig(join(dir, 'blackout.yaml'));
  const words = EMAIL.split(/\s+/).slice(10, 32).join(' ');
  assert.equal(classify(loaded.engine, { text: words, at: 0 }).verdict, 'share');
});
