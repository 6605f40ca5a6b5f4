/**
 * A Discord connection for sweeping only (`blackout-guard sweep`): logs in, lists the guilds, and
 * gives one channel history per guild. It moderates no live message.
 */
import { Events, type Client } from 'discord.js';
import type { Config } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import type { ChannelHistory } from '../platform/index.ts';
import { abortable } from '../util/timeout.ts';
import { createDiscordClient } from './client.ts';
import { discordHistory } from './history.ts';
import { discordWebOrigin } from './webOrigin.ts';

export interface DiscordHistoryConnection {
  sources: ChannelHistory[];
  close(): Promise<void>;
}

export async function connectDiscordHistory(options: {
  token: string;
  apiUrl?: string;
  webUrl?: string;
  config: () => Config;
  logger: Logger;
  readyTimeoutMs?: number;
}): Promise<DiscordHistoryConnection> {
  const client = createDiscordClient({ ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }) });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    // login() settles only once the gateway is ready (or refuses the token): bound both.
    await abortable(Promise.all([client.login(options.token), ready]), AbortSignal.timeout(options.readyTimeoutMs ?? 60_000), 'the Discord gateway did not become ready in time');
  } catch (err) {
    await client.destroy();
    throw err;
  }
  const webOrigin = discordWebOrigin({ ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }), ...(options.webUrl !== undefined && { webUrl: options.webUrl }) });
  const logger = options.logger.child({ platform: 'discord' });
  const sources = [...client.guilds.cache.values()].map((guild) =>
    discordHistory({ client: client as Client<true>, guild, config: options.config, logger, webOrigin, archivedWithinMs: options.config().sweep.lookback }),
  );
  return { sources, close: () => client.destroy() };
}
