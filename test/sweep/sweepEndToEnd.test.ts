/**
 * Sweeps in the running bot (`blackout-guard start`, real discord.js client, the Discord stand-in):
 * when a window opens, when a rule is added by command, after a crash, across a crash in the
 * middle of a sweep, and with two replicas on one PostgreSQL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { DiscordStandIn, type StandInOptions } from '../../src/standins/discord/standin.ts';
import { EVERYONE_PERMISSIONS } from '../../src/standins/discord/world.ts';
import { CLEAN, SHARE, cleanEnv, writeConfig } from '../discord/harness.ts';
import { createDatabase } from '../instances/support/replicas.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bg-sweep-e2e-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Bot {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function startBot(standIn: DiscordStandIn, config: string, extra: Record<string, string> = {}): Bot {
  const child = spawn(process.execPath, ['bin/blackout-guard.js', 'start'], {
    env: cleanEnv({ DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl, BLACKOUT_CONFIG: config, LOG_FORMAT: 'json', ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

async function until(what: string, check: () => boolean, bots: Bot[] = [], timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bots.map((b) => b.output().slice(-4000)).join('\n---\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deletions = (standIn: DiscordStandIn, messageId: unknown) => standIn.callsTo('DELETE', new RegExp(`/messages/${String(messageId)}$`)).length;
const minutesAgo = (n: number) => Date.now() - n * 60_000;

async function setUp(name: string, options: { window?: 'now' | 'soon'; standIn?: StandInOptions; config?: Record<string, unknown> } = {}) {
  const standIn = await DiscordStandIn.start(options.standIn);
  const sub = await mkdtemp(join(dir, `${name}-`));
  // Whole seconds, as the configuration writes them.
  const soon = Math.ceil((Date.now() + 6_000) / 1_000) * 1_000;
  const config = await writeConfig(sub, standIn.ids, {
    config: {
      ...(options.window === 'soon' && { windows: [{ id: 'opening', name: 'Opening window', start: new Date(soon).toISOString().replace(/\.\d{3}Z$/, 'Z'), end: new Date(soon + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') }] }),
      ...options.config,
    },
  });
  return { standIn, config, soon };
}

test('links posted before a window are removed when it opens, with one notice in the channel', async () => {
  const { standIn, config, soon } = await setUp('opens', { window: 'soon' });
  const { general, users } = standIn.ids;
  const early = standIn.post({ channelId: general, authorId: users.alice, content: SHARE, dispatch: false, atMs: minutesAgo(10) });
  const clean = standIn.post({ channelId: general, authorId: users.bob, content: CLEAN, dispatch: false, atMs: minutesAgo(9) });
  const bot = startBot(standIn, config);
  try {
    await until('the early link to be deleted', () => deletions(standIn, early.id) === 1, [bot]);
    const deletion = standIn.callsTo('DELETE', new RegExp(`/messages/${String(early.id)}$`))[0]!;
    assert.ok(performance.timeOrigin + deletion.atMs >= soon - 50, 'not before the window opened');
    assert.equal(deletions(standIn, clean.id), 0);
    await until('the notice', () => standIn.callsTo('POST', new RegExp(`^/channels/${general}/messages$`)).length > 0, [bot]);
    const notices = standIn.callsTo('POST', new RegExp(`^/channels/${general}/messages$`));
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.body.content, undefined, 'the author of an old message is not pinged');
  } finally {
    await bot.stop();
    await standIn.stop();
  }
});

test('a URL added by /blackout leaks add-url removes earlier posts of it', async () => {
  const { standIn, config } = await setUp('addurl');
  const { general, users } = standIn.ids;
  const mirror = 'https://new-mirror.example/dump';
  const before = standIn.post({ channelId: general, authorId: users.alice, content: `miroir : ${mirror}`, dispatch: false, atMs: minutesAgo(30) });
  const bot = startBot(standIn, config);
  try {
    await until('the bot to be ready', () => bot.output().includes('Discord bot ready'), [bot]);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(deletions(standIn, before.id), 0, 'not a leak yet');
    standIn.interact({
      channelId: general,
      userId: users.moderator,
      permissions: EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageGuild,
      options: [{ type: 2, name: 'leaks', options: [{ type: 1, name: 'add-url', options: [{ type: 3, name: 'value', value: mirror }] }] }],
    });
    await until('the earlier post of the mirror to be deleted', () => deletions(standIn, before.id) === 1, [bot]);
  } finally {
    await bot.stop();
    await standIn.stop();
  }
});

test('a bot killed during a window moderates, once restarted, what was posted while it was down', async () => {
  const { standIn, config } = await setUp('downtime');
  const { general, users } = standIn.ids;
  let bot = startBot(standIn, config);
  try {
    await until('the bot to be ready', () => bot.output().includes('Discord bot ready'), [bot]);
    const seen = standIn.post({ channelId: general, authorId: users.bob, content: CLEAN });
    await until('the live message to be seen', () => bot.output().includes(String(seen.id)) || standIn.calls.length > 0, [bot]);
    await new Promise((r) => setTimeout(r, 3_000)); // the last message seen is written every 2 s
    await bot.stop('SIGKILL');
    const whileDown = standIn.post({ channelId: general, authorId: users.alice, content: SHARE, dispatch: false });
    bot = startBot(standIn, config);
    await until('the message posted while the bot was down to be deleted', () => deletions(standIn, whileDown.id) === 1, [bot]);
    // The catch-up sweep (named after the last messages seen) is what found it.
    await until('the catch-up sweep to finish', () => /"sweep":"catchup:[0-9a-f]+"[^\n]*sweep finished/.test(bot.output()), [bot]);
    assert.match(bot.output(), /"sweep":"catchup:[0-9a-f]+"[^\n]*"removed":1/);
  } finally {
    await bot.stop('SIGKILL');
    await standIn.stop();
  }
});

test('a sweep killed halfway resumes after a restart without acting twice on a message', async () => {
  // History is read slowly (2 pages a second) so that the bot can be killed in the middle.
  const { standIn, config } = await setUp('resume', { standIn: { rateLimits: { 'GET /channels/:id/messages': { limit: 2, windowMs: 1_000 } } } });
  const { general, users } = standIn.ids;
  const shares = Array.from({ length: 1_000 }, (_, i) =>
    standIn.post({ channelId: general, authorId: users.alice, content: i % 10 === 0 ? `${SHARE} ${i}` : `${CLEAN} ${i}`, dispatch: false, atMs: minutesAgo(50) + i * 1_000 }),
  ).filter((_, i) => i % 10 === 0);
  let bot = startBot(standIn, config, { SWEEP_LEASE_MS: '1500' });
  try {
    await until('part of the history to be swept', () => shares.filter((m) => deletions(standIn, m.id) > 0).length >= 20, [bot], 60_000);
    await bot.stop('SIGKILL');
    const partly = shares.filter((m) => deletions(standIn, m.id) > 0).length;
    assert.ok(partly < shares.length, `killed halfway (${partly} of ${shares.length})`);
    bot = startBot(standIn, config, { SWEEP_LEASE_MS: '1500' });
    await until('every share to be deleted', () => shares.every((m) => deletions(standIn, m.id) > 0), [bot], 90_000);
    for (const m of shares) assert.equal(deletions(standIn, m.id), 1, `message ${String(m.id)} deleted once`);
  } finally {
    await bot.stop('SIGKILL');
    await standIn.stop();
  }
});

test('two replicas on one PostgreSQL sweep each channel once', async () => {
  const database = await createDatabase();
  const { standIn, config } = await setUp('replicas');
  const { general, thread, users } = standIn.ids;
  const shares = [general, general, thread].map((channelId, i) =>
    standIn.post({ channelId, authorId: users.alice, content: `${SHARE} ${i}`, dispatch: false, atMs: minutesAgo(20 - i) }),
  );
  const bots = [startBot(standIn, config, { DATABASE_URL: database.url }), startBot(standIn, config, { DATABASE_URL: database.url })];
  try {
    await until('every share to be deleted', () => shares.every((m) => deletions(standIn, m.id) > 0), bots);
    await until('both replicas to be up', () => bots.every((b) => b.output().includes('Discord bot ready')), bots);
    await new Promise((r) => setTimeout(r, 1_500));
    for (const m of shares) assert.equal(deletions(standIn, m.id), 1);
    assert.equal(standIn.callsTo('POST', new RegExp(`^/channels/${general}/messages$`)).length, 1, 'one notice in the channel');
  } finally {
    for (const b of bots) await b.stop();
    await standIn.stop();
    await database.drop();
  }
});
