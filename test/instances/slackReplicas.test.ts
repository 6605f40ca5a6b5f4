/**
 * Slack app replicas behind a load balancer, end to end: three real `blackout-guard start`
 * processes on one PostgreSQL database and one Web API stand-in. An event delivered to several
 * replicas is handled once, each sharing message gets one warning and one incident, a reminder is
 * posted once, and killing a replica in the middle of a stream loses nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventEnvelope, slackTs } from '../../src/standins/slack/signing.ts';
import { SlackStandIn } from '../../src/standins/slack/webApi.ts';
import {
  createDatabase,
  deliver,
  freePort,
  Replica,
  sleep,
  waitUntil,
  type Delivery,
  type E2eDatabase,
} from './support/replicas.ts';

const SECRET = 'e2e-signing-secret';
const CHANNEL = 'C0NEWSROOM';
const ALERT_CHANNEL = 'C0MODS';
const REMIND_CHANNEL = 'C0REMIND';
const NOW_WINDOW = { id: 'e2e-round-two', name: 'Round two (replicas test)' };
const SOON_WINDOW = { id: 'e2e-snap-vote', name: 'Snap vote (replicas test)' };
/** How long after the configuration is written the second window opens (its reminder fires). */
const SOON_MS = 20_000;
/** A message sharing the leak set's URL. */
const SHARE = 'mirror of the dump: https://pastebin.com/abc';

interface IncidentRow extends Record<string, unknown> {
  message_id: string;
  author_id: string;
  verdict: string;
  actions: string;
}

