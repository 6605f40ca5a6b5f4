/**
 * `blackout-guard sweep`: sweeps what was already posted, now, from the command line, with the
 * platforms' credentials from the environment (as `start`), then exits. The same sweep as
 * `/blackout sweep`: claimed in the store (a running bot does not sweep the same channels
 * twice), policy.sweep inside a window, one notice per channel, one digest.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseDuration } from '../core/index.ts';
import { createLogger } from '../log/logger.ts';
import type { ChannelHistory, HistoryChannel } from '../platform/index.ts';
import type { SweepProgress } from '../store/store.ts';
import { readEnv } from '../runtimeConfig/env.ts';
import { configOption, loadConfigOption } from './configOption.ts';
import { CliError, EXIT, usageError, withExitCode, type ExitCode } from './exitCodes.ts';

interface SweepOptions {
  config?: string;
  platform: string;
  channel?: string;
  since?: string;
  json?: boolean;
}

export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description('sweep what was already posted on Discord and/or Slack (credentials from the environment, as start)')
    .addOption(configOption())
    .option('--platform <name>', 'discord, slack or all', 'all')
    .option('--channel <id>', 'only this channel (and its threads)')
    .option('--since <duration>', 'how far back, e.g. 6h or 2d (default: sweep.lookback)')
    .option('--json', 'print the result as one JSON object per workspace')
    .addHelpText('after', `
Exit codes: 0 done, 2 usage or configuration error (or no credentials), 5 a platform could not be reached.

Example:
  $ DISCORD_TOKEN=… blackout-guard sweep --since 12h --channel 123456789012345678`)
    .action(withExitCode((options: SweepOptions) => sweep(options)));
}

async function sweep(options: SweepOptions): Promise<ExitCode> {
  const env = readEnv();
  if (!['all', 'discord', 'slack'].includes(options.platform)) throw usageError(`--platform must be discord, slack or all (got "${options.platform}")`);
  const wantDiscord = options.platform !== 'slack' && env.discordToken !== undefined;
  const wantSlack = options.platform !== 'discord' && env.slackBotToken !== undefined;
  if (!wantDiscord && !wantSlack) throw usageError('no platform credentials: set DISCORD_TOKEN and/or SLACK_BOT_TOKEN (see .env.example)');
  const back = options.since === undefined ? undefined : parseDuration(options.since);
  if (options.since !== undefined && back === undefined) throw usageError(`--since "${options.since}" is not a duration such as 6h or 2d`);
  const loaded = await loadConfigOption(options.config);
  const logger = createLogger({ ...(env.logLevel !== undefined && { level: env.logLevel }) });
  const { openLiveConfig } = await import('../runtimeConfig/attachStore.ts');
  const { sweepServiceFromEnv } = await import('../sweep/service.ts');
  const { store, live } = await openLiveConfig(loaded, env, logger);
  const bar = process.stderr.isTTY ? progressBar() : undefined;
  const sweeps = sweepServiceFromEnv(env, { live, store, logger, ...(bar && { onProgress: bar.update }) });
  const closers: (() => Promise<void>)[] = [];
  try {
    const sources: ChannelHistory[] = [];
    try {
      if (wantDiscord) {
        const { connectDiscordHistory } = await import('../discord/historyClient.ts');
        const connected = await connectDiscordHistory({ token: env.discordToken!, ...(env.discordApiUrl !== undefined && { apiUrl: env.discordApiUrl }), ...(env.discordWebUrl !== undefined && { webUrl: env.discordWebUrl }), config: () => live.config, logger });
        closers.push(connected.close);
        sources.push(...connected.sources);
      }
      if (wantSlack) {
        const { connectSlackHistory } = await import('../slack/historyClient.ts');
        sources.push(await connectSlackHistory({ botToken: env.slackBotToken!, ...(env.slackAdminUserToken !== undefined && { adminUserToken: env.slackAdminUserToken }), ...(env.slackApiUrl !== undefined && { apiUrl: env.slackApiUrl }), config: () => live.config, logger }));
      }
    } catch (err) {
      throw new CliError(`could not connect: ${(err as Error).message}`, EXIT.startFailed);
    }
    for (const source of sources) sweeps.addSource(source);
    const reports = await sweeps.onDemand({ ...(back !== undefined && { sinceMs: Date.now() - back }), ...(options.channel !== undefined && { channelId: options.channel }) });
    for (const report of reports) {
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else process.stdout.write(`${report.platform} ${report.workspaceId}: ${report.channels} channels swept, ${report.scanned} messages examined, ${report.found} sharing, ${report.removed} removed, ${report.leftUp} left up\n`);
    }
    return EXIT.ok;
  } finally {
    bar?.stop();
    await sweeps.close();
    for (const close of closers) await close().catch(() => undefined);
    live.close();
    await store.close();
  }
}

/**
 * A bar on the terminal: channels done so far (their number is known only as they come) and the
 * messages examined, found sharing and removed, after each page of history.
 */
function progressBar(): { update: (channel: HistoryChannel, progress: SweepProgress) => void; stop: () => void } {
  const bar = new SingleBar({
    format: 'sweeping {channel} | {scanned} messages examined, {found} sharing, {removed} removed | {channels} channels',
    stream: process.stderr,
    hideCursor: true,
  });
  const totals = new Map<string, SweepProgress>();
  let started = false;
  return {
    update(channel, progress) {
      totals.set(channel.id, { ...progress });
      const sum = (k: 'scanned' | 'found' | 'removed') => [...totals.values()].reduce((n, p) => n + p[k], 0);
      const values = { channel: channel.label, scanned: sum('scanned'), found: sum('found'), removed: sum('removed'), channels: totals.size };
      if (!started) {
        bar.start(0, 0, values);
        started = true;
      } else {
        bar.update(0, values);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
