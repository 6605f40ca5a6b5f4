import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Config } from '../../src/core/index.ts';
import { startReminders, type Reminders } from '../../src/scheduler/reminders.ts';
import type { ReminderSink } from '../../src/scheduler/sink.ts';
import { eventually, openFixture } from '../commands/fixture.ts';

interface Post {
  platform: string;
  channelId: string;
  text: string;
}

/** A sink recording posts into `posts`; `fail(channel)` makes a post reject instead. */
function sink(platform: 'discord' | 'slack', posts: Post[], fail: (channelId: string) => boolean = () => false): ReminderSink {
  return {
    platform,
    channels: (config: Config) => config[platform].reminderChannels,
    language: (config: Config) => config[platform].language ?? config.language,
    async post(channelId, text) {
      if (fail(channelId)) throw new Error('channel unavailable');
      posts.push({ platform, channelId, text });
    },
  };
}

/** `YYYY-MM-DDTHH:MM:SSZ` for a window boundary written in the YAML. */
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function yaml(startMs: number, endMs: number, before: string[]): string {
  return `
timezone: Europe/Paris
language: en
windows:
  - { id: w1, name: Test round, start: ${iso(startMs)}, end: ${iso(endMs)} }
reminders: { before: [${before.join(', ')}], onOpen: true, onClose: true }
discord: { reminderChannels: [D1] }
slack: { reminderChannels: [S1], language: fr }
`;
}

/** A clock that starts at `startMs` and runs at real speed (so leases expire). */
const clockFrom = (startMs: number) => {
  const real = Date.now();
  return () => startMs + (Date.now() - real);
};

const count = (posts: Post[], channelId: string, pattern: RegExp) =>
  posts.filter((p) => p.channelId === channelId && pattern.test(p.text)).length;

test('two scheduler instances sharing one store post each reminder once, on time, to every channel', async () => {
  const second = Math.ceil(Date.now() / 1000) * 1000;
  const start = second + 5_000;
  const f = await openFixture(yaml(start, start + 3_000, ['2s']));
  const other = await f.reopen();
  const posts: Post[] = [];
  const running: Reminders[] = [];
  try {
    for (const { live, store } of [f, other]) {
      running.push(
        await startReminders({ live, store, logger: f.logger, sinks: [sink('discord', posts), sink('slack', posts)], leaseMs: 1_000 }),
      );
    }
    await eventually(() => posts.length >= 6, 'before, open and close reminders on both platforms');
    await eventually(() => running.every((r) => !r.busy()), 'take-over checks of the instance that was not elected');
    assert.equal(count(posts, 'D1', /begins in/), 1);
    assert.equal(count(posts, 'D1', /is now in force/), 1);
    assert.equal(count(posts, 'D1', /is over/), 1);
    assert.equal(count(posts, 'S1', /commence dans/), 1);
    assert.equal(count(posts, 'S1', /est en vigueur/), 1);
    assert.equal(count(posts, 'S1', /est terminée/), 1);
    assert.equal(posts.length, 6);
    assert.equal(await f.store.reminderSent(`w1:open:0:${new Date(start).toISOString()}`), true);
  } finally {
    for (const r of running) r.stop();
    await f.close();
  }
});

test('a before reminder missed while the bot was down is sent once at start, with the real time left', async () => {
  const start = Date.parse('2030-01-10T00:00:00Z');
  const f = await openFixture(yaml(start, start + 3_600_000, ['24h', '1h']));
  const posts: Post[] = [];
  const now = clockFrom(start - 30 * 60_000);
  const options = { logger: f.logger, sinks: [sink('discord', posts), sink('slack', posts)], now, leaseMs: 1_000 };
  const first = await startReminders({ ...options, live: f.live, store: f.store });
  first.stop();
  try {
    assert.equal(posts.length, 2, 'one reminder on each platform');
    assert.equal(count(posts, 'D1', /begins in 30 minutes/), 1);
    assert.equal(count(posts, 'D1', /begins in 1 day/), 0, 'the stale 24h reminder is skipped');

    const restarted = await f.reopen();
    const again = await startReminders({ ...options, live: restarted.live, store: restarted.store });
    again.stop();
    assert.equal(posts.length, 2, 'not sent again after a restart');
  } finally {
    await f.close();
  }
});

/** Starts (and stops) the reminders of a one-hour window at `start` with `nowMs` the time of starting. */
async function startAt(start: number, nowMs: number) {
  const f = await openFixture(yaml(start, start + 3_600_000, ['1h']));
  const posts: Post[] = [];
  const r = await startReminders({ live: f.live, store: f.store, logger: f.logger, sinks: [sink('discord', posts)], now: clockFrom(nowMs) });
  r.stop();
  return { f, posts };
}

test('an opening reminder missed while down is caught up inside the window, stale ones are skipped', async () => {
  const start = Date.parse('2030-01-10T00:00:00Z');
  const { f, posts } = await startAt(start, start + 10 * 60_000);
  try {
    assert.deepEqual(posts.map((p) => p.channelId), ['D1']);
    assert.match(posts[0]!.text, /is now in force/);
  } finally {
    await f.close();
  }
});

test('reminders of a window long over are not sent at start', async () => {
  const start = Date.parse('2030-01-10T00:00:00Z');
  const { f, posts } = await startAt(start, start + 5 * 3_600_000);
  try {
    assert.deepEqual(posts, []);
    assert.equal(await f.store.reminderSent(`w1:close:0:${new Date(start + 3_600_000).toISOString()}`), false);
  } finally {
    await f.close();
  }
});

test('a failed post is retried until it goes through, without posting twice where it worked', async () => {
  const start = Date.parse('2030-01-10T00:00:00Z');
  const f = await openFixture(yaml(start, start + 3_600_000, ['1h']));
  const posts: Post[] = [];
  let failures = 0;
  const failOnce = (channelId: string) => channelId === 'D1' && failures++ === 0;
  const r = await startReminders({
    live: f.live,
    store: f.store,
    logger: f.logger,
    sinks: [sink('discord', posts, failOnce), sink('slack', posts)],
    now: clockFrom(start - 30 * 60_000),
    leaseMs: 200,
    retryMs: 100,
  });
  try {
    assert.equal(failures, 1);
    await eventually(() => count(posts, 'D1', /begins in/) === 1, 'the retried post');
    await eventually(() => !r.busy(), 'the scheduler to settle');
    assert.equal(count(posts, 'S1', /commence dans/), 1);
    assert.equal(posts.length, 2);
    assert.equal(await f.store.reminderSent(`w1:before:1h:${new Date(start - 3_600_000).toISOString()}`), true);
  } finally {
    r.stop();
    await f.close();
  }
});

test('a window added by command gets its reminders without a restart', async () => {
  const f = await openFixture(yaml(Date.parse('2030-01-10T00:00:00Z'), Date.parse('2030-01-10T01:00:00Z'), []));
  const posts: Post[] = [];
  const r = await startReminders({ live: f.live, store: f.store, logger: f.logger, sinks: [sink('discord', posts)] });
  try {
    const start = Math.ceil(Date.now() / 1000) * 1000 + 3_000;
    await f.live.change(
      { kind: 'window.add', window: { id: 'w2', name: 'Added round', start: iso(start), end: iso(start + 60_000) } },
      { platform: 'discord', userId: 'U1' },
      Date.now(),
    );
    await eventually(() => count(posts, 'D1', /"Added round" is now in force/) === 1, 'the opening reminder of the new window');
  } finally {
    r.stop();
    await f.close();
  }
});
