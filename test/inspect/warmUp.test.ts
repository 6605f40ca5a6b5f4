/**
 * The OCR warm-up: at `start`, the inspection threads are started and the OCR models loaded
 * beside the logins, and a log line says so once the threads report them loaded.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseConfigText } from '../../src/core/index.ts';
import { AttachmentInspector, warmUpInspection } from '../../src/inspect/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';
import { cleanEnv, writeConfig } from '../discord/harness.ts';

function memoryLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', format: 'json', destination }), lines };
}

const config = (attachments: string) => parseConfigText(`windows: []\nleaks: []\nattachments: ${attachments}\n`, 'test.yaml').config;

test('warming up inspection loads the OCR models of every language in the inspection thread and logs that it is ready', async () => {
  const inspector = new AttachmentInspector({ threads: 1 });
  after(() => inspector.close());
  const { logger, lines } = memoryLogger();
  const report = await warmUpInspection(config('{ ocr: true }'), logger, inspector);
  assert.deepEqual(report, { threads: 1, ocrLanguages: ['fra', 'eng'] });
  const ready = lines.find((l) => l.msg === 'attachment inspection ready (OCR models loaded)');
  assert.ok(ready, JSON.stringify(lines));
  assert.deepEqual(ready.ocrLanguages, ['fra', 'eng']);
});

test('with OCR turned off there is nothing to warm up and nothing is logged', async () => {
  const inspector = new AttachmentInspector({ threads: 1 });
  after(() => inspector.close());
  const { logger, lines } = memoryLogger();
  assert.equal(await warmUpInspection(config('{ ocr: false }'), logger, inspector), undefined);
  assert.deepEqual(lines, []);
});

test('npm start warms the OCR models up in the background and logs when they are ready', async () => {
  const standIn = await DiscordStandIn.start();
  const dir = await mkdtemp(join(tmpdir(), 'bg-warm-up-'));
  after(async () => {
    await standIn.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const configFile = await writeConfig(dir, standIn.ids);
  const env = cleanEnv({ DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl, BLACKOUT_CONFIG: configFile, LOG_FORMAT: 'json' });
  const child = spawn(process.execPath, ['bin/blackout-guard.js', 'start'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = once(child, 'exit');
  const lines: Record<string, unknown>[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stderr!.on('data', (d: Buffer) => {
        buffered += d.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        for (const part of parts) if (part.startsWith('{')) lines.push(JSON.parse(part));
        if (lines.some((l) => l.msg === 'attachment inspection ready (OCR models loaded)')) resolve();
      });
      child.once('exit', () => reject(new Error(`exited before the warm-up was logged:\n${lines.map((l) => l.msg).join('\n')}`)));
    });
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
  const ready = lines.find((l) => l.msg === 'attachment inspection ready (OCR models loaded)')!;
  assert.deepEqual(ready.ocrLanguages, ['fra', 'eng']);
  assert.ok((ready.threads as number) >= 1);
});
