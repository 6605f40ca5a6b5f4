/**
 * A gateway that keeps refusing the connection (here: every connection closed with 4000 at once,
 * which discord.js retries without end) must not keep start-up waiting: the bot gives up after
 * its ready timeout with a clear error, and the log says which close code the gateway gave.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { WebSocketServer } from 'ws';
import { startDiscordBot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/log/logger.ts';
import { TimeoutError } from '../../src/util/timeout.ts';
import { startHarness } from './harness.ts';

test('start-up gives up when the gateway keeps refusing, and logs the close code', { timeout: 60_000 }, async () => {
  const h = await startHarness({ startBot: false });
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
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  try {
    await assert.rejects(
      startDiscordBot({ token: 'refused-token', apiUrl: `http://127.0.0.1:${port}/api`, live: h.live, store: h.store, logger, readyTimeoutMs: 3_000 }),
      (err: Error) => err instanceof TimeoutError && /did not become ready within 3 s/.test(err.message),
    );
    assert.ok(refused >= 1, 'the gateway was reached');
    const closed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'gateway connection closed');
    assert.equal(closed?.code, 4000, lines.join(''));
    assert.equal(closed?.reason, 'UnknownError');
  } finally {
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
  }
});
