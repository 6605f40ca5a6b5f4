/**
 * The Discord side of the sweep's channel history (src/platform/history.ts): a guild's text and
 * announcement channels, active threads and recently archived ones, forum posts, each read with
 * `GET /channels/{id}/messages?after=` 100 at a time, oldest first. discord.js's REST manager
 * keeps to the per-route buckets and the global limit; every request of a sweep goes through the
 * live-priority gate (./livePriority.ts), so that live moderation's never wait on the global limit.
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 * @see https://discord.com/developers/docs/resources/guild#list-active-guild-threads
 * @see https://discord.com/developers/docs/resources/channel#list-public-archived-threads
 */
import { ChannelType, PermissionFlagsBits, Routes, SnowflakeUtil, type Client, type Guild, type GuildTextBasedChannel, type Message } from 'discord.js';
import type { Config, Language, Warning } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import type { ChannelHistory, HistoryChannel, HistoryPage, IncomingMessage } from '../platform/index.ts';
import { noticePayload } from './embeds.ts';
import { toIncomingMessage } from './messageInput.ts';
import { livePriority } from './livePriority.ts';
import { discordActions } from './ports.ts';
import { messageLink } from './webOrigin.ts';

/** Messages per history page (Discord's maximum). */
const PAGE = 100;

/** History pages whose messages are kept for deletion (more than a sweep has open at once). */
const RECENT_PAGES = 32;

const SWEPT_TYPES = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const THREAD_TYPES = new Set([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

export interface DiscordHistoryDeps {
  client: Client<true>;
  guild: Guild;
  /** The configuration in force (read at each page). */
  config: () => Config;
  logger: Logger;
  webOrigin: string;
  /** Archived threads are swept when archived at most this long ago. */
  archivedWithinMs: number;
}

/** The channel history of one guild. */
export function discordHistory(deps: DiscordHistoryDeps): ChannelHistory {
  const { client, guild } = deps;
  const settings = () => deps.config().discord;
  const language = (): Language => settings().language ?? deps.config().language;
  // The messages of the last pages read (the sweep reads the next page while it handles one), so
  // that a deletion acts on the fetched message.
  const recentPages: Map<string, Message<true>>[] = [];
  // Every request of a sweep waits for its turn behind live moderation's; a shard process's
  // sweeps keep to its shards' share of the bot's global limit.
  const gate = livePriority(client.rest, { share: client.shard ? client.shard.ids.length / client.shard.count : 1 });
  return {
    platform: 'discord',
    workspaceId: guild.id,
    get alertChannel() {
      return settings().alertChannel;
    },
    get language() {
      return language();
    },

    async channels(): Promise<HistoryChannel[]> {
      const channels = await gate.run(() => guild.channels.fetch());
      const out: HistoryChannel[] = [];
      const parents: { id: string; fetchArchived: () => Promise<unknown> }[] = [];
      for (const channel of channels.values()) {
        if (!channel || !readable(client, channel)) continue;
        if (SWEPT_TYPES.has(channel.type)) out.push({ id: channel.id, label: `<#${channel.id}>` });
        if ('threads' in channel && (SWEPT_TYPES.has(channel.type) || channel.type === ChannelType.GuildForum)) {
          parents.push({ id: channel.id, fetchArchived: () => gate.run(() => channel.threads.fetchArchived({ type: 'public', fetchAll: false })) });
        }
      }
      const seen = new Set(out.map((c) => c.id));
      const add = (thread: { id: string; parentId: string | null; type: ChannelType }) => {
        if (seen.has(thread.id) || !THREAD_TYPES.has(thread.type)) return;
        seen.add(thread.id);
        out.push({ id: thread.id, ...(thread.parentId !== null && { parentId: thread.parentId }), label: `<#${thread.id}>` });
      };
      const active = await gate.run(() => guild.channels.fetchActiveThreads());
      for (const thread of active.threads.values()) add(thread);
      const since = Date.now() - deps.archivedWithinMs;
      for (const parent of parents) {
        try {
          const archived = (await parent.fetchArchived()) as { threads: Map<string, { id: string; parentId: string | null; type: ChannelType; archiveTimestamp: number | null }> };
          for (const thread of archived.threads.values()) if ((thread.archiveTimestamp ?? 0) >= since) add(thread);
        } catch (err) {
          deps.logger.info({ channel: parent.id, err }, 'archived threads not listed (no access)');
        }
      }
      return out;
    },

    async page(channel, sinceMs, cursor): Promise<HistoryPage> {
      const after = cursor ?? SnowflakeUtil.generate({ timestamp: Math.max(sinceMs - 1, 1_420_070_400_000) }).toString();
      const target = (client.channels.cache.get(channel.id) ?? (await gate.run(() => client.channels.fetch(channel.id)))) as GuildTextBasedChannel | null;
      if (!target || !('messages' in target)) return { messages: [] };
      const fetched = await gate.run(() => target.messages.fetch({ after, limit: PAGE, cache: false }));
      const ordered = [...fetched.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      const messages: IncomingMessage[] = [];
      const fetchedMessages = new Map<string, Message<true>>();
      recentPages.push(fetchedMessages);
      // The sweep reads ahead and acts on the messages of several pages at once (src/sweep/sweep.ts):
      // those it acts on are among the last pages read.
      if (recentPages.length > RECENT_PAGES) recentPages.shift();
      for (const m of ordered) {
        if (m.author.bot || m.system || m.author.id === client.user.id) continue;
        fetchedMessages.set(m.id, m as Message<true>);
        messages.push(await toIncomingMessage(m as Message<true>, { config: deps.config(), logger: deps.logger, edited: false }));
      }
      const last = ordered[ordered.length - 1];
      return { messages, ...(fetched.size === PAGE && last && { next: last.id }) };
    },

    async deleteMessage(message) {
      let fetched = recentPages.map((p) => p.get(message.messageId)).find((m) => m !== undefined);
      if (!fetched) {
        // Read longer ago than the pages kept: fetched again.
        const target = client.channels.cache.get(message.channelId) as GuildTextBasedChannel | undefined;
        if (!target || !('messages' in target)) throw new Error('channel of a swept message not found');
        fetched = (await gate.run(() => target.messages.fetch({ message: message.messageId, cache: false }))) as Message<true>;
      }
      // The live path's deletion (permission check, "not possible" answers recorded as skipped).
      await gate.run(() => discordActions(client, fetched, language(), deps.webOrigin).delete());
    },

    async notice(channelId: string, notice: Warning) {
      // The warning's embed with nobody mentioned: old messages' authors are not pinged.
      const body = noticePayload(notice, language());
      await gate.run(() => client.rest.post(Routes.channelMessages(channelId), { body }));
    },

    async digest(alertChannel, digest) {
      await gate.run(() =>
        client.rest.post(Routes.channelMessages(alertChannel), {
          body: { embeds: [{ title: digest.title, description: digest.body.slice(0, 4096), color: 0xe67e22 }], allowed_mentions: { parse: [] } },
        }),
      );
    },

    link: (message) => messageLink(deps.webOrigin, message.workspaceId, message.channelId, message.messageId),
  };
}

/** Whether the bot may read the channel's history. */
function readable(client: Client<true>, channel: { permissionsFor?: (user: string) => { has: (p: bigint) => boolean } | null }): boolean {
  const permissions = channel.permissionsFor?.(client.user.id);
  return permissions?.has(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory) ?? false;
}
