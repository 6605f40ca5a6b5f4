/**
 * What a benchmark's bot process opens, as `start` does: the configuration file, the SQLite store,
 * the live configuration attached to it, a quiet logger; and its orderly stop on SIGTERM. Each
 * bench runs its bot in a process of its own, so the load and the stand-ins do not share its event loop.
 */
import { loadConfig } from '../src/runtimeConfig/load.ts';
import { LiveConfig } from '../src/runtimeConfig/live.ts';
import { createLogger, type Logger } from '../src/log/logger.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';

export interface BenchBot {
  logger: Logger;
  store: Store;
  live: LiveConfig;
}

/** Opens the configuration at `configFile` and its store (`sqlitePath`, default the configuration's). */
export async function openBenchBot(configFile: string, options: { sqlitePath?: string; logLevel?: string } = {}): Promise<BenchBot> {
  const logger = createLogger({ level: options.logLevel ?? 'warn' });
  const loaded = await loadConfig(configFile);
  const store = await openStore({ sqlitePath: options.sqlitePath ?? loaded.config.store.sqlitePath, logger });
  const live = new LiveConfig(loaded);
  await live.attach(store);
  return { logger, store, live };
}

/** On SIGTERM: `stop` (the bot or app), then the configuration and the store, then exit 0. */
export function stopOnSigterm(bot: BenchBot, stop: () => Promise<void>): void {
  process.once('SIGTERM', () => {
    void (async () => {
      await stop();
      bot.live.close();
      await bot.store.close();
      process.exit(0);
    })();
  });
}
