/**
 * `blackout-guard start` (`npm start`): runs the Discord bot when DISCORD_TOKEN is set and the
 * Slack app when SLACK_BOT_TOKEN is set (both in one process when both are), on one store and one
 * configuration in force, with the scheduled reminders; stops cleanly on SIGTERM or SIGINT.
 * The command resolves once the bots have stopped; a start that fails is exit 5.
 */
import type { Command } from 'commander';
import { readEnv } from '../runtimeConfig/env.ts';
import { createLogger, logFormat, type Logger } from '../log/logger.ts';
import type { ReminderSink } from '../scheduler/index.ts';
import { configOption, loadConfigOption } from './configOption.ts';
import { CliError, EXIT, usageError, withExitCode, type ExitCode } from './exitCodes.ts';
import { renderStartSummary, startSummary, type ConnectedPlatform } from './startSummary.ts';

const NO_CREDENTIALS = `no platform credentials; nothing to start.
  Discord: set DISCORD_TOKEN (see docs/discord.md).
  Slack:   set SLACK_BOT_TOKEN, plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) (see docs/slack.md).
  Variables can go in a .env file (see .env.example).
The offline tools need none: blackout-guard check "…", blackout-guard scan EXPORT, blackout-guard report.`;

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the Discord bot and/or the Slack app (from DISCORD_TOKEN / SLACK_BOT_TOKEN) until SIGTERM or Ctrl+C')
    .addOption(configOption())
    .addHelpText(
      'after',
      `
Logs go to stderr: lines for people on a terminal, JSON otherwise or with LOG_FORMAT=json.
Exit codes: 0 stopped by a signal, 2 missing credentials or a broken configuration, 5 could not start.

Example:
  $ DISCORD_TOKEN=… npm start`,
    )
    .action(withExitCode((options: { config?: string }) => start(options.config)));
}

/** Starts everything, then waits for a signal; resolves to the exit code once all is stopped. */
async function start(configFile: string | undefined): Promise<ExitCode> {
  const env = readEnv();
  if (!env.discordToken && !env.slackBotToken) throw usageError(NO_CREDENTIALS);
  const shards = env.discordShards;
  if (shards !== undefined && shards !== 'auto' && !(Number.isInteger(shards) && shards >= 1)) {
    throw usageError('DISCORD_SHARDS must be a whole number of shards (1 or more) or "auto".');
  }
  if (env.slackBotToken && !env.slackAppToken && !env.slackSigningSecret) {
    throw usageError('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is.');
  }
  const loaded = await loadConfigOption(configFile);
  const format = logFormat();
  const logger = createLogger({ format, ...(env.logLevel !== undefined && { level: env.logLevel }) });
  // Loaded here rather than at the top so that the offline commands do not pay for them.
  const { openLiveConfig } = await import('../runtimeConfig/attachStore.ts');
  const { startReminders } = await import('../scheduler/index.ts');
  const { startDiscordBot } = await import('../discord/bot.ts');
  const { startShardingManager, stopShardingManager } = await import('../discord/sharding.ts');
  const { discordBotOptions } = await import('../discord/optionsFromEnv.ts');
  const { startSlackApp } = await import('../slack/app.ts');
  const { sweepServiceFromEnv } = await import('../sweep/service.ts');

  let opened: Awaited<ReturnType<typeof openLiveConfig>>;
  try {
    opened = await openLiveConfig(loaded, env, logger);
  } catch (err) {
    logger.fatal({ err }, 'could not open the store');
    throw new CliError(`could not start: ${(err as Error).message}`, EXIT.startFailed);
  }
  const { store, live } = opened;
  logger.info(
    { config: loaded.file, windows: live.engine.windows.length, rules: live.engine.ruleCount, store: env.databaseUrl ? 'postgresql' : 'sqlite' },
    'configuration loaded',
  );

  // Attachment inspection's threads and OCR models load beside the logins, never delaying them
  // (logged when ready); only when this process moderates (Slack, or Discord without shards: shard
  // processes are bots of their own).
  if (env.slackBotToken || (env.discordToken && shards === undefined)) {
    const { warmUpInspection } = await import('../inspect/warmUp.ts');
    void warmUpInspection(live.config, logger);
  }

  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async (): Promise<void> => {
    for (const s of stops.reverse()) {
      try {
        await s();
      } catch (err) {
        logger.warn({ err }, 'error while stopping');
      }
    }
    live.close();
    await store.close().catch((err: unknown) => logger.warn({ err }, 'error while closing the store'));
  };
  // A signal during start-up stops what has started once start-up is over.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });

  // One sweep service for both platforms: sweeps run one after another, off the live path.
  const sweeps = sweepServiceFromEnv(env, { live, store, logger });
  stops.push(() => sweeps.close());
  // Planned before any platform connects: a window opening while a platform logs in is then
  // swept by its timer or by the platform's catch-up at ready, never by neither (the store's
  // claims keep the two from acting twice).
  sweeps.start();
  const sinks: ReminderSink[] = [];
  const platforms: ConnectedPlatform[] = [];
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
      platforms.push({ platform: 'discord', detail: `${manager.totalShards} shard processes (each logs its invite link)` });
    } else if (env.discordToken) {
      const bot = await startDiscordBot(discordBotOptions({ ...env, discordToken: env.discordToken }, { live, store, logger, sweeps }));
      stops.push(() => bot.stop());
      sinks.push(bot.reminderSink);
      const servers = bot.client.guilds.cache.size;
      platforms.push({ platform: 'discord', detail: `as ${bot.client.user.tag} in ${servers} server${servers === 1 ? '' : 's'}`, invite: bot.inviteUrl });
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
        sweeps,
      });
      stops.push(() => app.stop());
      sinks.push(app.reminderSink);
      platforms.push({ platform: 'slack', detail: env.slackAppToken ? 'over Socket Mode' : `over HTTP on port ${app.port} (/slack/events)` });
    }
    const reminders = await startReminders({ live, store, logger, sinks });
    stops.push(() => reminders.stop());
  } catch (err) {
    logger.fatal({ err }, 'could not start');
    await stopAll();
    throw new CliError(`could not start: ${(err as Error).message}`, EXIT.startFailed);
  }

  announce(logger, format, startSummary(platforms, live.engine.windows, live.config, Date.now()));
  const signal = await signalled;
  logger.info({ signal }, 'stopping');
  await stopAll();
  return EXIT.ok;
}

/** People get the summary as text on stderr; machines get it as one log line. */
function announce(logger: Logger, format: 'json' | 'pretty', summary: ReturnType<typeof startSummary>): void {
  if (format === 'pretty') {
    if (logger.isLevelEnabled('info')) process.stderr.write(`\n${renderStartSummary(summary)}\n`);
    return;
  }
  logger.info(summary, 'blackout-guard is running');
}
