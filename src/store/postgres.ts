/**
 * PostgreSQL, for several instances sharing one database (`DATABASE_URL`): a small pool for
 * statements and one dedicated connection that LISTENs for configuration changes, reconnecting
 * after a lost connection. Migrations run under an advisory lock so instances starting together
 * apply each step once. An optional schema keeps deployments (or tests) apart in one database.
 */
import pg from 'pg';
import type { Logger } from '../log/logger.ts';
import { backoffMs } from '../util/retry.ts';
import { pendingMigrations } from './migrations.ts';
import { numberPlaceholders, type SqlDatabase } from './sqlDatabase.ts';

export interface PostgresOptions {
  url: string;
  /** Schema holding the tables (created if missing); the connection's default when absent. */
  schema?: string;
  logger: Logger;
  /** Time between reconnection attempts of the listening connection. */
  retryMs: number;
}

export interface PostgresDatabase extends SqlDatabase {
  /** Creates the schema and applies pending migrations (idempotent, safe to run concurrently). */
  migrate(): Promise<void>;
}

/** NOTIFY channel; the payload names the schema, so deployments in one database stay apart. */
const CHANNEL = 'blackout_guard_config';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool; nothing is connected until the first statement. */
export function openPostgres(options: PostgresOptions): PostgresDatabase {
  const { schema, logger } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  const config: pg.PoolConfig = {
    connectionString: options.url,
    max: 5,
    // Fail fast during an outage instead of leaving moderation waiting.
    connectionTimeoutMillis: 3000,
    query_timeout: 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'blackout-guard',
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  };
  const pool = new pg.Pool(config);
  // A pooled connection lost while idle is reported here; without a handler it would crash the process.
  pool.on('error', (err) => logger.warn({ err }, 'idle PostgreSQL connection lost'));
  // A checked-out connection has only the listener of the statement running on it (pg-pool's
  // `once`), and a dying socket can emit a second error ("Connection terminated unexpectedly")
  // with none left, which would crash the process. The statement itself still fails and is
  // retried or spooled by the store.
  // @see https://github.com/brianc/node-postgres/issues/1324
  pool.on('connect', (client) => client.on('error', (err) => logger.debug({ err }, 'PostgreSQL connection error')));
  const payload = schema ?? '';
  const listeners = new Set<() => void>();
  let listener: Listener | undefined;
  let closed = false;

  return {
    dialect: 'postgres',
    async query(sql, params = []) {
      return (await pool.query(numberPlaceholders(sql), params as unknown[])).rows as Record<string, unknown>[];
    },
    async run(sql, params = []) {
      return (await pool.query(numberPlaceholders(sql), params as unknown[])).rowCount ?? 0;
    },
    async migrate() {
      const client = await pool.connect();
      // A checked-out client has no listener of the pool's: a connection lost between two
      // statements would otherwise be an unhandled 'error' event that ends the process.
      const lost = (err: Error) => logger.warn({ err }, 'PostgreSQL connection lost during migration');
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`blackout-guard migrate ${payload}`]);
        if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
        );
        const rows = (await client.query('SELECT version FROM schema_migrations')).rows as { version: number }[];
        for (const migration of pendingMigrations(new Set(rows.map((r) => r.version)))) {
          for (const statement of migration.sql.postgres) await client.query(statement);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            Date.now(),
          ]);
        }
        await client.query('COMMIT');
        client.removeListener('error', lost);
        client.release();
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.removeListener('error', lost);
        // A connection that failed mid-transaction is not given back to the pool.
        client.release(err as Error);
        throw err;
      }
    },
    listen(callback) {
      listeners.add(callback);
      listener ??= new Listener(config, payload, options.retryMs, logger, () => {
        for (const l of [...listeners]) l();
      });
      return () => {
        listeners.delete(callback);
        if (listeners.size === 0) {
          listener?.stop();
          listener = undefined;
        }
      };
    },
    async announce() {
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    },
    async close() {
      if (closed) return;
      closed = true;
      listener?.stop();
      listener = undefined;
      await pool.end();
    },
  };
}

/**
 * The LISTEN connection. Each time it (re)connects it reports a change, since one may have been
 * made while it was not yet, or no longer, listening.
 */
class Listener {
  #client: pg.Client | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  /** Failed connection attempts in a row (the wait before the next one grows with them). */
  #failures = 0;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly payload: string,
    private readonly retryMs: number,
    private readonly logger: Logger,
    private readonly onChange: () => void,
  ) {
    void this.#connect();
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client(this.config);
    this.#client = client;
    let failed = false;
    const lost = (err?: Error): void => {
      if (failed) return;
      failed = true;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.#stopped) return;
      const waitMs = backoffMs(this.#failures++, { firstMs: this.retryMs, maxMs: this.retryMs * 30 });
      this.logger.warn({ err, retryInMs: waitMs }, 'configuration change listener lost its connection; reconnecting');
      this.#timer = setTimeout(() => void this.#connect(), waitMs);
      this.#timer.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && (message.payload ?? '') === this.payload) this.onChange();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.#stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.#failures = 0;
      // Changes made before LISTEN took effect (or while disconnected) would be missed otherwise.
      this.onChange();
    } catch (err) {
      lost(err as Error);
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    if (client) {
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
    }
  }
}
