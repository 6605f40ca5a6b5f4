import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { REST, Routes } from 'discord.js';
import { LIVE_BURST, LivePriority, MARGIN_RATE, sweepMayGo } from '../../src/discord/livePriority.ts';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';

const LIMIT = 50;

/** How many sweep requests the rule lets through in a window from `remaining` left, nothing else happening. */
function sweepTakes(remaining: number, msLeft: number, liveDemand = 0, sweepCap = LIMIT): number {
  let taken = 0;
  while (remaining > 0 && sweepMayGo({ remaining, msLeft, liveDemand, sweepLastSecond: taken, sweepCap, limit: LIMIT })) {
    remaining -= 1;
    taken += 1;
  }
  return taken;
}

test('with no live traffic a sweep may use a window but the margin for the time left and one live burst', () => {
  // At the start of a window: all but the margin rate for a whole second and one live burst.
  assert.equal(sweepTakes(LIMIT, 1_000), LIMIT - MARGIN_RATE - LIVE_BURST);
  // Half-way, with as much left: the margin for the time left has halved.
  assert.equal(sweepTakes(LIMIT, 500), LIMIT - Math.floor(MARGIN_RATE / 2) - LIVE_BURST);
  // In the window's last milliseconds: all but one live burst.
  assert.equal(sweepTakes(LIMIT, 10), LIMIT - LIVE_BURST);
});

test('measured live demand is kept free for the rest of the window', () => {
  // 40 live requests a second measured: the sweep leaves 40 + jitter for a whole window.
  const alone = sweepTakes(LIMIT, 1_000);
  const withLive = sweepTakes(LIMIT, 1_000, 40);
  assert.ok(withLive < alone);
  assert.ok(LIMIT - withLive >= 40 + LIVE_BURST);
});

test('live demand above the whole limit leaves a sweep one request a window', () => {
  assert.equal(sweepTakes(LIMIT, 1_000, 60), 1);
  assert.equal(sweepTakes(LIMIT - 1, 1_000, 60), 0);
});

test("a shard process's sweeps keep under its share of the bot's limit", () => {
  assert.equal(sweepTakes(LIMIT, 10, 0, 12), 12);
  assert.equal(sweepTakes(LIMIT, 10, 0, LIMIT), LIMIT - LIVE_BURST);
});

let standIn: DiscordStandIn;
let rest: REST;

before(async () => {
  standIn = await DiscordStandIn.start();
  rest = new REST({ api: standIn.apiUrl }).setToken(standIn.token);
});
after(async () => {
  await standIn?.stop();
});

test("live requests are never held by discord.js's global limit while a sweep keeps it busy", async () => {
  const { general, alerts } = standIn.ids;
  const gate = new LivePriority(rest);
  const held: { global: boolean; method: string }[] = [];
  rest.on('rateLimited', (info) => held.push({ global: info.global, method: info.method }));
  const first = standIn.calls.length;
  // The sweep: four readers, 150 history reads in all (three windows' worth at full rate).
  let reads = 0;
  const sweep = Promise.all(
    Array.from({ length: 4 }, async () => {
      while (reads < 150) {
        reads += 1;
        await gate.run(() => rest.get(Routes.channelMessages(general), { query: new URLSearchParams({ limit: '1' }) }));
      }
    }),
  );
  // Live moderation: bursts of one message's requests (warning, deletion, alert) while the sweep runs.
  let bursts = 0;
  let sweeping = true;
  void sweep.finally(() => {
    sweeping = false;
  });
  while (sweeping) {
    await Promise.all(Array.from({ length: LIVE_BURST }, () => rest.post(Routes.channelMessages(alerts), { body: { content: 'live' } })));
    bursts += 1;
    await new Promise((r) => setTimeout(r, 150));
  }
  await sweep;
  const calls = standIn.calls.slice(first);
  assert.equal(calls.filter((c) => c.method === 'GET').length, 150);
  assert.equal(calls.filter((c) => c.method === 'POST').length, bursts * LIVE_BURST);
  assert.ok(bursts >= 3, 'live traffic ran during the sweep');
  assert.deepEqual(
    held.filter((h) => h.global && h.method.toUpperCase() === 'POST'),
    [],
    'no live request waited on the global limit',
  );
});
