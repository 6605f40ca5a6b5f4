/**
 * What the Discord stand-in serves: guilds with their roles, channels (text, a thread, a forum
 * and a forum post), the bot's member and a few people, as Discord's JSON payloads.
 */
import { PermissionFlagsBits } from 'discord.js';
import { guildIdForShard, snowflake } from './snowflake.ts';

export type Json = Record<string, unknown>;

/** Permissions of @everyone: what a member of an ordinary server may do. */
export const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

export interface GuildIds {
  guild: string;
  /** A text channel where members talk. */
  general: string;
  /** The moderators' channel (configure it as `discord.alertChannel`). */
  alerts: string;
  /** A text channel where the bot's role is denied Manage Messages. */
  noManage: string;
  /** A public thread of `general`. */
  thread: string;
  /** A forum channel and one of its posts (a thread whose parent is the forum). */
  forum: string;
  forumPost: string;
  roles: { everyone: string; bot: string; moderator: string; press: string };
  /** `reporter` has the press role. */
  users: { alice: string; bob: string; moderator: string; reporter: string };
}

export interface GuildFixture {
  ids: GuildIds;
  /** GUILD_CREATE payload (without the bot member, added per bot user). */
  guild: Json;
  channels: Map<string, Json>;
  /** Role ids of each member. */
  memberRoles: Map<string, string[]>;
  locale: string;
}

export interface GuildOptions {
  /** Whether the bot's role has Manage Messages (default true). */
  botCanManageMessages?: boolean;
  /** Put the guild on this shard of `shardCount` (default: any). */
  shard?: [id: number, count: number];
  name?: string;
  /** Preferred locale, e.g. `fr` or `en-US` (default `fr`). */
  locale?: string;
}

/** Builds a guild with the channels and roles tests need. */
export function buildGuild(options: GuildOptions = {}): GuildFixture {
  const guildId = options.shard ? guildIdForShard(options.shard[0], options.shard[1]) : snowflake();
  const roles = { everyone: guildId, bot: snowflake(), moderator: snowflake(), press: snowflake() };
  const users = { alice: snowflake(), bob: snowflake(), moderator: snowflake(), reporter: snowflake() };
  const ids: GuildIds = {
    guild: guildId,
    general: snowflake(),
    alerts: snowflake(),
    noManage: snowflake(),
    thread: snowflake(),
    forum: snowflake(),
    forumPost: snowflake(),
    roles,
    users,
  };
  const botPermissions = options.botCanManageMessages === false ? 0n : PermissionFlagsBits.ManageMessages;
  const role = (id: string, name: string, permissions: bigint, position: number): Json => ({
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0,
  });
  const text = (id: string, name: string, position: number, overwrites: Json[] = []): Json => ({
    id,
    type: 0,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: overwrites,
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  });
  const thread = (id: string, parent: string, name: string): Json => ({
    id,
    type: 11,
    guild_id: guildId,
    parent_id: parent,
    owner_id: users.alice,
    name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 1,
    member_count: 1,
    total_message_sent: 1,
    flags: 0,
    applied_tags: [],
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
      create_timestamp: new Date().toISOString(),
    },
  });
  const channels: Json[] = [
    text(ids.general, 'general', 0),
    text(ids.alerts, 'moderators', 1, [
      { id: roles.everyone, type: 0, allow: '0', deny: PermissionFlagsBits.ViewChannel.toString() },
      { id: roles.bot, type: 0, allow: PermissionFlagsBits.ViewChannel.toString(), deny: '0' },
    ]),
    text(ids.noManage, 'no-manage', 2, [
      { id: roles.bot, type: 0, allow: '0', deny: PermissionFlagsBits.ManageMessages.toString() },
    ]),
    {
      ...text(ids.forum, 'forum', 3),
      type: 15,
      available_tags: [],
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
      default_thread_rate_limit_per_user: 0,
    },
  ];
  const threads = [thread(ids.thread, ids.general, 'a thread'), thread(ids.forumPost, ids.forum, 'a forum post')];
  const locale = options.locale ?? 'fr';
  const guild: Json = {
    id: guildId,
    name: options.name ?? 'Newsroom',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: users.moderator,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      role(roles.everyone, '@everyone', EVERYONE_PERMISSIONS, 0),
      role(roles.bot, 'blackout-guard', botPermissions, 1),
      role(roles.moderator, 'moderators', PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages, 2),
      role(roles.press, 'press', 0n, 3),
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: locale,
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 4,
    voice_states: [],
    members: [],
    channels,
    threads,
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
  const memberRoles = new Map<string, string[]>([
    [users.alice, []],
    [users.bob, []],
    [users.moderator, [roles.moderator]],
    [users.reporter, [roles.press]],
  ]);
  return {
    ids,
    guild,
    channels: new Map([...channels, ...threads].map((c) => [c.id as string, c])),
    memberRoles,
    locale,
  };
}
