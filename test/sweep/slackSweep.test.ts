import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WebClient, webClientOptions } from '../../src/slack/client.ts';
import { slackHistory } from '../../src/slack/history.ts';
import { SweepService } from '../../src/sweep/service.ts';
import { ALERT_CHANNEL, AUTHOR, CHANNEL, FAST_RETRY, LEAK_URL, startHarness, type Harness } from '../slack/harness.ts';

let h: Harness;
let sweeps: SweepService;

before(async () => {
  h = await startHarness({ window: 'now', adminToken: true });
  h.standIn.addChannel(CHANNEL, 'news');
  h.standIn.addChannel('C0OTHER', 'not-a-member', { isMember: false });
  sweeps = new SweepService({ live: h.live, store: h.store, logger: h.logger, leaseMs: 2_000 });
});
after(async () => {
  await sweeps?.close();
  await h?.close();
});

function source() {
  const options = webClientOptions({ apiUrl: h.standIn.apiUrl, retryConfig: FAST_RETRY, logger: h.logger });
  const client = new WebClient(h.standIn.botToken, options);
  return slackHistory({
    client,
    adminClient: new WebClient(h.standIn.adminToken, options),
    config: () => h.live.config,
    teamId: h.standIn.teamId,
    botUserId: h.standIn.botUserId,
    files: { client, botToken: h.standIn.botToken, apiUrl: h.standIn.apiUrl, logger: h.logger },
    logger: h.logger,
  });
}

const minutesAgo = (n: number) => Date.now() - n * 60_000;
const deleted = (ts: string) => h.standIn.callsTo('chat.delete').filter((c) => c.params.ts === ts).length;

test('a Slack sweep deletes links posted earlier in the channels the app is in, thread replies included', async () => {
  const shared = h.standIn.addHistory(CHANNEL, { user: AUTHOR, text: `look ${LEAK_URL}`, atMs: minutesAgo(30) });
  const parent = h.standIn.addHistory(CHANNEL, { user: AUTHOR, text: 'a thread about the vote', atMs: minutesAgo(20) });
  const reply = h.standIn.addHistory(CHANNEL, { user: 'U0OTHER', text: `<${LEAK_URL}|the files>`, atMs: minutesAgo(10), threadTs: parent });
  const elsewhere = h.standIn.addHistory('C0OTHER', { user: AUTHOR, text: LEAK_URL, atMs: minutesAgo(5) });
  const [report] = await sweeps.sweep({ id: 'slack:basic', reason: 'test', sinceMs: minutesAgo(60) }, [source()]);
  assert.equal(deleted(shared), 1);
  assert.equal(deleted(reply), 1);
  assert.equal(deleted(parent), 0);
  assert.equal(deleted(elsewhere), 0, 'a channel the app is not in is not read');
  assert.equal(report!.removed, 2);
});

test('bot messages in the history are not moderated', async () => {
  const fromBot = h.standIn.addHistory(CHANNEL, { bot_id: 'B0OTHER', subtype: 'bot_message', text: LEAK_URL, atMs: minutesAgo(3) });
  await sweeps.sweep({ id: 'slack:bots', reason: 'test', sinceMs: minutesAgo(60) }, [source()]);
  assert.equal(deleted(fromBot), 0);
});

test('a Slack sweep posts one notice in the channel and one digest for the moderators', async () => {
  h.standIn.addHistory(CHANNEL, { user: AUTHOR, text: LEAK_URL, atMs: minutesAgo(8) });
  const before = h.standIn.calls.length;
  await sweeps.sweep({ id: 'slack:notice', reason: 'test', sinceMs: minutesAgo(60) }, [source()]);
  const posts = h.standIn.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && c.status === 200);
  const notices = posts.filter((c) => c.params.channel === CHANNEL);
  assert.equal(notices.length, 1);
  assert.match(String(notices[0]!.params.text), /1 message sharing leaked material was removed/);
  assert.doesNotMatch(String(notices[0]!.params.text), /<@/);
  assert.equal(posts.filter((c) => c.params.channel === ALERT_CHANNEL).length, 1);
});

test('a Slack sweep pages through a long history within the rate limit, waiting out 429s', async () => {
  const limited = await (await import('../../src/standins/slack/webApi.ts')).SlackStandIn.start({ rateLimits: { 'conversations.history': { limit: 3, windowMs: 1_000 } } });
  const h2 = await startHarness({ window: 'now', adminToken: true, standIn: limited });
  try {
    limited.addChannel(CHANNEL, 'news');
    const tss = Array.from({ length: 900 }, (_, i) => limited.addHistory(CHANNEL, { user: AUTHOR, text: `${LEAK_URL} ${i}`, atMs: minutesAgo(50) + i * 100 }));
    const options = webClientOptions({ apiUrl: limited.apiUrl, retryConfig: { retries: 10, factor: 1, minTimeout: 50, maxTimeout: 200 }, logger: h2.logger });
    const client = new WebClient(limited.botToken, options);
    const service = new SweepService({ live: h2.live, store: h2.store, logger: h2.logger, leaseMs: 60_000 });
    const [report] = await service.sweep({ id: 'slack:paging', reason: 'test', sinceMs: minutesAgo(60) }, [
      slackHistory({ client, adminClient: new WebClient(limited.adminToken, options), config: () => h2.live.config, teamId: limited.teamId, files: { client, botToken: limited.botToken, logger: h2.logger }, logger: h2.logger }),
    ]);
    await service.close();
    assert.equal(report!.removed, 900);
    assert.equal(new Set(limited.callsTo('chat.delete').map((c) => c.params.ts)).size, tss.length);
    assert.ok((limited.rateLimiter.allowed.get('conversations.history') ?? 0) >= 5);
  } finally {
    await h2.close();
    await limited.close();
  }
});
