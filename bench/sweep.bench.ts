/**
 * Sweep benchmark (issue 10 §5): a long history swept against stand-ins that enforce the
 * platforms' published rate limits, by the real sweep (src/sweep) through the real clients.
 *
 * Discord: 50,000 messages over a channel, a thread and a forum post, 1% sharing a configured
 * leak URL, swept by a bot process (real discord.js client, SQLite store, default `policy.sweep`:
 * delete, alert, record) under Discord's global limit of 50 requests/s (discord.js's default),
 * the stand-in refusing `GET /channels/:id/messages` beyond 50 per second. Measured: messages
 * swept per second, requests per second and the share of the limit used, 429s; and the latency
 * of live sharing messages (MESSAGE_CREATE → warning POST at the stand-in, 10 messages/s, each
 * from its own author) during the sweep, against the same traffic without a sweep. Baseline: a
 * bare pass making the same history reads and deletions with plain fetch under the same limit,
 * without classification.
 *
 * Slack: a shorter history (BENCH_SWEEP_SLACK_MESSAGES, default 20,000) under Tier 3 for
 * conversations.history, conversations.replies and chat.delete, time-compressed tenfold (50
 * calls per 6 s instead of per minute) to fit the run; baseline: the same calls with plain fetch.
 *
 * The bot runs in a child process (this file with `--bot discord|slack`), so that the stand-ins'
 * clocks and the bot's event loop are separate. Prints a Markdown section on stdout.
 * BENCH_SWEEP_DISCORD_MESSAGES and BENCH_SWEEP_SLACK_MESSAGES shrink the run. Live moderation
 * keeps priority over the sweep's requests (src/discord/livePriority.ts); the Slack sweep waits
 * exactly Retry-After for the refused method (src/slack/history.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { stringify } from 'yaml';
import type { SweepReport } from '../src/sweep/sweep.ts';
import { generateCorpus, random } from './corpus.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOUR = 3_600_000;
const LOOKBACK_MS = 72 * HOUR;
const LEAK_URL = 'https://pastebin.example/emleaks-2017';
const SHARE_EVERY = 100;
const DISCORD_MESSAGES = Number(process.env.BENCH_SWEEP_DISCORD_MESSAGES ?? 50_000);
const SLACK_MESSAGES = Number(process.env.BENCH_SWEEP_SLACK_MESSAGES ?? 20_000);
/** Discord's global limit for a bot token, which discord.js keeps by default. */
const DISCORD_GLOBAL = { limit: 50, windowMs: 1_000 };
/** Slack's Tier 3 (50 per minute), time-compressed tenfold. */
const SLACK_COMPRESSION = 10;
const SLACK_TIER3 = { limit: 50, windowMs: 60_000 / SLACK_COMPRESSION };
const SLACK_LIMITED = ['conversations.history', 'conversations.replies', 'chat.delete'] as const;
const LIVE_RATE = 10;
const LIVE_BASELINE_SECONDS = 15;
const TARGET_SHARE = 0.9;
const TARGET_P99_MS = 50;

/** Requests discord.js held back for its global limit and for a route's bucket during a sweep. */
interface Held {
  global: number;
  route: number;
}
type ToParent = { ready: true } | { done: true; report: SweepReport | undefined; ms: number; held: Held };
type ToChild = { cmd: 'sweep'; id: string; sinceMs: number; channelIds?: string[] } | { cmd: 'stop' };

// ---- the bot process ---------------------------------------------------------------------------

/**
 * The bot: the configuration in BENCH_CONFIG, the store in BENCH_DB, a SweepService wired as the
 * tests wire it. Discord also moderates live messages (the real bot); Slack sweeps only (its live
 * path is not measured here). Sweeps when the parent asks, answers with the report.
 */
