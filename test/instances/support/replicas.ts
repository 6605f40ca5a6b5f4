/**
 * End-to-end set-up for several real bot processes: a fresh PostgreSQL database per test file,
 * free ports, `blackout-guard start` child processes (their stderr log captured for failure
 * messages), a "load balancer" that delivers a signed event to one replica and retries on another
 * when a delivery fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { postEvent, postSigned } from '../../../src/standins/slack/signing.ts';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = fileURLToPath(new URL('../../../bin/blackout-guard.js', import.meta.url));

/** Polls until `check` holds; rejects after `deadlineMs` with `what` and `details()` in the message. */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  deadlineMs = 30_000,
  details: () => string = () => '',
): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}\n${details()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** A database of its own, created for one test file and dropped afterwards. */
export interface E2eDatabase {
  readonly name: string;
  /** DATABASE_URL for the bot processes. */
  readonly url: string;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Closes the test's own connection, ends every other one, drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

export async function createDatabase(): Promise<E2eDatabase> {
  const name = `bg_e2e_${randomBytes(6).toString('hex')}`;
  await onAdmin(async (admin) => {
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  pool.on('error', () => undefined);
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      await onAdmin(async (admin) => {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
}

async function onAdmin(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_DATABASE_URL} (CI starts it with .ci/run): ${(err as Error).message}`);
  }
  try {
    await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Ports

/** A port nobody listens on right now (the OS picks it; the replica binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ---------------------------------------------------------------------------------------------
// Bot processes

export interface ReplicaOptions {
  name: string;
  port: number;
  /** Working directory (no .env there; relative paths of the configuration resolve here). */
  cwd: string;
  env: Record<string, string>;
}

/** One `blackout-guard start` process. */
export class Replica {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Its log (JSON lines on stderr), parsed when possible. */
  readonly logs: Record<string, unknown>[] = [];
  /** Raw stderr lines, for failure messages (the logger never writes message text). */
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(options: ReplicaOptions) {
    this.name = options.name;
    this.port = options.port;
    this.child = spawn(process.execPath, [BIN, 'start'], {
      cwd: options.cwd,
      env: {
        ...process.env,
        // Nothing inherited may start another platform or point elsewhere.
        DISCORD_TOKEN: '',
        SLACK_APP_TOKEN: '',
        SLACK_ADMIN_USER_TOKEN: '',
        LOG_LEVEL: 'info',
        ...options.env,
        PORT: String(options.port),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      this.stderr.push(line);
      if (this.stderr.length > 400) this.stderr.shift();
      try {
        this.logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line (e.g. a crash trace): kept in stderr only
      }
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.port}/slack/events`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Whether it logged a line with this `msg`. */
  logged(msg: string): boolean {
    return this.logs.some((l) => l.msg === msg);
  }

  /** The end of its stderr, for an assertion message. */
  tail(lines = 30): string {
    return `--- ${this.name} (port ${this.port}, ${this.running ? 'running' : `exited ${String(this.child.exitCode ?? this.child.signalCode)}`}) stderr:\n${this.stderr.slice(-lines).join('\n')}`;
  }

  /**
   * Waits until its events endpoint answers a signed url_verification (as Slack checks a Request
   * URL) with the challenge, so it verifies signatures and is listening.
   */
  async waitReady(secret: string, deadlineMs = 60_000): Promise<void> {
    const challenge = `ready-${this.name}`;
    await waitUntil(
      `${this.name} to answer on /slack/events`,
      async () => {
        if (!this.running) throw new Error(`${this.name} exited during start-up\n${this.tail()}`);
        try {
          const answer = await postSigned(this.eventsUrl, secret, JSON.stringify({ type: 'url_verification', token: 'x', challenge }), 'application/json');
          return answer.status === 200 && answer.body.includes(challenge);
        } catch {
          return false;
        }
      },
      deadlineMs,
      () => this.tail(),
    );
  }

  /** Kills it (SIGKILL by default) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.running) this.child.kill(signal);
    await this.exited;
  }
}

// ---------------------------------------------------------------------------------------------
// Load balancer

export interface Delivery {
  /** The replica that acknowledged the event (2xx), if any did. */
  ackedBy: string | undefined;
  /** Every attempt: replica and HTTP status, or the connection error. */
  attempts: { replica: string; status?: number; error?: string }[];
}

/**
 * Delivers a signed event the way Slack in front of a load balancer does: to the first replica;
 * if the delivery fails (connection refused or reset, or a non-2xx answer), again, with
 * `X-Slack-Retry-Num`, to the next one; stops at the first acknowledgement.
 */
export async function deliver(replicas: readonly Replica[], secret: string, envelope: Record<string, unknown>): Promise<Delivery> {
  const attempts: Delivery['attempts'] = [];
  for (const [i, replica] of replicas.entries()) {
    try {
      const answer = await postEvent(replica.eventsUrl, secret, envelope, i > 0 ? { retryNum: i } : {});
      attempts.push({ replica: replica.name, status: answer.status });
      if (answer.status >= 200 && answer.status < 300) return { ackedBy: replica.name, attempts };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      attempts.push({ replica: replica.name, error: cause?.code ?? (err as Error).message });
    }
  }
  return { ackedBy: undefined, attempts };
}
