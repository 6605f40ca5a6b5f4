/** The Discord bot's options as `blackout-guard start` and every shard process read them. */
import type { Env } from '../runtimeConfig/env.ts';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import type { SweepService } from '../sweep/service.ts';
import type { DiscordBotOptions } from './bot.ts';

export function discordBotOptions(
  env: Pick<Env, 'discordToken' | 'discordApiUrl' | 'discordWebUrl' | 'discordReadyTimeoutMs' | 'hashKey'> & { discordToken: string },
  runtime: { live: LiveConfig; store: Store; logger: Logger; sweeps?: SweepService },
): DiscordBotOptions {
  return {
    token: env.discordToken,
    ...(env.discordApiUrl !== undefined && { apiUrl: env.discordApiUrl }),
    ...runtime,
    ...(env.hashKey !== undefined && { hashKey: env.hashKey }),
    ...(env.discordWebUrl !== undefined && { webUrl: env.discordWebUrl }),
    ...(env.discordReadyTimeoutMs !== undefined && { readyTimeoutMs: env.discordReadyTimeoutMs }),
  };
}
