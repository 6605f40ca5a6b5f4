/**
 * One shard's process under the `ShardingManager` (see sharding.ts): the same start as
 * `blackout-guard start` for Discord, with the shard ids discord.js reads from the environment.
 * Every shard opens the same store (PostgreSQL via DATABASE_URL, or one SQLite file on one
 * machine), so incidents form one audit trail and each reminder is claimed by exactly one shard.
 */
import { readEnv } from '../runtimeConfig/env.ts';
import { openLiveConfig } from '../runtimeConfig/attachStore.ts';
import { configFileFrom, loadConfig } from '../runtimeConfig/load.ts';
import { createLogger } from '../log/logger.ts';
import { startReminders } from '../scheduler/index.ts';
import { sweepServiceFromEnv } from '../sweep/service.ts';
import { warmUpInspection } from '../inspect/warmUp.ts';
import { startDiscordBot } from './bot.ts';
import { discordBotOptions } from './optionsFromEnv.ts';

const env = readEnv();
const logger = createLogger(env.logLevel !== undefined ? { level: env.logLevel } : {}).child({ shards: process.env.SHARDS });
const loaded = await loadConfig(configFileFrom());
const { store, live } = await openLiveConfig(loaded, env, logger);
// Each shard sweeps its own guilds; the store's claims keep any channel from being swept twice.
const sweeps = sweepServiceFromEnv(env, { live, store, logger });
// Planned before the login, so a window opening meanwhile is swept by its timer or the catch-up at ready.
sweeps.start();
// Each shard is a bot of its own, with its own inspection threads: warm them beside the login.
void warmUpInspection(live.config, logger);
const bot = await startDiscordBot(discordBotOptions({ ...env, discordToken: env.discordToken ?? '' }, { live, store, logger, sweeps }));
const reminders = await startReminders({ live, store, logger, sinks: [bot.reminderSink] });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  reminders.stop();
  await sweeps.close();
  await bot.stop();
  live.close();
  await store.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
// The manager going away (it kills its children on exit, or the IPC channel closes) ends the shard.
process.once('disconnect', () => void stop());
