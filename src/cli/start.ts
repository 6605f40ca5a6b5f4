/**
 * `blackout-guard start` (`npm start`): runs the Discord bot when DISCORD_TOKEN is set and the
 * Slack app when SLACK_BOT_TOKEN is set (both in one process when both are), on one store and one
 * configuration in force, with the scheduled reminders; stops cleanly on SIGTERM or SIGINT.
 */
import type { Command } from 'commander';
import { readEnv } from '../runtimeConfig/env.ts';
import { createLogger } from '../log/logger.ts';
import type { ReminderSink } from '../scheduler/index.ts';
import { EXIT_USAGE, loadConfigOrExit } from './configOption.ts';

const NO_CREDENTIALS = `blackout-guard: no platform credentials; nothing to start.
  Discord: set DISCORD_TOKEN (see docs/discord.md).
  Slack:   set SLACK_BOT_TOKEN, plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) (see docs/slack.md).
  Variables can go in a .env file (see .env.example).
The offline tools need none: blackout-guard check "…", blackout-guard scan EXPORT, blackout-guard report.
`;

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the Discord bot and/or the Slack app (from DISCORD_TOKEN / SLACK_BOT_TOKEN)')
    .option('-c, --config <file>', 'configuration file (default: $BLACKOUT_CONFIG or config/blackout.yaml)')
    .action(async (options: { config?: string }) => {
      await start(options.config);
    });
}

async function start(configOption: string | undefined): Promise<void> {
  const env = readEnv();
  if (!env.discordToken && !env.slackBotToken) {
    process.stderr.write(NO_CREDENTIALS);
    process.exit(EXIT_USAGE);
  }
  const shards = env.discordShards;
  if (shards !== undefined && shards !== 'auto' && !(Number.isInteger(shards) && shards >= 1)) {
    process.stderr.write('blackout-guard: DISCORD_SHARDS must be a whole number of shards (1 or more) or "auto".\n');
    process.exit(EXIT_USAGE);
  }
  if (env.slackBotToken && !env.slackAppToken && !env.slackSigningSecret) {
    process.stderr.write('blackout-guard: SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is.\n');
    process.exit(EXIT_USAGE);
  }
  const logger = createLogger(env.logLevel !== undefined ? { level: env.logLevel } : {});
  // Loaded here rather than at the top so that the offline commands do not pay for them.
  const { openLiveConfig } = await import('../runtimeConfig/attachStore.ts');
  const { startReminders } = await import('../scheduler/index.ts');
  const { startDiscordBot } = await import('../discord/bot.ts');
  const { startShardingManager, stopShardingManager } = await import('../discord/sharding.ts');
  const { discordBotOptions } = await import('../discord/optionsFromEnv.ts');
  const { startSlackApp } = await import('../slack/app.ts');
  const loaded = await loadConfigOrExit(configOption);
  const { store, live } = await openLiveConfig(loaded, env, logger);
  logger.info(
    { config: loaded.file, windows: live.engine.windows.length, rules: live.engine.ruleCount, store: env.databaseUrl ? 'postgresql' : 'sqlite' },
    'configuration loaded',
  );

  const stops: Array<() => Promise<void> | void> = [];
  const sinks: ReminderSink[] = [];
  let stopping = false;
  const stop = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    for (const s of stops.reverse()) {
      try {
        await s();
      } catch (err) {
        logger.warn({ err }, 'error while stopping');
      }
    }
    live.close();
    await store.close().catch((err: unknown) => logger.warn({ err }, 'error while closing the store'));
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    if (env.discordToken && shards !== undefined) {
      // Each shard process is a whole Discord bot with its own reminders, on the same store.
      const manager = await startShardingManager({
        token: env.discordToken,
        ...(env.discordApiUrl !== undefined && { apiUrl: env.discordApiUrl }),
        totalShards: shards,
        env: { BLACKOUT_CONFIG: loaded.file },
      });
      logger.info({ platform: 'discord', shards: manager.totalShards }, 'Discord shards started');
      stops.push(() => stopShardingManager(manager));
    } else if (env.discordToken) {
      const bot = await startDiscordBot(discordBotOptions({ ...env, discordToken: env.discordToken }, { live, store, logger }));
      stops.push(() => bot.stop());
      sinks.push(bot.reminderSink);
    }
    if (env.slackBotToken) {
      const app = await startSlackApp({
        botToken: env.slackBotToken,
        ...(env.slackAppToken !== undefined && { appToken: env.slackAppToken }),
        ...(env.slackSigningSecret !== undefined && { signingSecret: env.slackSigningSecret }),
        port: env.port,
        ...(env.slackApiUrl !== undefined && { apiUrl: env.slackApiUrl }),
        ...(env.slackAdminUserToken !== undefined && { adminUserToken: env.slackAdminUserToken }),
        live,
        store,
        logger,
        ...(env.hashKey !== undefined && { hashKey: env.hashKey }),
      });
      stops.push(() => app.stop());
      sinks.push(app.reminderSink);
    }
    const reminders = await startReminders({ live, store, logger, sinks });
    stops.push(() => reminders.stop());
  } catch (err) {
    logger.fatal({ err }, 'could not start');
    await stop('start-up failure', 1);
  }
}
