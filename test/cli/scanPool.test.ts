/** The worker threads of `scan --jobs N` classify exactly as the main thread does, sharing the work with it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { isChunk, type ExportChunk, type LinesChunk } from '../../src/chatExports/chunks.ts';
import { splitExport } from '../../src/chatExports/readExport.ts';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { extraRules } from '../../src/runtimeConfig/leakRules.ts';
import { classifyChunk, type ChunkResult } from '../../src/scan/classifyChunk.ts';
import { prestartWorkers, startScanWorker, workerRunner, WORKERS_AFTER_BYTES, type EngineSource, type ScanWorker } from '../../src/scan/pool.ts';
import { CONFIG, ZONE, fixture } from '../fixtures/exports/harness.ts';

async function chunksOf(path: string, format: 'jsonl' | 'discord' | 'slack-zip'): Promise<ExportChunk[]> {
  const chunks: ExportChunk[] = [];
  for await (const piece of splitExport(path, format, { zone: ZONE })) if (isChunk(piece)) chunks.push(piece);
  return chunks;
}

/** Resolves once `worker` says its engine is compiled (the test times out if it never does). */
async function untilReady(worker: ScanWorker): Promise<void> {
  while (!worker.ready) await new Promise((resolve) => setTimeout(resolve, 10));
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
      assert.ok(typeof expected.out === 'string' && expected.out.includes('"verdict":"share"'), 'the fixtures hold sharing messages');
      const answer = await worker.run(task);
      // The worker's lines come as their UTF-8 bytes (moved between threads, not copied).
      assert.ok(answer.out instanceof Uint8Array);
      assert.deepEqual({ ...answer, out: new TextDecoder().decode(answer.out) }, expected);
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

test('with two jobs, this thread and the worker thread both classify, and every result comes back', async () => {
  const loaded = await loadConfig(CONFIG);
  const source: EngineSource = { config: loaded.engine.config, extra: extraRules(loaded.rules) };
  // Chunks of 64 KiB, as the reader cuts them, 4 MiB in all (the worker starts after 1 MiB).
  const lines = (await readFile(fixture('messages.jsonl'), 'utf8')).trimEnd().split('\n').filter((l) => l.includes('"text"'));
  const body = Buffer.from(`${Array.from({ length: Math.ceil(65_536 / 840) * 3 }, (_, i) => lines[i % lines.length]).join('\n')}\n`);
  // Each chunk its own bytes, as the reader's are: a chunk's bytes may be moved to the worker.
  const chunk = (i: number): LinesChunk => ({ kind: 'lines', file: 'generated.jsonl', firstLine: 1 + i * 1000, bytes: Buffer.from(body) });
  const copies = Math.ceil((4 * WORKERS_AFTER_BYTES) / body.byteLength);
  const expected = classifyChunk(loaded.engine, { chunk: chunk(0), zone: ZONE, json: true });
  assert.ok(expected.tally.messages > 100 && expected.problems.length === 0);
  const runner = workerRunner(loaded.engine, source, 2);
  try {
    const queue: Promise<ChunkResult>[] = [];
    const results: ChunkResult[] = [];
    for (let i = 0; i < copies; i++) {
      queue.push(runner.run({ chunk: chunk(i), zone: ZONE, json: true }));
      while (queue.length >= runner.inFlight) results.push(await queue.shift()!);
    }
    results.push(...(await Promise.all(queue)));
    assert.equal(results.length, copies);
    assert.ok(results.every((r) => r.tally.messages === expected.tally.messages));
    const { here, handed } = runner.classified!;
    assert.equal(here + handed, copies);
    // Neither thread is left idle: a turn of this thread never waits for a chunk it handed on.
    assert.ok(here >= copies / 20, `this thread classified ${here} of ${copies}`);
    assert.ok(handed >= copies / 20, `the worker classified ${handed} of ${copies}`);
  } finally {
    await runner.close();
  }
});

test('chunks given while the worker thread is still starting are classified on this thread, not queued for it', async () => {
  const loaded = await loadConfig(CONFIG);
  const source: EngineSource = { config: loaded.engine.config, extra: extraRules(loaded.rules) };
  const [first] = await chunksOf(fixture('messages.jsonl'), 'jsonl');
  // Chunks of 256 KiB, so that the worker is started after the fifth; its answer that it is ready needs the event loop.
  const chunk = (): LinesChunk => ({ ...(first as LinesChunk), bytes: Buffer.alloc(256 * 1024, (first as LinesChunk).bytes) });
  const runner = workerRunner(loaded.engine, source, 2);
  try {
    const results = Array.from({ length: 12 }, () => runner.run({ chunk: chunk(), zone: ZONE, json: true }));
    // Handed to a thread still starting, a chunk would hold up every result after it until the thread is ready.
    assert.equal(runner.classified!.handed, 0);
    await Promise.all(results);
    assert.equal(runner.classified!.here + runner.classified!.handed, 12);
  } finally {
    await runner.close();
  }
});

test('a task that cannot be sent to the worker fails alone, and the worker goes on classifying', async () => {
  const loaded = await loadConfig(CONFIG);
  const source: EngineSource = { config: loaded.engine.config, extra: extraRules(loaded.rules) };
  const [chunk] = await chunksOf(fixture('messages.jsonl'), 'jsonl');
  const worker = startScanWorker(source);
  try {
    // A function cannot be copied to another thread: postMessage throws.
    const unsendable = { ...chunk!, bytes: Buffer.from(chunk!.bytes), extra: () => 0 } as unknown as ExportChunk;
    await assert.rejects(worker.run({ chunk: unsendable, zone: ZONE, json: true }), { name: 'DataCloneError' });
    assert.equal(worker.alive, true);
    const answer = await worker.run({ chunk: chunk!, zone: ZONE, json: true });
    assert.ok(answer.tally.messages > 0);
  } finally {
    await worker.close();
  }
});

test('a worker thread started before its source is known is not ready until given it, then classifies as this thread does', async () => {
  const loaded = await loadConfig(CONFIG);
  const source: EngineSource = { config: loaded.engine.config, extra: extraRules(loaded.rules) };
  const [chunk] = await chunksOf(fixture('messages.jsonl'), 'jsonl');
  const [worker] = prestartWorkers(1);
  try {
    assert.equal(await worker!.loader, 'bundle');
    // Time enough for the thread to load its code: it waits for the source, not for its code.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(worker!.ready, false);
    worker!.compile(source);
    await untilReady(worker!);
    const task = { chunk: chunk!, zone: ZONE, json: true };
    const expected = classifyChunk(loaded.engine, task);
    const answer = await worker!.run(task);
    assert.deepEqual({ ...answer, out: new TextDecoder().decode(answer.out as Uint8Array) }, expected);
  } finally {
    await worker!.close();
  }
});

test('a worker thread started and never given its source closes', async () => {
  const [worker] = prestartWorkers(1);
  assert.equal(await worker!.loader, 'bundle');
  // As after a configuration that cannot be read: the thread must not keep the process alive.
  await worker!.close();
  assert.equal(worker!.ready, false);
});

test('threads started beforehand take chunks from the first one, before the input passes WORKERS_AFTER_BYTES', async () => {
  const loaded = await loadConfig(CONFIG);
  const source: EngineSource = { config: loaded.engine.config, extra: extraRules(loaded.rules) };
  const [chunk] = await chunksOf(fixture('messages.jsonl'), 'jsonl');
  const workers = prestartWorkers(1);
  const runner = workerRunner(loaded.engine, source, 2, workers);
  try {
    await untilReady(workers[0]!);
    const result = await runner.run({ chunk: chunk!, zone: ZONE, json: true });
    assert.ok(chunk!.bytes.byteLength < WORKERS_AFTER_BYTES);
    assert.deepEqual(runner.classified, { here: 0, handed: 1 });
    assert.ok(result.tally.messages > 0);
  } finally {
    await runner.close();
  }
});
