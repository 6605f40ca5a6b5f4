/**
 * How the offline commands that read the store (`report`, `verify`) open it: the SQLite file of
 * the configuration, or PostgreSQL when DATABASE_URL is set; closed whatever happens. An
 * unreachable database is exit 7 (try again later), not a usage error.
 */
import { readEnv, type Env } from '../runtimeConfig/env.ts';
import type { LoadedConfig } from '../runtimeConfig/load.ts';
import { createLogger } from '../log/logger.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { StoreUnavailableError } from '../store/unavailable.ts';
import { loadConfigOption } from './configOption.ts';
import { CliError, EXIT } from './exitCodes.ts';

export interface StoreAccess {
  env: Env;
  loaded: LoadedConfig;
  store: Store;
}

/** Loads the configuration, opens the store, runs `use`, closes the store. */
export async function withStore<T>(configFile: string | undefined, purpose: string, use: (access: StoreAccess) => Promise<T>): Promise<T> {
  const env = readEnv();
  const logger = createLogger({ level: env.logLevel ?? 'warn' });
  const loaded = await loadConfigOption(configFile);
  const store = await openStore({
    ...(env.databaseUrl !== undefined && { databaseUrl: env.databaseUrl }),
    sqlitePath: loaded.config.store.sqlitePath,
    logger,
  });
  try {
    if (!store.available) throw new StoreUnavailableError(purpose);
    return await use({ env, loaded, store });
  } catch (err) {
    if (err instanceof StoreUnavailableError) throw new CliError(err.message, EXIT.storeUnavailable);
    throw err;
  } finally {
    await store.close();
  }
}
