/**
 * The audit trail survives a SIGKILL in the middle of moderation: a real `blackout-guard start`
 * process (Slack over HTTP, deletion allowed) is killed the moment the Web API stand-in has
 * deleted the message, before the process hears back. The incident is already there (written
 * ahead, with the actions intended), and the instance that takes over (a restart on SQLite,
 * another replica on PostgreSQL) marks what the dead one left unconfirmed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventEnvelope, slackTs } from '../../src/standins/slack/signing.ts';
import { SlackStandIn } from '../../src/standins/slack/webApi.ts';
import { INTERRUPTED_DETAIL } from '../../src/store/incident.ts';
import { createDatabase, deliver, freePort, Replica, waitUntil, type E2eDatabase } from './support/replicas.ts';
import { writeOpenWindowConfig } from './support/openWindowConfig.ts';

const SECRET = 'write-ahead-signing-secret';
const CHANNEL = 'C0NEWSROOM';

interface IncidentRow {
  message_id: string;
  state: string;
  intended: string | null;
  actions: string;
}

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`a replica killed between deleting a message and recording it (${backend})`, () => {
    let dir: string;
    let db: E2eDatabase | undefined;
    let standIn: SlackStandIn;
    let config: string;
    const replicas: Replica[] = [];

    const start = async (name: string): Promise<Replica> => {
      const cwd = join(dir, name);
      await mkdir(cwd, { recursive: true });
      const replica = new Replica({
        name,
        port: await freePort(),
        cwd,
        env: {
          SLACK_BOT_TOKEN: standIn.botToken,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: standIn.apiUrl,
          SLACK_ADMIN_USER_TOKEN: standIn.adminToken,
          BLACKOUT_CONFIG: config,
          BLACKOUT_LEASE_MS: '1000',
          ...(db && { DATABASE_URL: db.url }),
        },
      });
      replicas.push(replica);
      await replica.waitReady(SECRET, 90_000);
      return replica;
    };

    const incidentOf = async (ts: string): Promise<IncidentRow | undefined> => {
      const sql = 'SELECT message_id, state, intended, actions FROM incidents WHERE message_id = ';
      if (db) return (await db.query<IncidentRow & Record<string, unknown>>(`${sql}$1`, [ts]))[0];
      const sqlite = new Database(join(dir, 'data', 'store.db'), { readonly: true });
      try {
        return sqlite.prepare(`${sql}?`).get(ts) as IncidentRow | undefined;
      } finally {
        sqlite.close();
      }
    };

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'bg-write-ahead-'));
      if (backend === 'postgres') db = await createDatabase();
      standIn = await SlackStandIn.start();
      config = await writeOpenWindowConfig(dir, 'store.db');
    });

    after(async () => {
      await Promise.all(replicas.map((r) => r.kill()));
      await standIn?.close().catch(() => undefined);
      await db?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    test('the incident is there, pending with the actions intended, and the takeover marks the unconfirmed ones', async () => {
      const victim = await start('victim');
      // On PostgreSQL another replica runs all along; on SQLite the victim is restarted.
      const survivor = backend === 'postgres' ? await start('survivor') : undefined;
      const ts = slackTs();
      standIn.onCall = (call) => {
        // The deletion is done on Slack's side; the process dies before it hears so.
        if (call.method === 'chat.delete' && call.params.ts === ts) victim.child.kill('SIGKILL');
      };
      const event = { type: 'message', channel: CHANNEL, channel_type: 'channel', user: 'U0SHARER', text: 'the dump: https://pastebin.com/abc', ts, event_ts: ts };
      const delivery = await deliver([victim], SECRET, eventEnvelope(event, { teamId: standIn.teamId }));
      assert.equal(delivery.ackedBy, 'victim', JSON.stringify(delivery.attempts));
      const exit = await victim.exited;
      assert.equal(exit.signal, 'SIGKILL', victim.tail());
      assert.equal(standIn.callsTo('chat.delete').length, 1, 'the message was deleted');

      const left = await incidentOf(ts);
      assert.ok(left, `an incident was recorded before the deletion\n${victim.tail()}`);
      assert.deepEqual(JSON.parse(left.intended ?? '[]'), ['warn', 'delete', 'alert', 'record']);
      assert.equal(left.state, 'pending');
      assert.match(left.actions, /"action":"warn","outcome":"done"/);

      const takeover = survivor ?? (await start('restarted'));
      await waitUntil('the takeover to mark the incident', async () => (await incidentOf(ts))?.state === 'interrupted', 30_000, () => takeover.tail());
      const marked = await incidentOf(ts);
      const actions = JSON.parse(marked!.actions) as { action: string; outcome: string; detail?: string }[];
      // The deletion is in the record either way: confirmed, when Slack's answer reached the victim
      // and was saved in the instant before the kill, or marked as of unknown outcome.
      const [warn, deletion, ...rest] = actions;
      assert.equal(`${warn?.action}:${warn?.outcome}`, 'warn:done');
      assert.equal(deletion?.action, 'delete');
      assert.ok(deletion?.outcome === 'done' || (deletion?.outcome === 'failed' && deletion.detail === INTERRUPTED_DETAIL), JSON.stringify(deletion));
      assert.deepEqual(rest.map((a) => `${a.action}:${a.outcome}`), ['alert:failed', 'record:failed']);
      assert.ok(rest.every((a) => a.detail === INTERRUPTED_DETAIL));
    });
  });
}
