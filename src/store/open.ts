/**
 * Opens the store: PostgreSQL when a database URL is given (several instances), otherwise the
 * SQLite file (one instance, the default). Both get the same schema, the same behaviour and the
 * same incident spool for outages.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import { openPostgres } from './postgres.ts';
import { IncidentSpool } from './spool.ts';
import { openSqlite } from './sqlite.ts';
import { SqlStore } from './sqlStore.ts';
import type { Store } from './store.ts';
import { isOutage } from './unavailable.ts';

export interface OpenStoreOptions {
  /** `postgres://…` (from the environment only, never the configuration file); SQLite when absent. */
  databaseUrl?: string;
  /** The SQLite file (configuration key `store.sqlitePath`). */
  sqlitePath: string;
  logger: Logger;
  /** PostgreSQL schema for the tables; the connection's default when absent. */
  schema?: string;
  /** Folder of the incident spool files; by default `spool/` next to the SQLite file. */
  spoolDir?: string;
  /** Most spooled incidents kept in memory (the spool file keeps every one). Default 10 000. */
  spoolLimit?: number;
  /** Time between attempts to reach the database during an outage. Default 1 s. */
  retryMs?: number;
  /** Time between checks for configuration changes on SQLite. Default 1 s. */
  pollMs?: number;
  /**
   * How long an instance's claim on an event and its pending incident hold without news before
   * another instance (or a restart) takes over. Default 2 min: longer than moderating a message
   * with every retry and download.
   */
  leaseMs?: number;
}

/** Default of {@link OpenStoreOptions.leaseMs}. */
export const DEFAULT_LEASE_MS = 120_000;

export { SqlStore } from './sqlStore.ts';
export { StoreUnavailableError } from './unavailable.ts';

/**
 * Opens the store, creating the SQLite file or the PostgreSQL tables on first use. If PostgreSQL
 * cannot be reached, the store still opens: incidents are spooled and the schema is created
 * once the database answers.
 */
export async function openStore(options: OpenStoreOptions): Promise<SqlStore & Store> {
  const { logger } = options;
  const instanceId = randomUUID();
  const retryMs = options.retryMs ?? 1000;
  const spool = new IncidentSpool({
    dir: options.spoolDir ?? join(dirname(options.sqlitePath), 'spool'),
    instanceId,
    maxInMemory: options.spoolLimit ?? 10_000,
    logger,
  });
  const common = { spool, logger, instanceId, retryMs, pollMs: options.pollMs ?? 1000, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS };

  if (options.databaseUrl === undefined) {
    const db = openSqlite(options.sqlitePath);
    logger.info({ backend: 'sqlite', file: options.sqlitePath }, 'store opened');
    return new SqlStore({ ...common, db, ready: async () => void (await db.query('SELECT 1')), available: true });
  }

  const db = openPostgres({ url: options.databaseUrl, ...(options.schema !== undefined && { schema: options.schema }), logger, retryMs });
  let available = true;
  try {
    await db.migrate();
  } catch (err) {
    if (!isOutage(err)) {
      await db.close();
      throw err;
    }
    available = false;
    logger.error({ err }, 'PostgreSQL unreachable at start: incidents are spooled until it answers');
  }
  logger.info({ backend: 'postgres', ...(options.schema !== undefined && { schema: options.schema }) }, 'store opened');
  return new SqlStore({ ...common, db, ready: () => db.migrate(), available });
}