async function runBot(platform: 'discord' | 'slack'): Promise<void> {
  const { SweepService } = await import('../src/sweep/service.ts');
  const { openBenchBot } = await import('./botProcess.ts');
  const { live, store, logger } = await openBenchBot(process.env.BENCH_CONFIG!, { sqlitePath: process.env.BENCH_DB! });
  const sweeps = new SweepService({ live, store, logger, hashKey: 'bench-hash-key' });
  let stop: () => Promise<void>;
  const held: Held = { global: 0, route: 0 };
  let source: import('../src/platform/index.ts').ChannelHistory;
  if (platform === 'discord') {
    const { startDiscordBot } = await import('../src/discord/bot.ts');
    const { discordHistory } = await import('../src/discord/history.ts');
    // Discord's default global limit (50/s): no globalRequestsPerSecond.
    const bot = await startDiscordBot({ token: process.env.BENCH_TOKEN!, apiUrl: process.env.BENCH_API_URL!, live, store, logger });
    const guild = bot.client.guilds.cache.get(process.env.BENCH_GUILD!);
    if (!guild) throw new Error('the benchmark guild is not in the bot cache');
    bot.client.rest.on('rateLimited', (info) => {
      if (info.global) held.global += 1;
      else held.route += 1;
    });
    source = discordHistory({ client: bot.client, guild, config: () => live.config, logger, webOrigin: 'https://discord.com', archivedWithinMs: LOOKBACK_MS });
    stop = () => bot.stop();
  } else {
    const { WebClient, webClientOptions } = await import('../src/slack/client.ts');
    const { slackHistory } = await import('../src/slack/history.ts');
    const apiUrl = process.env.BENCH_API_URL!;
    // The production client options (the sweep's history adapter makes its own clients from these).
    const options = webClientOptions({ apiUrl, logger });
    const client = new WebClient(process.env.BENCH_TOKEN!, options);
    source = slackHistory({
      client,
      adminClient: new WebClient(process.env.BENCH_ADMIN_TOKEN!, options),
      config: () => live.config,
      teamId: process.env.BENCH_TEAM!,
      botUserId: process.env.BENCH_BOT_USER!,
      files: { client, botToken: process.env.BENCH_TOKEN!, apiUrl, logger },
      logger,
    });
    stop = async () => undefined;
  }
  const send = (m: ToParent) => process.send!(m);
  process.on('message', (m: ToChild) => {
    void (async () => {
      if (m.cmd === 'stop') {
        await sweeps.close();
        await stop();
        live.close();
        await store.close();
        process.exit(0);
      }
      held.global = 0;
      held.route = 0;
      const t0 = performance.now();
      const [report] = await sweeps.sweep({ id: m.id, reason: 'benchmark', sinceMs: m.sinceMs, ...(m.channelIds && { channelIds: m.channelIds }) }, [source]);
      send({ done: true, report, ms: performance.now() - t0, held: { ...held } });
    })();
  });
  send({ ready: true });
}


// ---- helpers -----------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/**
 * The least time `calls` calls can take under `limit` per fixed window from a cold start: the
 * first window's calls go at once, each further window's when it opens. The share of the limit
 * used is this over the time taken.
 */
function idealMs(calls: number, rule: { limit: number; windowMs: number }): number {
  return Math.max(0, Math.ceil(calls / rule.limit) - 1) * rule.windowMs;
}

