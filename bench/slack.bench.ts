/**
 * Slack: latency from a signed event POST to the threaded warning's chat.postMessage arriving at
 * the Web API stand-in, at 200 events/s for 30 s, through the real Bolt app, store (SQLite) and
 * moderation pipeline (in a child process). Baseline in the same run and at the same rate: a bare
 * HTTP round trip from the load generator to the stand-in.
 * Prints one Markdown section on stdout; progress on stderr.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { startSlackApp } from '../src/slack/app.ts';
import { eventEnvelope, postEvent, sign, slackTs } from '../src/standins/slack/signing.ts';
import { SlackStandIn } from '../src/standins/slack/webApi.ts';
import { openBenchBot, stopOnSigterm } from './botProcess.ts';

const RATE = 200;
const SECONDS = Number(process.env.SLACK_BENCH_SECONDS ?? 30);
const BASELINE_SECONDS = Math.min(10, SECONDS);
const WARMUP_SECONDS = 2;
const SECRET = 'bench-signing-secret';
const CHANNEL = 'C0BENCH';
const TARGET_P99_MS = 50;
/** Events arriving at once in the burst phase, and how many bursts (medians are over them). */
const BURST = 500;
const BURSTS = 3;
/** Slack retries an event not acknowledged within 3 s. */
const ACK_BUDGET_MS = 3_000;

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sends `count` requests at RATE per second (open loop: a slow answer does not delay the next). */
async function openLoop(count: number, send: (i: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(send(i));
    if (i % (RATE * 5) === 0) process.stderr.write(`  ${i}/${count}\n`);
  }
  await Promise.all(pending);
}

if (process.env.SLACK_BENCH_ROLE === 'app') {
  await runApp();
} else {
  await drive();
}

/**
 * The app under test, in its own process (as in production), so that the load generator and the
 * stand-in do not share its event loop. Prints `PORT n` once listening; stops on SIGTERM.
 */
async function runApp(): Promise<void> {
  const state = await openBenchBot(process.env.SLACK_BENCH_CONFIG!, { logLevel: process.env.SLACK_BENCH_LOG_LEVEL ?? 'error' });
  const { live, store, logger } = state;
  const app = await startSlackApp({
    botToken: process.env.SLACK_BENCH_BOT_TOKEN!,
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: process.env.SLACK_BENCH_API_URL!,
    live,
    store,
    logger,
  });
  process.stdout.write(`PORT ${app.port}\n`);
  stopOnSigterm(state, () => app.stop());
}

