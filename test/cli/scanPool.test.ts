/** The worker threads of `scan --jobs N` classify exactly as the main thread does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isChunk, type ExportChunk } from '../../src/chatExports/chunks.ts';
import { splitExport } from '../../src/chatExports/readExport.ts';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { extraRules } from '../../src/runtimeConfig/leakRules.ts';
import { classifyChunk } from '../../src/scan/classifyChunk.ts';
import { startScanWorker, type EngineSource } from '../../src/scan/pool.ts';
import { CONFIG, ZONE, fixture } from '../fixtures/exports/harness.ts';

async function chunksOf(path: string, format: 'jsonl' | 'discord' | 'slack-zip'): Promise<ExportChunk[]> {
  const chunks: ExportChunk[] = [];
  for await (const piece of splitExport(path, format, { zone: ZONE })) if (isChunk(piece)) chunks.push(piece);
  return chunks;
}

async function compare(bundle: boolean): Promise<void> {
  const loaded = await loadConfig(CONFIG);
  const source: EngineSource = { config: loaded.engine.config, extra: extraRules(loaded.rules) };
  const chunks = [
    ...(await chunksOf(fixture('messages.jsonl'), 'jsonl')),
    ...(await chunksOf(fixture('discord.json'), 'discord')),
    ...(await chunksOf(fixture('slack-export.zip'), 'slack-zip')),
  ];
  assert.equal(chunks.length, 3);
  const worker = startScanWorker(source, { bundle });
  try {
    assert.equal(await worker.loader, bundle ? 'bundle' : 'tsx');
    for (const chunk of chunks) {
      const task = { chunk, zone: ZONE, json: true };
      const expected = classifyChunk(loaded.engine, task);
      assert.ok(expected.out.includes('"verdict":"share"'), 'the fixtures hold sharing messages');
      assert.deepEqual(await worker.run(task), expected);
    }
  } finally {
    await worker.close();
  }
}

test('a worker thread started from the bundle classifies chunks of every format as this thread does', async () => {
  await compare(true);
});

test('a worker thread started through tsx (no bundle) classifies chunks as this thread does', async () => {
  await compare(false);
});