/** Most calls in any sliding window of `windowMs` (times in ms, any order). */
function maxInWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** A client-side fixed-window limiter, as discord.js keeps the global limit. */
class FixedWindow {
  #reset = 0;
  #left = 0;
  constructor(readonly rule: { limit: number; windowMs: number }) {}
  async take(): Promise<void> {
    for (;;) {
      const now = performance.now();
      if (now >= this.#reset) {
        this.#reset = now + this.rule.windowMs;
        this.#left = this.rule.limit;
      }
      if (this.#left > 0) {
        this.#left -= 1;
        return;
      }
      await sleep(this.#reset - now);
    }
  }
}

/** Ordinary French and English chat (links to news sites, some mentions of the leak, no shares). */
function chatTexts(count: number, seed: number): string[] {
  const noSamples = { leak: {}, documents: [], samples: { urls: [], domains: [], hashes: [], passages: [] } };
  return generateCorpus(count, noSamples, seed).map((m) => m.text);
}

function startChild(platform: 'discord' | 'slack', env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  const child = fork(fileURLToPath(import.meta.url), ['--bot', platform], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    // The child's stdout goes to stderr: only this process writes the Markdown section.
    stdio: ['ignore', 2, 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the ${platform} bot process exited with ${code}`)));
  });
  return { child, ready };
}

function sweepIn(child: ChildProcess, request: Omit<Extract<ToChild, { cmd: 'sweep' }>, 'cmd'>): Promise<{ report: SweepReport; ms: number; held: Held }> {
  return new Promise((resolve, reject) => {
    child.once('message', (m: ToParent) => {
      if ('done' in m && m.report) resolve({ report: m.report, ms: m.ms, held: m.held });
      else reject(new Error('the sweep reported nothing (see the bot process log)'));
    });
    child.send({ cmd: 'sweep', ...request } satisfies ToChild);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send({ cmd: 'stop' } satisfies ToChild);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ---- the driver --------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'blackout-bench-sweep-'));
  const children: ChildProcess[] = [];
  // Whatever happens, nothing is left running.
  const watchdog = setTimeout(() => {
    log('sweep bench: over 9 minutes, giving up');
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  }, 9 * 60_000);
  watchdog.unref();
  const load = loadavg()[0] ?? NaN;
  try {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const configFor = (alertChannels: { discord?: string; slack?: string }) =>
      stringify({
        windows: [{ id: 'bench', name: 'Bench window', start: iso(now - HOUR), end: iso(now + 3 * HOUR) }],
        leaks: [{ id: 'emleaks', urls: ['pastebin.example/emleaks-2017'], hashtags: ['MacronLeaks'], keywords: ['leakword3'] }],
        // Automatic sweeps off: only the benchmark's sweeps run.
        sweep: { enabled: false, lookback: '72h' },
        ...(alertChannels.discord && { discord: { alertChannel: alertChannels.discord } }),
        ...(alertChannels.slack && { slack: { alertChannel: alertChannels.slack } }),
        store: { sqlitePath: join(dir, 'unused.db') },
      });
    const discord = await benchDiscord(dir, now, configFor, children);
    const slack = await benchSlack(dir, now, configFor, children);
    process.stdout.write([...header(load), ...discord, ...slack, 'Reproduce: `npm run bench -- sweep`.', ''].join('\n'));
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

function header(load: number): string[] {
  return [
    '## Sweep: a long history under the platforms\' rate limits',
    '',
    `Set-up: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${load.toFixed(1)} when the run began`,
    '(the figures are single runs: each is paced by a rate limit, so repeating them would multiply the time). The sweep (src/sweep) runs in a bot process',
    'wired as in the tests (SweepService and the platform\'s history adapter, SQLite store, default `policy.sweep`: delete, alert, record);',
    'the stand-ins (src/standins) and the load run in the benchmark\'s process. Histories are generated French and English chat',
    `(bench/corpus.ts: news links, some mentions of the leak) posted over the last two days, one message in ${SHARE_EVERY} sharing the configured leak URL;`,
    'the window is open, so each share costs one deletion. "Share of the limit used" = the least time the limit allows for the',
    'calls made (from a cold start, fixed windows) ÷ the time taken, for the limit that binds.',
    '',
  ];
}

// ---- Discord -----------------------------------------------------------------------------------

async function benchDiscord(dir: string, now: number, configFor: (a: { discord?: string }) => string, children: ChildProcess[]): Promise<string[]> {
  const { DiscordStandIn } = await import('../src/standins/discord/standin.ts');
  const { snowflake } = await import('../src/standins/discord/snowflake.ts');
  const historyRule = { limit: 50, windowMs: 1_000 };
  const standIn = await DiscordStandIn.start({ rateLimits: { 'GET /channels/:id/messages': historyRule } });
  try {
    const fixture = standIn.guilds[0]!;
    const a = fixture.ids;
    // Live traffic goes to a channel of its own, outside the swept ones (so the live path's
    // deletions do not change the history being swept): a copy of #general, added before the bot connects.
    const liveChannel = { ...fixture.channels.get(a.general)!, id: snowflake(), name: 'live', position: 9 };
    fixture.channels.set(liveChannel.id, liveChannel);
    (fixture.guild.channels as unknown[]).push(liveChannel);
    const channels = [a.general, a.general, a.thread, a.thread, a.forumPost];
    const authors = Array.from({ length: 500 }, () => snowflake());
    const texts = chatTexts(DISCORD_MESSAGES, 7);
    const rand = random(11);
    const from = now - 48 * HOUR;
    const step = (47 * HOUR) / DISCORD_MESSAGES;
    log(`discord: seeding ${DISCORD_MESSAGES} messages`);
    /** Posts one share per SHARE_EVERY messages (at times `offsetMs` apart from earlier seeds, so new ids); returns their ids. */
    const seedShares = (offsetMs: number): Set<string> => {
      const ids = new Set<string>();
      for (let i = SHARE_EVERY / 2; i < DISCORD_MESSAGES; i += SHARE_EVERY) {
        const m = standIn.post({ channelId: channels[i % channels.length]!, authorId: authors[i % authors.length]!, content: `${texts[i]} ${LEAK_URL}/${i}`, dispatch: false, atMs: Math.floor(from + i * step) + offsetMs });
        ids.add(m.id as string);
      }
      return ids;
    };
    for (let i = 0; i < DISCORD_MESSAGES; i++) {
      if (i % SHARE_EVERY === SHARE_EVERY / 2) continue;
      standIn.post({ channelId: channels[i % channels.length]!, authorId: authors[Math.floor(rand() * authors.length)]!, content: texts[i]!, dispatch: false, atMs: Math.floor(from + i * step) });
    }
    const sinceMs = now - LOOKBACK_MS;
    const swept = [a.general, a.thread, a.forumPost];

    // Baseline: the same reads and deletions with plain fetch, under the same global limit.
    log('discord: bare pass (plain fetch, no classification)');
    const bare = await discordBarePass(standIn, swept, sinceMs, seedShares(0));

    seedShares(1);
    const configFile = join(dir, 'discord.yaml');
    await writeFile(configFile, configFor({ discord: a.alerts }));
    log('discord: starting the bot process');
    const { child, ready } = startChild('discord', {
      BENCH_CONFIG: configFile,
      BENCH_DB: join(dir, 'discord.db'),
      BENCH_TOKEN: standIn.token,
      BENCH_API_URL: standIn.apiUrl,
      BENCH_GUILD: a.guild,
    });
    children.push(child);
    await ready;

    // Live traffic: sharing messages in the live channel, each from its own author.
    const sentAt = new Map<string, number>();
    let latencies: number[] = [];
    /** When each warned live message was sent, and its latency. */
    let timeline: [number, number][] = [];
    standIn.on('call', (call) => {
      if (call.method !== 'POST' || call.path !== `/channels/${liveChannel.id}/messages`) return;
      const author = /^<@(\d+)>$/.exec(call.body?.content ?? '')?.[1];
      const t0 = author === undefined ? undefined : sentAt.get(author);
      if (t0 === undefined || author === undefined) return;
      sentAt.delete(author);
      latencies.push(call.atMs - t0);
      timeline.push([t0, call.atMs - t0]);
    });
    const sendLive = () => {
      const author = snowflake();
      sentAt.set(author, performance.now());
      standIn.post({ channelId: liveChannel.id, authorId: author, content: `les documents ${LEAK_URL}` });
    };
    /** Sends at LIVE_RATE until `until()` or `count` messages; returns how many were sent. */
    const live = async (until: () => boolean, count = Infinity): Promise<number> => {
      const start = performance.now();
      let sent = 0;
      while (sent < count && !until()) {
        const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * LIVE_RATE) + 1);
        while (sent < due) {
          sendLive();
          sent += 1;
        }
        await sleep(5);
      }
      return sent;
    };
    const settle = async (expected: number) => {
      const deadline = Date.now() + 20_000;
      while (latencies.length < expected && Date.now() < deadline) await sleep(50);
    };

    log('discord: live messages without a sweep (baseline)');
    await live(() => false, 20); // warm-up
    await settle(20);
    latencies = [];
    sentAt.clear();
    // The stand-in shares this process's event loop: its delays are part of what is measured.
    const loopAlone = monitorEventLoopDelay({ resolution: 10 });
    loopAlone.enable();
    const baselineSent = await live(() => false, LIVE_RATE * LIVE_BASELINE_SECONDS);
    await settle(baselineSent);
    loopAlone.disable();
    const liveAlone = [...latencies].sort((x, y) => x - y);
    const liveAloneMissing = baselineSent - liveAlone.length;

    log('discord: sweep alone');
    const alone = await discordSweepRun(standIn, child, { id: 'bench:alone', sinceMs, channelIds: [a.general, a.forum] });

    seedShares(2);
    log('discord: sweep with live traffic');
    latencies = [];
    timeline = [];
    sentAt.clear();
    const sweepStart = performance.now();
    let done = false;
    const loopDuring = monitorEventLoopDelay({ resolution: 10 });
    loopDuring.enable();
    const withLive = discordSweepRun(standIn, child, { id: 'bench:live', sinceMs, channelIds: [a.general, a.forum] }).finally(() => {
      done = true;
    });
    const liveSent = await live(() => done);
    const loaded = await withLive;
    await settle(liveSent);
    loopDuring.disable();
    const liveDuring = [...latencies].sort((x, y) => x - y);
    const slices: number[][] = [];
    for (const [t0, ms] of timeline) {
      const slice = Math.floor((t0 - sweepStart) / 10_000);
      slices[slice] = [...(slices[slice] ?? []), ms];
    }
    const bySlice = [...slices].map((xs) => (xs ? fmt(percentile(xs.sort((x, y) => x - y), 0.99)) : '–')).join(', ');
    const liveDuringMissing = liveSent - liveDuring.length;

    await stopChild(child);

    const row = (name: string, r: DiscordRun) =>
      `| ${name} | ${fmt(r.scanned)} | ${fmt(r.removed)} | ${fmt(r.ms / 1000, 1)} | **${fmt(r.scanned / (r.ms / 1000))}** | ${fmt(r.gets)} / ${fmt(r.deletes)} / ${fmt(r.other)} | ${fmt(r.gets / (r.ms / 1000), 1)} | ${fmt(r.all / (r.ms / 1000), 1)} | **${pct(idealMs(r.all, DISCORD_GLOBAL) / r.ms)}** | ${fmt(r.refused)} | ${fmt(r.maxPerSecond)} | ${r.held ? `${fmt(r.held.global)} / ${fmt(r.held.route)}` : 'n/a'} |`;
    const lat = (name: string, l: number[], missing: number, loop: { percentile(p: number): number }, base?: number[]) =>
      `| ${name} | ${l.length} | ${fmt(percentile(l, 0.5), 1)} | **${fmt(percentile(l, 0.99), 1)}** | ${fmt(l[l.length - 1] ?? NaN, 1)} | ${base ? fmt(percentile(l, 0.99) / percentile(base, 0.99), 1) : '1.0'} | ${missing} | ${fmt(loop.percentile(99) / 1e6, 1)} |`;
    const aloneShare = idealMs(alone.all, DISCORD_GLOBAL) / alone.ms;
    const p99 = percentile(liveDuring, 0.99);
    return [
      `### Discord: ${fmt(DISCORD_MESSAGES)} messages`,
      '',
      `History in a channel, its thread and a forum post (${fmt(DISCORD_MESSAGES / SHARE_EVERY)} shares); the bot keeps discord.js's default global limit of`,
      `${DISCORD_GLOBAL.limit} requests/s (Discord's published limit for a bot); the stand-in also refuses \`GET /channels/:id/messages\` beyond`,
      `${historyRule.limit} per ${historyRule.windowMs} ms (its buckets are per channel; the sweep reads one channel at a time, so at most one is in use).`,
      'Each sweep is followed by re-posting the shares (new ids), so every run reads the same history and deletes the same number.',
      'Bare pass (baseline): plain fetch, the same pages and the same deletions (of ids known in advance, no classification), under a',
      `${DISCORD_GLOBAL.limit} per ${DISCORD_GLOBAL.windowMs} ms client-side limiter. "With live traffic": ${LIVE_RATE} sharing messages/s in another channel during the sweep,`,
      'each warned, deleted and alerted by the live path (3 requests each, on the same global budget).',
      '',
      '| run | messages | removed | time (s) | messages/s | requests: history GET / DELETE / other | history GET/s | all requests/s | share of the 50/s global limit | 429s | most requests in any 1 s | held by discord.js: global / route |',
      '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|',
      row('bare pass (baseline)', bare),
      row('sweep', alone),
      row(`sweep with live traffic (${LIVE_RATE}/s)`, loaded),
      '',
      `Sweep ÷ bare pass, messages/s: ${(alone.scanned / alone.ms / (bare.scanned / bare.ms)).toFixed(2)}; with live traffic: ${(loaded.scanned / loaded.ms / (bare.scanned / bare.ms)).toFixed(2)}.`,
      `Share of the limit used by the sweep alone: ${pct(aloneShare)} (goal ≥ ${pct(TARGET_SHARE)}: ${aloneShare >= TARGET_SHARE ? 'met' : 'NOT met'}). Time per request: bare pass ${fmt(bare.ms / bare.all, 1)} ms,`,
      `sweep ${fmt(alone.ms / alone.all, 1)} ms; the limit allows one per ${DISCORD_GLOBAL.windowMs / DISCORD_GLOBAL.limit} ms. The bare pass makes its requests one after another; the sweep reads two pages`,
      'ahead and deletes while it classifies the next messages, so that the limit binds rather than round trips, and every request it makes goes',
      'through the live-priority gate (src/discord/livePriority.ts): it leaves in each of discord.js\'s windows what live moderation may need until',
      'the window ends (the live requests sent in the last second or two plus some jitter, or 25/s when less is measured, and one live message\'s',
      'burst of 3 requests, kept at all times), so without live traffic it may use 47 of each window\'s 50. With live traffic the sweep gets what',
      'the live path leaves.',
      'A fixed window (discord.js\'s, and the bare pass\'s limiter) lets up to twice the limit through across a window boundary: hence',
      '"most requests in any 1 s" above 50.',
      '',
      `Live messages (${LIVE_RATE}/s, MESSAGE_CREATE written to the gateway → warning POST received by the stand-in):`,
      '',
      '| live messages | samples | p50 (ms) | p99 (ms) | max (ms) | p99 / baseline | not warned | stand-in event-loop delay p99 (ms) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      lat(`without a sweep (baseline, ${LIVE_BASELINE_SECONDS} s)`, liveAlone, liveAloneMissing, loopAlone),
      lat('during the sweep', liveDuring, liveDuringMissing, loopDuring, liveAlone),
      '',
      `p99 by successive 10 s of the sweep (ms): ${bySlice}.`,
      '',
      `Target p99 < ${TARGET_P99_MS} ms during a sweep: ${p99 < TARGET_P99_MS ? 'met' : 'NOT met'}. discord.js keeps one global limiter for every request of the bot token`,
      'and has no priorities: a live request waits for the next window when the window\'s budget is spent ("held by discord.js: global" counts',
      `such waits, for warnings, deletions and alerts). The live path alone needs ${LIVE_RATE * 3} requests/s here; the gate keeps that much free (measured) and more.`,
      'The sweep classifies in slices of a few milliseconds, so that live messages handled by the same process do not wait behind a page.',
      'Latencies include both processes\' event loops: on a busy machine the baseline\'s p99 rises too (compare the stand-in\'s event-loop delay).',
      '',
    ];
  } finally {
    await standIn.stop();
  }
}

interface DiscordRun {
  held?: Held;
  scanned: number;
  removed: number;
  ms: number;
  gets: number;
  deletes: number;
  other: number;
  all: number;
  refused: number;
  maxPerSecond: number;
}

type DiscordStandInT = import('../src/standins/discord/standin.ts').DiscordStandIn;

/** Counts the stand-in's calls made during `run` (every route: the sweep's and the live path's). */
async function countDiscordCalls(standIn: DiscordStandInT, run: () => Promise<{ scanned: number; removed: number; ms: number; held?: Held }>): Promise<DiscordRun> {
  const first = standIn.calls.length;
  const result = await run();
  const calls = standIn.calls.slice(first);
  const gets = calls.filter((c) => c.method === 'GET' && /^\/channels\/\d+\/messages$/.test(c.path)).length;
  const deletes = calls.filter((c) => c.method === 'DELETE').length;
  return {
    ...result,
    gets,
    deletes,
    other: calls.length - gets - deletes,
    all: calls.length,
    refused: calls.filter((c) => c.status === 429).length,
    maxPerSecond: maxInWindow(calls.map((c) => c.atMs), 1_000),
  };
}

function discordSweepRun(standIn: DiscordStandInT, child: ChildProcess, request: { id: string; sinceMs: number; channelIds: string[] }): Promise<DiscordRun> {
  return countDiscordCalls(standIn, async () => {
    const { report, ms, held } = await sweepIn(child, request);
    return { scanned: report.scanned, removed: report.removed, ms, held };
  });
}

/** Reads each channel's history oldest first, 100 a page, deleting the given messages, with plain fetch. */
function discordBarePass(standIn: DiscordStandInT, channelIds: string[], sinceMs: number, shares: Set<string>): Promise<DiscordRun> {
  const limiter = new FixedWindow(DISCORD_GLOBAL);
  const headers = { authorization: `Bot ${standIn.token}` };
  const call = async (method: string, path: string): Promise<unknown> => {
    for (;;) {
      await limiter.take();
      const res = await fetch(`${standIn.apiUrl}/v10${path}`, { method, headers });
      if (res.status === 429) {
        const body = (await res.json()) as { retry_after: number };
        await sleep(body.retry_after * 1000);
        continue;
      }
      if (res.status === 204) return null;
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
      return res.json();
    }
  };
  return countDiscordCalls(standIn, async () => {
    const t0 = performance.now();
    let scanned = 0;
    let removed = 0;
    for (const channel of channelIds) {
      let after = ((BigInt(Math.max(sinceMs - 1, 1_420_070_400_000)) - 1_420_070_400_000n) << 22n).toString();
      for (;;) {
        const page = (await call('GET', `/channels/${channel}/messages?after=${after}&limit=100`)) as { id: string }[];
        // Newest first: handled oldest first, as the sweep does.
        for (const m of [...page].reverse()) {
          scanned += 1;
          if (shares.has(m.id)) {
            await call('DELETE', `/channels/${channel}/messages/${m.id}`);
            removed += 1;
          }
        }
        if (page.length < 100) break;
        after = page[0]!.id;
      }
    }
    return { scanned, removed, ms: performance.now() - t0 };
  });
}

// ---- Slack -------------------------------------------------------------------------------------

interface SlackRun {
  scanned: number;
  removed: number;
  ms: number;
  /** Successful calls of each limited method. */
  calls: Record<(typeof SLACK_LIMITED)[number], number>;
  refused: number;
}

type SlackStandInT = import('../src/standins/slack/webApi.ts').SlackStandIn;

const SLACK_CHANNELS = ['C0NEWS', 'C0DEBATE', 'C0TEAM'];
const THREAD_EVERY = 400;
const REPLIES = 9;

/** Fills a stand-in's channels; the same plan gives the same ts on every stand-in. Returns the shares' ts. */
function seedSlack(standIn: SlackStandInT, now: number, texts: string[]): Set<string> {
  for (const c of SLACK_CHANNELS) standIn.addChannel(c, c.slice(2).toLowerCase());
  const shares = new Set<string>();
  const from = now - 48 * HOUR;
  const step = (47 * HOUR) / SLACK_MESSAGES;
  const rand = random(13);
  let parent: { channel: string; ts: string; left: number } | undefined;
  for (let i = 0; i < SLACK_MESSAGES; i++) {
    const share = i % SHARE_EVERY === SHARE_EVERY / 2;
    const text = share ? `${texts[i]} <${LEAK_URL}/${i}>` : texts[i]!;
    const user = `U0${String(Math.floor(rand() * 500)).padStart(4, '0')}`;
    const atMs = Math.floor(from + i * step);
    let ts: string;
    if (parent && parent.left > 0) {
      // A reply in the open thread.
      ts = standIn.addHistory(parent.channel, { user, text, atMs, threadTs: parent.ts });
      parent.left -= 1;
    } else {
      const channel = SLACK_CHANNELS[i % SLACK_CHANNELS.length]!;
      ts = standIn.addHistory(channel, { user, text, atMs });
      if (i % THREAD_EVERY === 1) parent = { channel, ts, left: REPLIES };
    }
    if (share) shares.add(ts);
  }
  return shares;
}

async function benchSlack(dir: string, now: number, configFor: (a: { slack?: string }) => string, children: ChildProcess[]): Promise<string[]> {
  const { SlackStandIn } = await import('../src/standins/slack/webApi.ts');
  const rateLimits = Object.fromEntries(SLACK_LIMITED.map((m) => [m, SLACK_TIER3]));
  const texts = chatTexts(SLACK_MESSAGES, 17);
  const sinceMs = now - LOOKBACK_MS;
  const bareStandIn = await SlackStandIn.start({ rateLimits });
  const sweepStandIn = await SlackStandIn.start({ rateLimits });
  try {
    log(`slack: seeding ${SLACK_MESSAGES} messages twice`);
    const bareShares = seedSlack(bareStandIn, now, texts);
    const sweepShares = seedSlack(sweepStandIn, now, texts);

    log('slack: bare pass (plain fetch, no classification)');
    const bare = await slackBarePass(bareStandIn, sinceMs, bareShares);

    const configFile = join(dir, 'slack.yaml');
    await writeFile(configFile, configFor({ slack: 'C0ALERTS' }));
    log('slack: starting the sweeping process');
    const { child, ready } = startChild('slack', {
      BENCH_CONFIG: configFile,
      BENCH_DB: join(dir, 'slack.db'),
      BENCH_TOKEN: sweepStandIn.botToken,
      BENCH_ADMIN_TOKEN: sweepStandIn.adminToken,
      BENCH_API_URL: sweepStandIn.apiUrl,
      BENCH_TEAM: sweepStandIn.teamId,
      BENCH_BOT_USER: sweepStandIn.botUserId,
    });
    children.push(child);
    await ready;
    log('slack: sweep');
    const { report, ms } = await sweepIn(child, { id: 'bench:slack', sinceMs });
    await stopChild(child);
    const sweep: SlackRun = { scanned: report.scanned, removed: report.removed, ms, ...slackCalls(sweepStandIn) };
    if (sweep.removed !== sweepShares.size) log(`slack: the sweep removed ${sweep.removed} of ${sweepShares.size} shares`);

    const share = (r: SlackRun) => Math.max(...SLACK_LIMITED.map((m) => idealMs(r.calls[m], SLACK_TIER3))) / r.ms;
    const binding = (r: SlackRun) => SLACK_LIMITED.reduce((x, y) => (r.calls[y] > r.calls[x] ? y : x));
    const shareText = (r: SlackRun) => (share(r) > 0 ? pct(share(r)) : 'n/a (limit not reached)');
    const row = (name: string, r: SlackRun) =>
      `| ${name} | ${fmt(r.scanned)} | ${fmt(r.removed)} | ${fmt(r.ms / 1000, 1)} | **${fmt(r.scanned / (r.ms / 1000))}** | ${SLACK_LIMITED.map((m) => fmt(r.calls[m])).join(' / ')} | ${binding(r)}: ${fmt((r.calls[binding(r)] / r.ms) * SLACK_TIER3.windowMs, 1)} | **${shareText(r)}** | ${fmt(r.refused)} |`;
    const sweepShare = share(sweep);
    const realMinutes = (sweep.ms * SLACK_COMPRESSION) / 60_000;
    return [
      `### Slack: ${fmt(SLACK_MESSAGES)} messages, time-compressed ${SLACK_COMPRESSION}×`,
      '',
      `History in ${SLACK_CHANNELS.length} channels, one top-level message in ${THREAD_EVERY} opening a thread of ${REPLIES} replies (${fmt(sweepShares.size)} shares). Slack allows`,
      `Tier 3 methods (conversations.history, conversations.replies, chat.delete) about 50 calls a minute; at that pace this history would`,
      `take minutes, so the stand-in enforces **50 calls per ${SLACK_TIER3.windowMs / 1000} s** for each (${SLACK_COMPRESSION}× faster) and answers 429 with Retry-After in whole`,
      'seconds, as Slack does. With one share in 100 messages and 200 messages a page, chat.delete (2 calls a page) is the limit that binds.',
      'The sweep\'s history adapter calls through Web API clients of its own (the production options otherwise): one call of each method',
      'at a time, and on a 429 that method alone waits exactly Retry-After (no added back-off), while reading and classifying go on.',
      'Bare pass (baseline): plain fetch, the same calls (history pages, thread replies, deletions of ts known in advance), waiting',
      'exactly Retry-After on a 429, on an identical copy of the history.',
      '',
      `| run | messages | removed | time (s) | messages/s | calls: history / replies / delete | binding method: calls per ${SLACK_TIER3.windowMs / 1000} s (limit ${SLACK_TIER3.limit}) | share of the limit used | 429s |`,
      '|---|---:|---:|---:|---:|---|---:|---:|---:|',
      row('bare pass (baseline)', bare),
      row('sweep', sweep),
      '',
      `Sweep ÷ bare pass, messages/s: ${(sweep.scanned / sweep.ms / (bare.scanned / bare.ms)).toFixed(2)}. Share of the limit used by the sweep: ${shareText(sweep)} (goal ≥ ${pct(TARGET_SHARE)}: ${sweepShare >= TARGET_SHARE ? 'met' : 'NOT met'}).`,
      `At Slack's real pace the same sweep would take about ${fmt(realMinutes, 1)} minutes (${fmt(sweep.scanned / ((sweep.ms * SLACK_COMPRESSION) / 1000), 1)} messages/s).`,
      '',
    ];
  } finally {
    await bareStandIn.close();
    await sweepStandIn.close();
  }
}

function slackCalls(standIn: SlackStandInT): Pick<SlackRun, 'calls' | 'refused'> {
  const calls = Object.fromEntries(SLACK_LIMITED.map((m) => [m, standIn.callsTo(m).length])) as SlackRun['calls'];
  return { calls, refused: standIn.calls.filter((c) => c.status === 429).length };
}

/** What the bare pass reads of the Web API's answers. */
interface SlackAnswer {
  ok: boolean;
  error?: string;
  channels?: { id: string }[];
  messages?: { ts: string; reply_count?: number }[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** The sweep's Slack calls with plain fetch: history pages newest first, thread replies, deletions. */
async function slackBarePass(standIn: SlackStandInT, sinceMs: number, shares: Set<string>): Promise<SlackRun> {
  const call = async (method: string, token: string, params: Record<string, string>): Promise<SlackAnswer> => {
    for (;;) {
      const res = await fetch(`${standIn.apiUrl}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params),
      });
      if (res.status === 429) {
        await res.arrayBuffer();
        await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
        continue;
      }
      const body = (await res.json()) as SlackAnswer;
      if (!body.ok) throw new Error(`${method}: ${body.error}`);
      return body;
    }
  };
  const t0 = performance.now();
  let scanned = 0;
  let removed = 0;
  const oldest = (sinceMs / 1000).toFixed(6);
  const handle = async (channel: string, ts: string) => {
    scanned += 1;
    if (!shares.has(ts)) return;
    await call('chat.delete', standIn.adminToken, { channel, ts });
    removed += 1;
  };
  const listed = await call('users.conversations', standIn.botToken, { types: 'public_channel,private_channel', limit: '200' });
  for (const { id: channel } of listed.channels ?? []) {
    let latest: string | undefined;
    for (;;) {
      const page = await call('conversations.history', standIn.botToken, { channel, oldest, inclusive: 'false', limit: '200', ...(latest && { latest }) });
      const messages = page.messages ?? [];
      for (const m of messages) {
        await handle(channel, m.ts);
        if ((m.reply_count ?? 0) === 0) continue;
        let cursor: string | undefined;
        do {
          const replies = await call('conversations.replies', standIn.botToken, { channel, ts: m.ts, oldest, limit: '200', ...(cursor && { cursor }) });
          for (const r of replies.messages ?? []) if (r.ts !== m.ts) await handle(channel, r.ts);
          cursor = replies.response_metadata?.next_cursor || undefined;
        } while (cursor);
      }
      if (!page.has_more || messages.length === 0) break;
      latest = messages.reduce((x, y) => (Number(x.ts) < Number(y.ts) ? x : y)).ts;
    }
  }
  return { scanned, removed, ms: performance.now() - t0, ...slackCalls(standIn) };
}

// Last, once every declaration above is initialised.
const botIndex = process.argv.indexOf('--bot');
if (botIndex >= 0) {
  await runBot(process.argv[botIndex + 1] as 'discord' | 'slack');
} else {
  await main();
}
