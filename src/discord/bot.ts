/**
 * The Discord bot: logs in (REST base and gateway from the environment's choices), moderates new
 * and edited messages, answers `/blackout`, and offers a reminder sink to the scheduler. Errors of
 * the gateway or the API are logged and survived; `stop()` lets work in progress finish.
 */
import { EventEmitter, once } from 'node:events';
import { Events, type Client } from 'discord.js';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { createDiscordClient } from './client.ts';
import { registerInteractions } from './interactions.ts';
import { inviteUrl } from './invite.ts';
import { registerMessageEvents, type MessageHandled } from './messageEvents.ts';
import { discordReminderSink, type DiscordReminderSink } from './reminderSink.ts';

export interface DiscordBotOptions {
  token: string;
  /** REST base replacing https://discord.com/api (`DISCORD_API_URL`). */
  apiUrl?: string;
  live: LiveConfig;
  store: Store;
  logger: Logger;
  /** Key of the keyed text hash kept in incidents. */
  hashKey?: string;
  /** Ask for Moderate Members in the invite (`DISCORD_TIMEOUTS`). */
  timeouts?: boolean;
  /** Global REST rate (default Discord's 50 requests/s); only for bots Discord granted more. */
  globalRequestsPerSecond?: number;
  /** How long to wait for the gateway's READY (default 60 s). */
  readyTimeoutMs?: number;
}

export type { MessageHandled } from './messageEvents.ts';

export interface DiscordBot {
  client: Client<true>;
  /** `handled`: what became of each message event (ids and outcomes only). */
  events: EventEmitter<{ handled: [MessageHandled] }>;
  /** Posts the scheduler's reminders to the configured Discord channels. */
  reminderSink: DiscordReminderSink;
  /** The invite link logged at start. */
  inviteUrl: string;
  /** Waits for messages being moderated, then disconnects. */
  stop(): Promise<void>;
}

/** How long `stop()` waits for moderation in progress. */
const DRAIN_MS = 10_000;

/** Logs in and resolves once the gateway is ready. Rejects (after cleaning up) if login fails. */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const logger = options.logger.child({ platform: 'discord' });
  const client = createDiscordClient({
    ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }),
    ...(options.globalRequestsPerSecond !== undefined && { globalRequestsPerSecond: options.globalRequestsPerSecond }),
  });
  const events = new EventEmitter<{ handled: [MessageHandled] }>();
  events.setMaxListeners(0);
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway session resumed'));
  client.on(Events.ShardError, (err, shard) => logger.warn({ err, shard }, 'gateway error'));
  client.rest.on('rateLimited', (info) =>
    logger.info({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'discord rate limit: waiting'),
  );

  const report = (event: MessageHandled) => events.emit('handled', event);
  const deps = { live: options.live, store: options.store, logger, track, report, ...(options.hashKey !== undefined && { hashKey: options.hashKey }) };
  registerMessageEvents(client, deps);
  registerInteractions(client, deps);

  const readyTimeout = AbortSignal.timeout(options.readyTimeoutMs ?? 60_000);
  const ready = once(client, Events.ClientReady, { signal: readyTimeout });
  ready.catch(() => undefined);
  try {
    await client.login(options.token);
    await ready;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    throw readyTimeout.aborted ? new Error('the Discord gateway did not become ready in time') : err;
  }
  if (!client.isReady()) throw new Error('the Discord client is not ready after login');

  const invite = inviteUrl(client.application.id, { timeouts: options.timeouts === true });
  logger.info(
    { user: client.user.id, guilds: client.guilds.cache.size, shards: client.ws.shards.map((s) => s.id), invite },
    `Discord bot ready. Invite it with: ${invite}`,
  );

  let stopping: Promise<void> | undefined;
  return {
    client,
    events,
    reminderSink: discordReminderSink(client.rest),
    inviteUrl: invite,
    stop() {
      stopping ??= (async () => {
        client.removeAllListeners(Events.MessageCreate);
        client.removeAllListeners(Events.MessageUpdate);
        client.removeAllListeners(Events.InteractionCreate);
        await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, DRAIN_MS).unref())]);
        await client.destroy();
        logger.info('Discord bot stopped');
      })();
      return stopping;
    },
  };
}