/** Starts the stand-in and the app's process, measures the baseline, then the app. */
async function drive(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bg-slack-bench-'));
  const standIn = await SlackStandIn.start();
  const now = Date.now();
  const file = join(dir, 'blackout.yaml');
  await writeFile(
    file,
    configYaml(dir, now),
  );
  const child = spawn(
    process.execPath,
    // SLACK_BENCH_APP_NODE_ARGS, e.g. "--cpu-prof", profiles the app's process.
    [...(process.env.SLACK_BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', fileURLToPath(import.meta.url)],
    {
      env: {
        ...process.env,
        SLACK_BENCH_ROLE: 'app',
        SLACK_BENCH_CONFIG: file,
        SLACK_BENCH_API_URL: standIn.apiUrl,
        SLACK_BENCH_BOT_TOKEN: standIn.botToken,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /PORT (\d+)/.exec(seen);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before listening`)));
  });
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;

  // Baseline: a signed POST straight to the stand-in's chat.postMessage, answered and recorded.
  process.stderr.write(`baseline: ${RATE}/s for ${BASELINE_SECONDS} s\n`);
  const baseline: number[] = [];
  await openLoop(RATE * BASELINE_SECONDS, async (i) => {
    const body = new URLSearchParams({ channel: CHANNEL, text: `baseline ${i}` }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const response = await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${standIn.botToken}`,
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': sign(SECRET, body, timestamp),
      },
      body,
    });
    await response.text();
    baseline.push(performance.now() - started);
  });

  // The app: each event from its own author (the warning rate limit is per author and channel).
  const sentAt = new Map<string, number>();
  const latencies: { sent: number; ms: number }[] = [];
  let warmupWarnings = 0;
  let acked = 0;
  let refused = 0;
  standIn.onCall = (call) => {
    if (call.method !== 'chat.postMessage' || call.params.channel !== CHANNEL) return;
    const t0 = sentAt.get(String(call.params.thread_ts));
    if (t0 !== undefined) latencies.push({ sent: t0, ms: performance.now() - t0 });
    else warmupWarnings += 1;
  };
  const event = (user: string) => {
    const ts = slackTs();
    const text = 'all here <https://pastebin.com/emleaks-bench|files>';
    return { ts, envelope: eventEnvelope({ type: 'message', channel: CHANNEL, user, text, ts, event_ts: ts }, { teamId: standIn.teamId }) };
  };
  // Warm-up (not measured): the app's first events compile its code paths.
  process.stderr.write(`warm-up: ${RATE}/s for ${WARMUP_SECONDS} s\n`);
  await openLoop(RATE * WARMUP_SECONDS, async (i) => {
    await postEvent(eventsUrl, SECRET, event(`W${String(i).padStart(8, '0')}`).envelope);
  });
  const warmDeadline = Date.now() + 30_000;
  while (warmupWarnings < RATE * WARMUP_SECONDS && Date.now() < warmDeadline) await sleep(50);

  process.stderr.write(`app: ${RATE}/s for ${SECONDS} s\n`);
  const total = RATE * SECONDS;
  const loadStart = performance.now();
  await openLoop(total, async (i) => {
    const { ts, envelope } = event(`U${String(i).padStart(8, '0')}`);
    sentAt.set(ts, performance.now());
    const answer = await postEvent(eventsUrl, SECRET, envelope);
    if (answer.status === 200) acked += 1;
    else refused += 1;
  });
  const deadline = Date.now() + 30_000;
  while (latencies.length < acked && Date.now() < deadline) await sleep(50);
  // Per-second p99, to tell steady latency from stalls (e.g. other processes on the machine).
  const secondP99s: number[] = [];
  for (let second = 0; second < SECONDS; second += 1) {
    const slice = latencies.filter((l) => l.sent - loadStart >= second * 1000 && l.sent - loadStart < (second + 1) * 1000).map((l) => l.ms).sort((a, b) => a - b);
    secondP99s.push(percentile(slice, 99));
    process.stderr.write(`  second ${second}: p50 ${percentile(slice, 50).toFixed(1)} ms, p99 ${percentile(slice, 99).toFixed(1)} ms\n`);
  }
  const medianSecondP99 = percentile([...secondP99s].sort((a, b) => a - b), 50);

  // Bursts: BURST events at once, each from its own author (all moderated, warned, recorded),
  // timed to their acknowledgement. Baseline: BURST signed POSTs at once straight to the stand-in.
  const burstAcks: number[][] = [];
  const burstBaselines: number[][] = [];
  for (let round = 0; round < BURSTS; round += 1) {
    process.stderr.write(`burst ${round + 1}/${BURSTS}: ${BURST} events at once\n`);
    const bare = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const body = new URLSearchParams({ channel: 'C0BASELINE', text: `burst baseline ${i}` }).toString();
        const timestamp = Math.floor(Date.now() / 1000);
        const started = performance.now();
        const response = await fetch(`${standIn.apiUrl}chat.postMessage`, {
          method: 'POST',
          headers: { authorization: `Bearer ${standIn.botToken}`, 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(SECRET, body, timestamp) },
          body,
        });
        await response.text();
        return performance.now() - started;
      }),
    );
    burstBaselines.push(bare.sort((a, b) => a - b));
    const acks = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => (await postEvent(eventsUrl, SECRET, event(`B${round}${String(i).padStart(6, '0')}`).envelope)).elapsedMs),
    );
    burstAcks.push(acks.sort((a, b) => a - b));
    // Let the moderation of the burst finish before the next one.
    await sleep(5_000);
  }
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  const [ack50, ack99] = [median(burstAcks.map((b) => percentile(b, 50))), median(burstAcks.map((b) => percentile(b, 99)))];
  const [bare50, bare99] = [median(burstBaselines.map((b) => percentile(b, 50))), median(burstBaselines.map((b) => percentile(b, 99)))];

  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await standIn.close();
  await rm(dir, { recursive: true, force: true });

  const appSorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
  const baseSorted = [...baseline].sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  const [a50, a99, b50, b99] = [percentile(appSorted, 50), percentile(appSorted, 99), percentile(baseSorted, 50), percentile(baseSorted, 99)];
  const met = a99 < TARGET_P99_MS;
  process.stdout.write(
    [
      '## Slack: signed event → threaded warning',
      '',
      `Set-up: the real Bolt app over HTTP on 127.0.0.1 (signature checked, event acknowledged, then ` +
        `moderated: classify, warning slot and event claim in SQLite, warning, private note, permalink, ` +
        `moderators' alert, incident) in its own process; the Web API stand-in and the load generator in another. ${RATE} signed \`message\` ` +
        `events/s for ${SECONDS} s (${total} events, open loop, each from a different author so that every ` +
        `one is warned); latency is from sending the event to the warning's \`chat.postMessage\` reaching ` +
        `the stand-in. Baseline, same run and rate (${RATE * BASELINE_SECONDS} requests, before the app's load): ` +
        `a signed HTTP POST from the load generator straight to the stand-in, answered. ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`,
      '',
      '| measure | samples | p50 | p99 |',
      '|---|---:|---:|---:|',
      `| event POST → warning at the stand-in | ${appSorted.length} / ${total} | ${f(a50)} | ${f(a99)} |`,
      `| baseline: bare HTTP round trip to the stand-in | ${baseSorted.length} | ${f(b50)} | ${f(b99)} |`,
      `| ratio app / baseline | | ${(a50 / b50).toFixed(1)}× | ${(a99 / b99).toFixed(1)}× |`,
      '',
      `Median of the ${SECONDS} per-second p99s: ${f(medianSecondP99)} (the overall p99 includes seconds when other processes took the CPU). ` +
      `Target p99 < ${TARGET_P99_MS} ms: ${met ? 'met' : '**not met**'}.` +
        (refused > 0 ? ` ${refused} events were not acknowledged with 200.` : '') +
        (appSorted.length < total ? ` ${total - appSorted.length} warnings did not arrive within 30 s of the last event.` : ''),
      '',
      `### Acknowledgement under a burst of ${BURST} events`,
      '',
      `${BURSTS} bursts of ${BURST} signed \`message\` events sent at once (each moderated, warned and recorded afterwards; ` +
        `moderation waits in a queue of ${32} at a time so that acknowledgements never wait behind it). Time from sending ` +
        `an event to its HTTP acknowledgement; medians over the bursts. Baseline, same run: ${BURST} signed POSTs at once ` +
        `straight to the stand-in.`,
      '',
      '| measure | p50 | p99 |',
      '|---|---:|---:|',
      `| event → acknowledgement, ${BURST} at once | ${f(ack50)} | ${f(ack99)} |`,
      `| baseline: bare HTTP round trip, ${BURST} at once | ${f(bare50)} | ${f(bare99)} |`,
      `| ratio app / baseline | ${(ack50 / bare50).toFixed(1)}× | ${(ack99 / bare99).toFixed(1)}× |`,
      '',
      `Slack's budget: an answer within ${ACK_BUDGET_MS / 1000} s; p99 ${ack99 < ACK_BUDGET_MS ? 'within it' : '**over it**'}.`,
      '',
      'Reproduce: `npm run bench -- slack`',
      '',
    ].join('\n'),
  );

}

/** A window around now, one leak set, the moderators' channel and the SQLite file in `dir`. */
function configYaml(dir: string, now: number): string {
  return `timezone: UTC
language: en
windows:
  - id: bench-window
    name: Benchmark window
    start: ${iso(now - 3_600_000)}
    end: ${iso(now + 3 * 3_600_000)}
leaks:
  - id: benchleaks
    keywords: [EMLEAKS]
    urls: [pastebin.com/emleaks-bench]
slack:
  alertChannel: C0MODS
store:
  sqlitePath: ${JSON.stringify(join(dir, 'store.db'))}
`;
}
