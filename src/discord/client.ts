/** The discord.js client blackout-guard runs: the intents and partials it needs, and nothing more. */
import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

export interface ClientOptions {
  /** REST base replacing https://discord.com/api (e.g. a stand-in's `http://127.0.0.1:PORT/api`). */
  apiUrl?: string;
  /**
   * Requests per second allowed across all routes (discord.js's default is Discord's 50; some
   * large bots are granted more by Discord).
   */
  globalRequestsPerSecond?: number;
}

/**
 * A client with the Guilds, GuildMessages and MessageContent intents (the last is privileged: it
 * must be turned on in the developer portal). Message partials let edits of uncached messages
 * through. Under a `ShardingManager`, discord.js reads the shard ids from the environment.
 */
export function createDiscordClient(options: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    partials: [Partials.Message, Partials.Channel],
    // Nobody is ever pinged unless a payload names them.
    allowedMentions: { parse: [] },
    // Moderation needs recent messages only (to compare an edit with the original).
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 100 }),
    rest: {
      ...(options.apiUrl !== undefined && { api: options.apiUrl }),
      ...(options.globalRequestsPerSecond !== undefined && { globalRequestsPerSecond: options.globalRequestsPerSecond }),
    },
  });
}
