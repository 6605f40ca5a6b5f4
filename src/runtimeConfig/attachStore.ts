/**
 * Opens the store named by the environment (PostgreSQL with DATABASE_URL, else the configured
 * SQLite file) and attaches the configuration in force to it, as every bot process does.
 */
import type { Logger } from '../log/logger.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import type { Env } from './env.ts';
import { LiveConfig } from './live.ts';
import type { LoadedConfig } from './load.ts';

export async function openLiveConfig(loaded: LoadedConfig, env: Pick<Env, 'databaseUrl'>, logger: Logger): Promise<{ store: Store; live: LiveConfig }> {
  const store = await openStore({
    ...(env.databaseUrl !== undefined && { databaseUrl: env.databaseUrl }),
    sqlitePath: loaded.config.store.sqlitePath,
    logger,
  });
  const live = new LiveConfig(loaded);
  await live.attach(store);
  return { store, live };
}
