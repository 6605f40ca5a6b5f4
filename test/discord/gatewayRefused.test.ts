/**
 * A gateway that keeps refusing the connection (here: every connection closed with 4000 at once,
 * which discord.js retries without end) must not keep `npm start` waiting: it gives up after its
 * ready timeout, exits with the start-failure code and says why, and the log names the close code
 * the gateway gave.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { EXIT } from '../../src/cli/exitCodes.ts';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';
import { cleanEnv, writeConfig } from './harness.ts';

test('npm start gives up when the gateway keeps refusing, exits 5 and logs the close code', { timeout: 90_000 }, async () => {
  const server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    if (req.url?.startsWith('/api/v10/gateway/bot')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: `ws://127.0.0.1:${port}`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found","code":0}');
  });
  const wss = new WebSocketServer({ server });
  let refused = 0;
  wss.on('connection', (ws) => {
    refused += 1;
    ws.close(4000, 'refused by the test gateway');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Only for its ids: the configuration written for the test needs a guild's channels.
  const standIn = await DiscordStandIn.start();
  const dir = await mkdtemp(join(tmpdir(), 'blackout-refused-'));
  try {
    const config = await writeConfig(dir, standIn.ids);
    const child = spawn(process.execPath, ['bin/blackout-guard.js', 'start'], {
      env: cleanEnv({ DISCORD_TOKEN: 'refused-token', DISCORD_API_URL: `http://127.0.0.1:${port}/api`, DISCORD_READY_TIMEOUT: '3', BLACKOUT_CONFIG: config }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, EXIT.startFailed, output);
    assert.match(output, /the Discord gateway did not become ready within 3 s/);
    assert.ok(refused >= 1, 'the gateway was reached');
    const closed = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'gateway connection closed');
    assert.equal(closed?.code, 4000, output);
    assert.equal(closed?.reason, 'UnknownError');
  } finally {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await standIn.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
