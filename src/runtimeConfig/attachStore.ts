/**
 * Opens the store named by the environment (PostgreSQL with DATABASE_URL, else the configured
 * SQLite file) and attaches the configuration in force to it, as every bot process does.
 */
import type { Logger } from '../log/logger.ts';
import { openStore, type SqlStore } from '../store/open.ts';
import type { Env } from './env.ts';
import { LiveConfig } from './live.ts';
import type { LoadedConfig } from './load.ts';

export async function openLiveConfig(loaded: LoadedConfig, env: Pick<Env, 'databaseUrl'>, logger: Logger): Promise<{ store: SqlStore; live: LiveConfig }> {
  const store = await openStore({
    ...(env.databaseUrl !== undefined && { databaseUrl: env.databaseUrl }),
    ...(leaseFromEnv() !== undefined && { leaseMs: leaseFromEnv()! }),
    sqlitePath: loaded.config.store.sqlitePath,
    logger,
  });
  const live = new LiveConfig(loaded);
  live.on('bankProblem', (message) => logger.warn({ event: 'bank.refused' }, message));
  await live.attach(store);
  if (!store.available) {
    logger.warn('database unreachable at start: running on the configuration file (changes made by command apply once it answers); incidents are spooled');
  }
  return { store, live };
}

/**
 * `BLACKOUT_LEASE_MS`: how long an instance's claim on an event holds before another instance
 * (or a restart) takes over what it left half done (default 2 min; tests shorten it).
 */
function leaseFromEnv(): number | undefined {
  const value = Number(process.env.BLACKOUT_LEASE_MS ?? '');
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
