import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { webApi } from '@slack/bolt';
import { WebClient, webClientOptions } from '../../src/slack/client.ts';
import { slackHistory } from '../../src/slack/history.ts';
import { SlackStandIn } from '../../src/standins/slack/webApi.ts';
import { SweepService } from '../../src/sweep/service.ts';
import { AUTHOR, CHANNEL, FAST_RETRY, LEAK_URL, startHarness, type Harness } from '../slack/harness.ts';

let standIn: SlackStandIn;
let h: Harness;
let sweeps: SweepService;

before(async () => {
  // chat.delete: 2 calls a second, as a (time-compressed) tier.
  standIn = await SlackStandIn.start({ rateLimits: { 'chat.delete': { limit: 2, windowMs: 1_000 } } });
  h = await startHarness({ window: 'now', adminToken: true, standIn });
  standIn.addChannel(CHANNEL, 'news');
  sweeps = new SweepService({ live: h.live, store: h.store, logger: h.logger, leaseMs: 5_000 });
});
after(async () => {
  await sweeps?.close();
  await h?.close();
  await standIn?.close();
});

test("a Slack sweep waits out Retry-After for the refused method only, one 429 a window, without pausing the app's client", async () => {
  const options = webClientOptions({ apiUrl: standIn.apiUrl, retryConfig: FAST_RETRY, logger: h.logger });
  const client = new WebClient(standIn.botToken, options);
  const adminClient = new WebClient(standIn.adminToken, options);
  const limited: string[] = [];
  client.on(webApi.WebClientEvent.RATE_LIMITED, () => limited.push('bot'));
  adminClient.on(webApi.WebClientEvent.RATE_LIMITED, () => limited.push('admin'));
  const shares = Array.from({ length: 5 }, (_, i) => standIn.addHistory(CHANNEL, { user: AUTHOR, text: `${LEAK_URL} ${i}`, atMs: Date.now() - (30 - i) * 60_000 }));
  const source = slackHistory({
    client,
    adminClient,
    config: () => h.live.config,
    teamId: standIn.teamId,
    botUserId: standIn.botUserId,
    files: { client, botToken: standIn.botToken, apiUrl: standIn.apiUrl, logger: h.logger },
    logger: h.logger,
  });
  const [report] = await sweeps.sweep({ id: 'slack:retry-after', reason: 'test', sinceMs: Date.now() - 3_600_000 }, [source]);
  assert.equal(report!.removed, 5);
  const deletes = standIn.calls.filter((c) => c.method === 'chat.delete');
  for (const ts of shares) assert.equal(deletes.filter((c) => c.params.ts === ts && c.status === 200).length, 1);
  // Five deletions at two a window take three windows: the calls go one at a time, so only the
  // call that ends each of the first two windows meets a 429, and it waits exactly for the next.
  assert.equal(deletes.filter((c) => c.status === 429).length, 2);
  assert.deepEqual(limited, [], "the app's clients (the live path's) never saw a 429, so were never paused");
});
