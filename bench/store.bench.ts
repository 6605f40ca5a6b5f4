/**
 * Store benchmark (issue 5 §7), on SQLite (a temporary file) and on PostgreSQL (a temporary
 * schema on TEST_DATABASE_URL or the local server):
 * - incident writes per second, one awaited write after another (each durable before the next),
 *   and with 16 writes in flight (several channels at once);
 * - reminder-claim latency p50/p99: a fresh key each time (the claim that wins) and the same key
 *   claimed again (the claim that loses);
 * - baseline, measured in the same process on the same connection: a `SELECT 1` round trip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../src/log/logger.ts';
import { openStore } from '../src/store/open.ts';
import type { SqlStore } from '../src/store/sqlStore.ts';
import type { IncidentInput } from '../src/store/store.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = 5;

let n = 0;
const incident = (): IncidentInput => ({
  platform: 'discord',
  workspaceId: 'guild-bench',
  channelId: `chan-${n % 20}`,
  messageId: `msg-${++n}`,
  authorId: `user-${n % 100}`,
  verdict: 'share',
  leakIds: ['macronleaks'],
  signalKinds: ['url'],
  rules: ['pastebin.com/emleaks-2017'],
  windowId: 'fr-2017-t2-metropole',
  actions: [{ action: 'warn', outcome: 'done' }, { action: 'delete', outcome: 'done' }],
  textHash: randomBytes(32).toString('hex'),
  messageAt: Date.now(),
});

async function rate(count: number, inFlight: number, op: () => Promise<unknown>): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    const t0 = now();
    let next = 0;
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next++ < count) await op();
    }));
    if (r > 0) rates.push(count / ((now() - t0) / 1000));
  }
  return median(rates);
}

async function latency(count: number, op: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 50; i++) await op(-i - 1); // warm-up
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = now();
    await op(i);
    times.push(now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 0.5), p99: pct(times, 0.99) };
}

interface Figures {
  backend: string;
  writes: number;
  writes16: number;
  baselineRate: number;
  claimWin: { p50: number; p99: number };
  claimLose: { p50: number; p99: number };
  baseline: { p50: number; p99: number };
}

async function measure(backend: string, store: SqlStore, ping: () => Promise<unknown>, writes: number): Promise<Figures> {
  log(`${backend}: incident writes…`);
  const baselineRate = await rate(writes, 1, ping);
  const w1 = await rate(writes, 1, () => store.recordIncident(incident()));
  const w16 = await rate(writes, 16, () => store.recordIncident(incident()));
  log(`${backend}: reminder claims…`);
  const run = randomBytes(4).toString('hex');
  const baseline = await latency(2000, ping);
  const claimWin = await latency(2000, (i) => store.claimReminder(`bench:${run}:${i}`, Date.now(), 60_000));
  const claimLose = await latency(2000, () => store.claimReminder(`bench:${run}:0`, Date.now(), 60_000));
  return { backend, writes: w1, writes16: w16, baselineRate, claimWin, claimLose, baseline };
}

const logger = createLogger({ level: 'silent' });
const dir = await mkdtemp(join(tmpdir(), 'bg-bench-'));
const schema = `bg_bench_${randomBytes(6).toString('hex')}`;
const results: Figures[] = [];
try {
  const sqlitePath = join(dir, 'bench.db');
  const sqlite = await openStore({ sqlitePath, logger, spoolDir: join(dir, 'spool') });
  const { default: Database } = await import('better-sqlite3');
  // Baseline on a connection of its own to the same file, with the store's settings.
  const raw = new Database(sqlitePath);
  raw.pragma('journal_mode = WAL');
  const select = raw.prepare('SELECT 1');
  results.push(await measure('SQLite', sqlite, async () => select.get(), 2000));
  raw.close();
  await sqlite.close();

  const postgres = await openStore({ databaseUrl: DATABASE_URL, schema, sqlitePath, logger, spoolDir: join(dir, 'spool') });
  if (!postgres.available) throw new Error(`PostgreSQL unreachable at ${DATABASE_URL}`);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  results.push(await measure('PostgreSQL', postgres, () => client.query('SELECT 1'), 1000));
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  await client.end();
  await postgres.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}

const ms = (x: number) => fmt(x, 3);
const lines = [
  '## Store: incident writes and reminder claims',
  '',
  'Incidents written through `Store.recordIncident` (each one durable before it resolves) and reminders claimed',
  'through `Store.claimReminder`, on a SQLite file (WAL, `synchronous=NORMAL`) and on the local PostgreSQL 15',
  '(a pool of 5, over TCP on 127.0.0.1). Baseline: a `SELECT 1` round trip on the same database, same process.',
  `Rates are medians of ${ROUNDS} rounds (after a warm-up round); latencies over 2,000 claims.`,
  '',
  '| Backend | Incident writes/s (1 at a time) | Writes/s (16 in flight) | `SELECT 1`/s (baseline) | Write cost vs baseline |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...results.map((r) => `| ${r.backend} | ${fmt(r.writes)} | ${fmt(r.writes16)} | ${fmt(r.baselineRate)} | ${fmt(r.baselineRate / r.writes, 1)}× |`),
  '',
  '| Backend | Claim (wins) p50 ms | p99 ms | Claim (loses) p50 ms | p99 ms | `SELECT 1` p50 ms | p99 ms | Winning claim vs baseline (p50) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.backend} | ${ms(r.claimWin.p50)} | ${ms(r.claimWin.p99)} | ${ms(r.claimLose.p50)} | ${ms(r.claimLose.p99)} | ${ms(r.baseline.p50)} | ${ms(r.baseline.p99)} | ${fmt(r.claimWin.p50 / r.baseline.p50, 1)}× |`,
  ),
  '',
  'Reproduce: `npm run bench -- store`',
];
process.stdout.write(`${lines.join('\n')}\n`);
