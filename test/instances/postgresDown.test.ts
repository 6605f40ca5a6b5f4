/**
 * `blackout-guard start` while PostgreSQL cannot be reached (a real TCP proxy in front of it,
 * refusing every connection): the process comes up on the configuration file, moderates, spools
 * its incidents, and catches up when the database answers: the spooled incidents are written and
 * a change made by command meanwhile on another instance applies.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log/logger.ts';
import { eventEnvelope, slackTs } from '../../src/standins/slack/signing.ts';
import { SlackStandIn } from '../../src/standins/slack/webApi.ts';
import { openStore } from '../../src/store/open.ts';
import { startTcpProxy, type TcpProxy } from '../store/tcpProxy.ts';
import { createDatabase, deliver, freePort, Replica, waitUntil, type E2eDatabase } from './support/replicas.ts';
import { writeOpenWindowConfig } from './support/openWindowConfig.ts';

const SECRET = 'postgres-down-signing-secret';
const CHANNEL = 'C0NEWSROOM';

describe('start while PostgreSQL is down', () => {
  let dir: string;
  let db: E2eDatabase;
  let proxy: TcpProxy;
  let standIn: SlackStandIn;
  let replica: Replica;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bg-pg-down-'));
    db = await createDatabase();
    const url = new URL(db.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    proxy.cut();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    standIn = await SlackStandIn.start();
    const config = await writeOpenWindowConfig(dir, 'unused.db');
    const cwd = join(dir, 'replica');
    await mkdir(cwd);
    replica = new Replica({
      name: 'replica',
      port: await freePort(),
      cwd,
      env: { SLACK_BOT_TOKEN: standIn.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: standIn.apiUrl, DATABASE_URL: url.toString(), BLACKOUT_CONFIG: config },
    });
  });

  after(async () => {
    await replica?.kill();
    await standIn?.close().catch(() => undefined);
    await proxy?.close();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const share = (text: string) => {
    const ts = slackTs();
    const event = { type: 'message', channel: CHANNEL, channel_type: 'channel', user: 'U0SHARER', text, ts, event_ts: ts };
    return { ts, envelope: eventEnvelope(event, { teamId: standIn.teamId }) };
  };
  const warned = (ts: string) => standIn.callsTo('chat.postMessage').some((c) => c.params.channel === CHANNEL && c.params.thread_ts === ts);

  test('it comes up on the configuration file, moderates and spools; the database returning catches it up', async () => {
    await replica.waitReady(SECRET, 90_000);
    assert.ok(replica.logged('database unreachable at start: running on the configuration file (changes made by command apply once it answers); incidents are spooled'), replica.tail());

    const first = share('the dump: https://pastebin.com/abc');
    assert.equal((await deliver([replica], SECRET, first.envelope)).ackedBy, 'replica');
    await waitUntil('the warning of a message sent during the outage', () => warned(first.ts), 30_000, () => replica.tail());
    await waitUntil('the incident to be spooled', () => replica.logged('incident spooled until the database is back'), 30_000, () => replica.tail());

    // Meanwhile another instance, which reaches the database, adds a leak by command.
    const other = await openStore({ databaseUrl: db.url, sqlitePath: join(dir, 'other', 'unused.db'), logger: createLogger({ level: 'silent' }) });
    await other.addConfigChange({ kind: 'leak.add', leak: 'dump', key: 'urls', value: 'mirror.example/dump' }, { platform: 'slack', userId: 'U0ADMIN' }, Date.now());
    await other.close();

    proxy.restore();
    await waitUntil(
      'the spooled incident in PostgreSQL',
      async () => (await db.query('SELECT 1 FROM incidents WHERE message_id = $1', [first.ts])).length === 1,
      60_000,
      () => replica.tail(),
    );
    const second = share('new mirror: https://mirror.example/dump');
    // The change applies once the store has caught up (it refreshes when the database is back).
    await waitUntil(
      'a message sharing the leak added by command during the outage to be warned',
      async () => {
        if (!warned(second.ts)) await deliver([replica], SECRET, { ...second.envelope, event_id: `Ev${Date.now()}` });
        await new Promise((r) => setTimeout(r, 500));
        return warned(second.ts);
      },
      60_000,
      () => replica.tail(),
    );
    assert.ok(replica.running, replica.tail());
  });
});
