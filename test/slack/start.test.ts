/**
 * The contract other tools rely on: `npm start` (node bin/blackout-guard.js start) with
 * SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET listens over HTTP on PORT at /slack/events within
 * 20 s, sends every Web API call (auth.test included) to SLACK_API_URL, moderates, and stops
 * cleanly on SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventEnvelope, postEvent, postSigned, slackTs } from '../../src/standins/slack/signing.ts';
import { SlackStandIn } from '../../src/standins/slack/webApi.ts';

const BIN = resolve('bin/blackout-guard.js');
const SECRET = 'contract-signing-secret';
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

/** A port free right now on 127.0.0.1 (PORT takes a number, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

test('npm start serves /slack/events within 20 s, calls only SLACK_API_URL, warns, and stops on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bg-slack-start-'));
  const standIn = await SlackStandIn.start();
  const now = Date.now();
  const config = join(dir, 'blackout.yaml');
  await writeFile(
    config,
    `timezone: UTC
windows:
  - id: w
    start: ${iso(now - 3_600_000)}
    end: ${iso(now + 3_600_000)}
leaks:
  - id: l
    urls: [pastebin.com/emleaks-contract]
slack:
  alertChannel: C0MODS
store:
  sqlitePath: ${JSON.stringify(join(dir, 'store.db'))}
`,
  );
  const port = await freePort();
  // A clean environment: no tokens of the machine running the tests, no .env (cwd is the temp dir).
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      BLACKOUT_CONFIG: config,
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standIn.apiUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    const url = `http://127.0.0.1:${port}/slack/events`;
    const deadline = Date.now() + 20_000;
    let listening = false;
    while (!listening && Date.now() < deadline && child.exitCode === null) {
      try {
        const answer = await postSigned(url, SECRET, JSON.stringify({ type: 'url_verification', challenge: 'up' }), 'application/json');
        listening = answer.status === 200 && answer.body.includes('up');
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.ok(listening, `not listening at /slack/events within 20 s; stderr:\n${stderr}`);
    assert.equal(standIn.calls[0]?.method, 'auth.test', 'auth.test went to SLACK_API_URL');

    const ts = slackTs();
    const answer = await postEvent(
      url,
      SECRET,
      eventEnvelope({ type: 'message', channel: 'C0NEWS', user: 'U0AUTHOR', text: 'see <https://pastebin.com/emleaks-contract>', ts }, { teamId: standIn.teamId }),
    );
    assert.equal(answer.status, 200);
    await standIn.waitFor('the threaded warning', () => standIn.callsTo('chat.postMessage').some((c) => c.params.thread_ts === ts), 30_000);
    assert.equal(standIn.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === ts).length, 1);
    assert.ok(standIn.calls.every((c) => c.token === standIn.botToken));

    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    await standIn.close();
    await rm(dir, { recursive: true, force: true });
  }
});
