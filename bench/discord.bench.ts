/**
 * Discord bot latency (issue 3 §7): from the stand-in sending MESSAGE_CREATE to it receiving the
 * warning POST, for sharing messages at 200 messages/s for 30 s, one bot process (the real
 * discord.js client, the real SQLite store, the default policy: warn, delete, alert, record).
 * Each message has its own author so that every one of them is warned. Baseline, in the same
 * process and at the same rate: a bare REST round trip (POST) to the stand-in.
 *
 * The bot runs in a child process (this file with `--bot`), so that the stand-in's clock and
 * the bot's work do not share one event loop. BENCH_DISCORD_SECONDS shortens the run.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDiscordBenchConfig } from './discordBenchConfig.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);
const RATE = 200;
const SECONDS = Number(process.env.BENCH_DISCORD_SECONDS ?? 30);
const TARGET_P99_MS = 50;
/**
 * Each sharing message costs three REST calls (warning, delete, alert): 200/s needs 600 requests/s,
 * beyond discord.js's default global limit of 50/s (Discord's default for a bot token). The run
 * raises it, as Discord does for large bots, so that the figure measures the bot, not the limiter.
 */
const GLOBAL_RPS = 1000;

if (process.argv.includes('--bot')) {
  await runBot();
} else {
  await main();
}

/** The bot process: configuration from BENCH_CONFIG, stand-in from DISCORD_API_URL. */
async function runBot(): Promise<void> {
  const { startDiscordBot } = await import('../src/discord/bot.ts');
  const { openBenchBot, stopOnSigterm } = await import('./botProcess.ts');
  const state = await openBenchBot(process.env.BENCH_CONFIG!);
  const { live, store, logger } = state;
  const rps = Number(process.env.BENCH_GLOBAL_RPS ?? NaN);
  const bot = await startDiscordBot({
    token: process.env.DISCORD_TOKEN!,
    apiUrl: process.env.DISCORD_API_URL!,
    live,
    store,
    logger,
    ...(Number.isFinite(rps) && { globalRequestsPerSecond: rps }),
  });
  process.stdout.write('ready\n');
  stopOnSigterm(state, () => bot.stop());
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/** Sends `total` events at RATE per second (catching up after a late timer), returns when all are sent. */
async function paced(total: number, send: (i: number) => void): Promise<void> {
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE) + 1);
    while (sent < due) send(sent++);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function main(): Promise<void> {
  const { DiscordStandIn } = await import('../src/standins/discord/standin.ts');
  const { snowflake } = await import('../src/standins/discord/snowflake.ts');
  const dir = await mkdtemp(join(tmpdir(), 'blackout-bench-discord-'));
  const standIn = await DiscordStandIn.start();
  const { ids } = standIn;
  const configFile = await writeDiscordBenchConfig(dir, ids.alerts, { id: 'leak', urls: ['pastebin.example/emleaks-2017'], hashtags: ['MacronLeaks'] });

  // Baseline: a bare REST round trip to the stand-in at the same rate.
  log('baseline: REST round trips to the stand-in');
  const baselineCount = RATE * Math.min(SECONDS, 10);
  const baseline: number[] = [];
  const inFlight: Promise<void>[] = [];
  await paced(baselineCount, () => {
    const t0 = performance.now();
    inFlight.push(
      fetch(`${standIn.apiUrl}/v10/channels/${ids.general}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${standIn.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'baseline', allowed_mentions: { parse: [] } }),
      }).then(async (r) => {
        await r.arrayBuffer();
        baseline.push(performance.now() - t0);
      }),
    );
  });
  await Promise.all(inFlight);

  log('starting the bot process');
  const child = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []), '--import', 'tsx', fileURLToPath(import.meta.url), '--bot'], {
    env: { ...process.env, BENCH_GLOBAL_RPS: String(GLOBAL_RPS), BENCH_CONFIG: configFile, DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: string) => d.includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`bot process exited with ${code}`)));
  });

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  standIn.on('call', (call) => {
    if (call.method !== 'POST' || call.path !== `/channels/${ids.general}/messages`) return;
    const author = /^<@(\d+)>$/.exec(call.body?.content ?? '')?.[1];
    const t0 = author === undefined ? undefined : sentAt.get(author);
    if (t0 === undefined || author === undefined) return;
    sentAt.delete(author);
    latencies.push(call.atMs - t0);
  });

  // Warm-up: the first messages pay for JIT compilation and the store's first statements.
  const warmup = RATE;
  const total = RATE * SECONDS;
  log(`sending ${warmup} warm-up messages, then ${total} at ${RATE}/s`);
  const send = () => {
    const author = snowflake();
    sentAt.set(author, performance.now());
    standIn.post({ channelId: ids.general, authorId: author, content: 'les documents https://pastebin.example/emleaks-2017' });
  };
  await paced(warmup, send);
  const deadlineWarm = Date.now() + 30_000;
  while (latencies.length < warmup && Date.now() < deadlineWarm) await new Promise((r) => setTimeout(r, 50));
  latencies.length = 0;
  sentAt.clear();
  await paced(total, send);
  const deadline = Date.now() + 60_000;
  while (latencies.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const missing = total - latencies.length;

  child.kill('SIGTERM');
  await once(child, 'exit');
  await standIn.stop();
  await rm(dir, { recursive: true, force: true });

  const b = [...baseline].sort((x, y) => x - y);
  const l = [...latencies].sort((x, y) => x - y);
  const ms = (n: number) => n.toFixed(2);
  const [bp50, bp99, lp50, lp99] = [percentile(b, 0.5), percentile(b, 0.99), percentile(l, 0.5), percentile(l, 0.99)];
  const out = [
    '## Discord bot: MESSAGE_CREATE to warning',
    '',
    `Set-up: the Discord stand-in (src/standins/discord) and one bot process (real discord.js client, SQLite store, default policy:`,
    `warn, delete, alert, record) on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. ${total} sharing messages`,
    `at ${RATE} messages/s for ${SECONDS} s after ${warmup} warm-up messages, each from a different author (so each is warned).`,
    'Latency: from the stand-in writing MESSAGE_CREATE to the gateway to it receiving the warning POST.',
    `Each sharing message costs 3 REST calls (warning, delete, alert), 600 requests/s in all: the bot runs with a global REST limit of ${GLOBAL_RPS}/s`,
    '(discord.js defaults to Discord\'s standard 50/s, under which a bot can act on about 16 sharing messages/s; beyond that, warnings queue).',
    'Baseline: a bare REST round trip (POST a message) from the stand-in\'s process to the stand-in, at the same rate.',
    '',
    '| measure | samples | p50 (ms) | p99 (ms) | p50 / baseline | p99 / baseline |',
    '|---|---:|---:|---:|---:|---:|',
    `| bare REST round trip (baseline) | ${b.length} | ${ms(bp50)} | ${ms(bp99)} | 1.0 | 1.0 |`,
    `| MESSAGE_CREATE → warning POST | ${l.length} | ${ms(lp50)} | ${ms(lp99)} | ${(lp50 / bp50).toFixed(1)} | ${(lp99 / bp99).toFixed(1)} |`,
    '',
    `Target p99 < ${TARGET_P99_MS} ms: ${lp99 < TARGET_P99_MS ? 'met' : 'NOT met'}.${missing > 0 ? ` ${missing} warnings never arrived.` : ' Every message was warned.'}`,
    '',
    'Reproduce: `npm run bench -- discord`.',
    '',
  ];
  process.stdout.write(out.join('\n'));
}
