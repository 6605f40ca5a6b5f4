/**
 * The store backends every store test runs against: SQLite in a temporary folder, and
 * PostgreSQL in a schema of its own, dropped afterwards. PostgreSQL must be reachable (CI starts
 * it): if it is not, the PostgreSQL tests fail rather than skip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../../src/log/logger.ts';
import { openStore, type OpenStoreOptions } from '../../src/store/open.ts';
import type { SqlStore } from '../../src/store/sqlStore.ts';
import type { IncidentInput } from '../../src/store/store.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const silent = createLogger({ level: 'silent' });

/** One database for a test: stores opened on it share its data. */
export interface TestDatabase {
  readonly backend: 'sqlite' | 'postgres';
  /** Options opening a store on this database (each store gets its own spool folder unless given). */
  options(extra?: Partial<OpenStoreOptions>): Promise<OpenStoreOptions>;
  open(extra?: Partial<OpenStoreOptions>): Promise<SqlStore>;
  /** Closes every store opened through `open` and removes the database. */
  dispose(): Promise<void>;
  readonly dir: string;
  readonly schema?: string;
}

export const BACKENDS = ['sqlite', 'postgres'] as const;

export async function testDatabase(backend: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'bg-store-'));
  const schema = backend === 'postgres' ? `bg_test_${randomBytes(6).toString('hex')}` : undefined;
  if (backend === 'postgres') await assertPostgresReachable();
  const stores: SqlStore[] = [];
  let spools = 0;
  const options = async (extra: Partial<OpenStoreOptions> = {}): Promise<OpenStoreOptions> => ({
    sqlitePath: join(dir, 'data', 'blackout-guard.db'),
    logger: silent,
    spoolDir: join(dir, `spool-${++spools}`),
    retryMs: 100,
    pollMs: 100,
    ...(backend === 'postgres' && { databaseUrl: TEST_DATABASE_URL, schema }),
    ...extra,
  });
  return {
    backend,
    dir,
    ...(schema !== undefined && { schema }),
    options,
    async open(extra) {
      const store = await openStore(await options(extra));
      stores.push(store);
      return store;
    },
    async dispose() {
      for (const store of stores) await store.close();
      if (schema !== undefined) await dropSchema(schema);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function assertPostgresReachable(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL} (CI starts it with .ci/run): ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs a query directly on the test database (outside the store). */
export async function sqlOn(db: TestDatabase, sql: string): Promise<Record<string, unknown>[]> {
  if (db.backend === 'postgres') {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${db.schema}` });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(join(db.dir, 'data', 'blackout-guard.db'));
  try {
    return sqlite.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
}

let counter = 0;

/** A plausible incident: a shared #MacronLeaks link deleted during the 2017 blackout. */
export function sampleIncident(overrides: Partial<IncidentInput> = {}): IncidentInput {
  counter += 1;
  return {
    platform: 'discord',
    workspaceId: 'guild-1',
    channelId: 'chan-general',
    messageId: `msg-${counter}`,
    authorId: `user-${counter % 3}`,
    verdict: 'share',
    leakIds: ['macronleaks'],
    signalKinds: ['url', 'hashtag'],
    rules: ['pastebin.com/emleaks-2017', 'MacronLeaks'],
    windowId: 'fr-2017-t2-metropole',
    actions: [
      { action: 'warn', outcome: 'done' },
      { action: 'delete', outcome: 'done' },
      { action: 'alert', outcome: 'done' },
    ],
    textHash: 'a3f1c2d4e5b6a7980011223344556677889900aabbccddeeff00112233445566',
    messageAt: Date.parse('2017-05-06T12:00:00+02:00') + counter * 1000,
    ...overrides,
  };
}

/** Waits until `check` returns true, polling; fails after a generous deadline. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
