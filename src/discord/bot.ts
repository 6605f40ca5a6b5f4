/**
 * The Discord bot: logs in (REST base and gateway from the environment's choices), moderates new
 * and edited messages, answers `/blackout`, and offers a reminder sink to the scheduler. Errors of
 * the gateway or the API are logged and survived; `stop()` lets work in progress finish.
 */
import { EventEmitter, once } from 'node:events';
import { Events, GatewayCloseCodes, type Client, type Guild } from 'discord.js';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import type { PlatformAdapter } from '../platform/index.ts';
import type { Store } from '../store/store.ts';
import type { SweepService } from '../sweep/service.ts';
import { InFlight } from '../util/inFlight.ts';
import { abortable, TimeoutError } from '../util/timeout.ts';
import { createDiscordClient } from './client.ts';
import { registerInteractions } from './interactions.ts';
import { inviteUrl } from './invite.ts';
import { registerMessageEvents, type MessageHandled } from './messageEvents.ts';
import { discordReminderSink, type DiscordReminderSink } from './reminderSink.ts';
import { discordHistory } from './history.ts';
import { discordWebOrigin } from './webOrigin.ts';

export interface DiscordBotOptions {
  token: string;
  /** REST base replacing https://discord.com/api (`DISCORD_API_URL`). */
  apiUrl?: string;
  live: LiveConfig;
  store: Store;
  logger: Logger;
  /** Key of the keyed text hash kept in incidents. */
  hashKey?: string;
  /** Web origin of message links in alerts (`DISCORD_WEB_URL`); else derived from `apiUrl`, else https://discord.com. */
  webUrl?: string;
  /** Global REST rate (default Discord's 50 requests/s); only for bots Discord granted more. */
  globalRequestsPerSecond?: number;
  /** How long to wait for the gateway's READY (default 60 s). */
  readyTimeoutMs?: number;
  /**
   * Sweeps of what was already posted: each guild's history is handed to it (with a catch-up
   * sweep at start and after a gateway session that could not resume), `/blackout sweep` runs it.
   */
  sweeps?: SweepService;
}

export type { MessageHandled } from './messageEvents.ts';

export interface DiscordBot extends PlatformAdapter {
  readonly platform: 'discord';
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
  const inFlight = new InFlight();
  const track = <T>(work: Promise<T>): Promise<T> => inFlight.track(work);

  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, ...closeCode(event.code) }, 'gateway disconnected'));
  // discord.js tells why the gateway closed a connection only in its debug lines: an admin must
  // see the code (e.g. 4004 authentication failed, 4014 disallowed intents) without debug logs.
  client.on(Events.Debug, (line) => {
    const closed = /Destroying shard[\s\S]*?Reason: (.*)\n[\s\S]*?Code: (\d+)/.exec(line);
    if (closed && closed[2] !== '1000' && closed[2] !== '4200') {
      logger.warn({ ...closeCode(Number(closed[2])), detail: closed[1]?.trim() }, 'gateway connection closed');
    }
  });
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway session resumed'));
  client.on(Events.ShardError, (err, shard) => logger.warn({ err, shard }, 'gateway error'));
  client.rest.on('rateLimited', (info) =>
    logger.info({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'discord rate limit: waiting'),
  );

  const report = (event: MessageHandled) => events.emit('handled', event);
  const webOrigin = discordWebOrigin(options);
  const deps = {
    live: options.live,
    store: options.store,
    logger,
    track,
    report,
    webOrigin,
    ...(options.hashKey !== undefined && { hashKey: options.hashKey }),
    ...(options.sweeps && { sweeps: options.sweeps }),
  };
  registerMessageEvents(client, deps);
  registerInteractions(client, deps);

  // Ready means READY received. A gateway that keeps refusing the connection would keep login()
  // and READY waiting forever (discord.js reconnects without end): the time limit ends both.
  const readyMs = options.readyTimeoutMs ?? 60_000;
  const timeout = AbortSignal.timeout(readyMs);
  const ready = once(client, Events.ClientReady, { signal: timeout });
  ready.catch(() => undefined);
  try {
    await abortable(
      client.login(options.token).then(() => ready),
      timeout,
      `the Discord gateway did not become ready within ${Math.round(readyMs / 1000)} s (the "gateway connection closed" lines say why)`,
    );
  } catch (err) {
    await client.destroy().catch(() => undefined);
    if (err instanceof TimeoutError) throw err;
    if (timeout.aborted) throw new TimeoutError(`the Discord gateway did not become ready within ${Math.round(readyMs / 1000)} s`, { cause: err });
    throw new Error(`Discord refused the login: ${(err as Error).message}`, { cause: err });
  }
  if (!client.isReady()) throw new Error('the Discord client is not ready after login');

  if (options.sweeps) followGuildsForSweeps(client as Client<true>, options.sweeps, options.live, logger, webOrigin);

  const invite = inviteUrl(client.application.id, { config: options.live.config, origin: webOrigin });
  logger.info(
    { user: client.user.id, guilds: client.guilds.cache.size, shards: client.ws.shards.map((s) => s.id), invite },
    `Discord bot ready. Invite it with: ${invite}`,
  );

  let stopping: Promise<void> | undefined;
  return {
    platform: 'discord',
    client,
    events,
    reminderSink: discordReminderSink(client.rest),
    inviteUrl: invite,
    stop() {
      stopping ??= (async () => {
        client.removeAllListeners(Events.MessageCreate);
        client.removeAllListeners(Events.MessageUpdate);
        client.removeAllListeners(Events.InteractionCreate);
        await inFlight.drain(DRAIN_MS);
        await client.destroy();
        logger.info('Discord bot stopped');
      })();
      return stopping;
    },
  };
}

/**
 * Hands every guild's history to the sweeps: at start (catching up on what was posted while the
 * bot was down), when a guild becomes available later, and again after a gateway session that
 * could not resume (a new READY: events of the gap were never delivered).
 */
function followGuildsForSweeps(client: Client<true>, sweeps: SweepService, live: LiveConfig, logger: Logger, webOrigin: string): void {
  const source = (guild: Guild) =>
    discordHistory({ client, guild, config: () => live.config, logger, webOrigin, archivedWithinMs: live.config.sweep.lookback });
  for (const guild of client.guilds.cache.values()) sweeps.addSource(source(guild), { catchUp: true });
  client.on(Events.GuildCreate, (guild) => sweeps.addSource(source(guild), { catchUp: true }));
  client.on(Events.GuildDelete, (guild) => sweeps.removeSource('discord', guild.id));
  client.on(Events.ShardReady, (shard) => {
    logger.info({ shard }, 'new gateway session: catching up on what was posted meanwhile');
    for (const guild of client.guilds.cache.values()) if (guild.shardId === shard) sweeps.addSource(source(guild), { catchUp: true });
  });
}

/** A gateway close code with its name (`4004` → `AuthenticationFailed`). */
function closeCode(code: number): { code: number; reason?: string } {
  const name = (GatewayCloseCodes as Record<number, string | undefined>)[code];
  return name === undefined ? { code } : { code, reason: name };
}