describe('three Slack app replicas on one PostgreSQL', () => {
  let dir: string | undefined;
  let db: E2eDatabase | undefined;
  let standIn: SlackStandIn | undefined;
  let replicas: Replica[] = [];
  let soonOpensAt = 0;
  let authors = 0;

  const byName = (name: string): Replica => replicas.find((r) => r.name === name)!;
  const tails = (): string => replicas.map((r) => r.tail()).join('\n');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bg-e2e-'));
    db = await createDatabase();
    standIn = await SlackStandIn.start();
    const now = Date.now();
    soonOpensAt = Math.ceil((now + SOON_MS) / 1000) * 1000;
    const config = join(dir, 'blackout.yaml');
    await writeFile(
      config,
      `timezone: UTC
language: en
windows:
  - id: ${NOW_WINDOW.id}
    name: ${NOW_WINDOW.name}
    start: ${new Date(now - 3_600_000).toISOString()}
    end: ${new Date(now + 2 * 3_600_000).toISOString()}
  - id: ${SOON_WINDOW.id}
    name: ${SOON_WINDOW.name}
    start: ${new Date(soonOpensAt).toISOString()}
    end: ${new Date(soonOpensAt + 3_600_000).toISOString()}
leaks:
  - id: e2eleaks
    name: Replicas test leaks
    urls: [pastebin.com/abc]
reminders:
  before: []
  onOpen: true
  onClose: false
slack:
  alertChannel: ${ALERT_CHANNEL}
  reminderChannels: [${REMIND_CHANNEL}]
store:
  sqlitePath: ${JSON.stringify(join(dir, 'data', 'unused.db'))}
`,
    );
    const ports = [await freePort(), await freePort(), await freePort()];
    replicas = await Promise.all(
      ['A', 'B', 'C'].map(async (name, i) => {
        const cwd = join(dir!, name);
        await mkdir(cwd);
        return new Replica({
          name,
          port: ports[i]!,
          cwd,
          env: {
            SLACK_BOT_TOKEN: standIn!.botToken,
            SLACK_SIGNING_SECRET: SECRET,
            SLACK_API_URL: standIn!.apiUrl,
            DATABASE_URL: db!.url,
            BLACKOUT_CONFIG: config,
          },
        });
      }),
    );
    await Promise.all(replicas.map((r) => r.waitReady(SECRET, 90_000)));
  });

  after(async () => {
    await Promise.all(replicas.map((r) => r.kill()));
    await standIn?.close().catch(() => undefined);
    await db?.drop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  // -------------------------------------------------------------------------------------------
  // Helpers reading what reached the stand-in, the replicas' logs and the incidents table

  /** A sharing message event from a fresh author (the warning rate limit is per author). */
  const shareEvent = (): { ts: string; author: string; envelope: Record<string, unknown> } => {
    const ts = slackTs();
    authors += 1;
    const author = `U0E2E${String(authors).padStart(4, '0')}`;
    const event = { type: 'message', channel: CHANNEL, channel_type: 'channel', user: author, text: SHARE, ts, event_ts: ts };
    return { ts, author, envelope: eventEnvelope(event, { teamId: standIn!.teamId }) };
  };

  /** Threaded warnings posted for the message `ts`. */
  const warningsFor = (ts: string) => standIn!.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL && c.params.thread_ts === ts);
  /** Moderator alerts about the message `ts` (their permalink names it). */
  const alertsFor = (ts: string) => {
    const p = `p${ts.replace('.', '')}`;
    return standIn!.callsTo('chat.postMessage').filter((c) => c.params.channel === ALERT_CHANNEL && JSON.stringify(c.params.blocks ?? '').includes(p));
  };
  const incidentsFor = async (ts: string): Promise<IncidentRow[]> =>
    db!.query<IncidentRow>('SELECT message_id, author_id, verdict, actions FROM incidents WHERE channel_id = $1 AND message_id = $2', [CHANNEL, ts]);
  /** Replicas that logged the moderation of the message `ts`. */
  const moderatedBy = (ts: string): string[] =>
    replicas.flatMap((r) => r.logs.filter((l) => l.msg === 'message moderated' && l.message === ts).map(() => r.name));
  const remindersOf = (window: { name: string }) =>
    standIn!.callsTo('chat.postMessage').filter((c) => c.params.channel === REMIND_CHANNEL && JSON.stringify(c.params).includes(window.name));

  /** Waits until the message `ts` has its warning, its alert, its incident and its log line. */
  const waitHandled = async (ts: string, deadlineMs = 30_000, details: () => string = tails): Promise<void> => {
    // Its "message moderated" line too: written last, a replica killed before it is out would leave it unlogged.
    await waitUntil(
      `the warning, alert, incident and log line of message ${ts}`,
      async () => warningsFor(ts).length > 0 && alertsFor(ts).length > 0 && (await incidentsFor(ts)).length > 0 && moderatedBy(ts).length > 0,
      deadlineMs,
      details,
    );
  };

  /** Exactly one warning, one alert and one incident (with its warning done) for `ts`. */
  const assertHandledOnce = async (ts: string, author: string, context = ''): Promise<void> => {
    const why = `message ${ts}${context}\n${tails()}`;
    assert.equal(warningsFor(ts).length, 1, `warnings for ${why}`);
    assert.equal(alertsFor(ts).length, 1, `alerts for ${why}`);
    const incidents = await incidentsFor(ts);
    assert.equal(incidents.length, 1, `incidents for ${why}`);
    assert.equal(incidents[0]!.author_id, author, why);
    assert.equal(incidents[0]!.verdict, 'share', why);
    assert.match(incidents[0]!.actions, /"action":"warn","outcome":"done"/, why);
    assert.equal(moderatedBy(ts).length, 1, `replicas that moderated ${why}`);
  };

  // -------------------------------------------------------------------------------------------

  test('every replica runs on the shared PostgreSQL database and answers on its own port', () => {
    assert.equal(new Set(replicas.map((r) => r.port)).size, 3);
    for (const r of replicas) {
      const opened = r.logs.find((l) => l.msg === 'store opened');
      assert.equal(opened?.backend, 'postgres', r.tail());
      assert.ok(r.logged('Slack app started'), r.tail());
    }
  });

  test('the same event delivered to every replica, as a load balancer retry would, is warned about and recorded once', async () => {
    const { ts, author, envelope } = shareEvent();
    const deliveries = await Promise.all(replicas.map((r, i) => deliver([r], SECRET, i === 0 ? envelope : { ...envelope })));
    assert.deepEqual(
      deliveries.map((d) => d.ackedBy),
      ['A', 'B', 'C'],
      `each replica acknowledges its delivery: ${JSON.stringify(deliveries)}`,
    );
    await waitHandled(ts);
    // Every replica has decided: one moderated it, the others found it already handled.
    await waitUntil(
      'every replica to decide about the event',
      () =>
        replicas.every((r) =>
          r.logs.some((l) => l.message === ts && (l.msg === 'message moderated' || l.msg === 'event already handled (a redelivery or another instance)')),
        ),
      30_000,
      tails,
    );
    await sleep(500);
    await assertHandledOnce(ts, author);
  });

  test('distinct sharing events spread over the replicas each get exactly one warning and one incident', async () => {
    const events = Array.from({ length: 9 }, () => shareEvent());
    const deliveries = await Promise.all(
      events.map((e, i) => {
        const first = replicas[i % 3]!;
        return deliver([first, ...replicas.filter((r) => r !== first)], SECRET, e.envelope);
      }),
    );
    for (const [i, d] of deliveries.entries()) assert.equal(d.ackedBy, replicas[i % 3]!.name, `delivery ${i}: ${JSON.stringify(d.attempts)}`);
    for (const e of events) await waitHandled(e.ts);
    await sleep(500);
    for (const e of events) await assertHandledOnce(e.ts, e.author);
    // Each replica did its share of the work.
    const counts = Object.fromEntries(replicas.map((r) => [r.name, events.filter((e) => moderatedBy(e.ts)[0] === r.name).length]));
    assert.deepEqual(counts, { A: 3, B: 3, C: 3 });
  });

  test('the opening reminders are posted exactly once across the replicas', async () => {
    // The window already open is caught up at start (all three replicas try at once); the other
    // opens a few seconds after start, on every replica's cron.
    await waitUntil(
      'both opening reminders in the reminder channel',
      () => remindersOf(NOW_WINDOW).length > 0 && remindersOf(SOON_WINDOW).length > 0,
      Math.max(0, soonOpensAt - Date.now()) + 30_000,
      tails,
    );
    // Give the other replicas' runs of the same task time to (not) post.
    await sleep(3_000);
    assert.equal(remindersOf(NOW_WINDOW).length, 1, `catch-up reminder of the open window\n${tails()}`);
    assert.equal(remindersOf(SOON_WINDOW).length, 1, `cron reminder of the window that opened\n${tails()}`);
    const all = standIn!.callsTo('chat.postMessage').filter((c) => c.params.channel === REMIND_CHANNEL);
    assert.equal(all.length, 2, tails());
    assert.ok(all.every((c) => c.params.thread_ts === undefined));
    const posted = replicas.flatMap((r) => r.logs.filter((l) => l.msg === 'reminder posted'));
    assert.deepEqual(posted.map((l) => String(l.window)).sort(), [NOW_WINDOW.id, SOON_WINDOW.id].sort(), tails());
    // Never early: the second window's reminder waited for its opening.
    const soon = posted.find((l) => l.window === SOON_WINDOW.id)!;
    assert.ok(Number(soon.time) >= soonOpensAt, `posted at ${String(soon.time)}, window opens at ${soonOpensAt}`);
    const claims = await db!.query<{ key: string; sent_at: string | null }>(
      `SELECT key, sent_at FROM reminder_claims WHERE key NOT LIKE '%>%' ORDER BY key`,
    );
    assert.equal(claims.length, 2, JSON.stringify(claims));
    assert.ok(claims.every((c) => c.sent_at !== null), JSON.stringify(claims));
  });

  test('a replica killed in the middle of a stream of events loses nothing: the survivors handle the rest, nothing doubles', async () => {
    const victim = byName('C');
    const events = Array.from({ length: 12 }, () => shareEvent());
    const target = (i: number): Replica[] => {
      const first = replicas[i % 3]!;
      return [first, ...replicas.filter((r) => r !== first)];
    };
    // The first half of the stream, over all three replicas.
    const firstHalf = events.slice(0, 6);
    const early = await Promise.all(firstHalf.map((e, i) => deliver(target(i), SECRET, e.envelope)));
    for (const [i, d] of early.entries()) assert.equal(d.ackedBy, target(i)[0]!.name, JSON.stringify(d.attempts));
    // The victim has finished what it acknowledged (an event acknowledged but not yet handled when
    // its replica dies is lost: Slack is answered first and does not resend; see docs/slack.md);
    // the others may still be working when it dies.
    for (const [i, e] of firstHalf.entries()) if (i % 3 === 2) await waitHandled(e.ts);
    await victim.kill('SIGKILL');
    // The second half: deliveries to the dead replica fail and are retried on a survivor.
    const late: Delivery[] = await Promise.all(events.slice(6).map((e, i) => deliver(target(6 + i), SECRET, e.envelope)));
    late.forEach((d, i) => {
      const expected = target(6 + i);
      if (expected[0] === victim) {
        assert.ok(d.attempts[0]?.error !== undefined, `delivery to the dead replica fails: ${JSON.stringify(d.attempts)}`);
        assert.equal(d.ackedBy, expected[1]!.name, JSON.stringify(d.attempts));
      } else {
        assert.equal(d.ackedBy, expected[0]!.name, JSON.stringify(d.attempts));
      }
    });
    for (const e of events) await waitHandled(e.ts);
    await sleep(500);
    for (const e of events) await assertHandledOnce(e.ts, e.author, ' (stream with a killed replica)');
    assert.ok(byName('A').running && byName('B').running, tails());
  });
});
