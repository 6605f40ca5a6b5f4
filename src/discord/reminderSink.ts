/**
 * Where the scheduler's reminders go on Discord: the configured reminder channels, in the
 * configured language, posted through REST so that any shard (or instance) can post them.
 */
import { Routes, type REST } from 'discord.js';
import type { ReminderSink } from '../platform/index.ts';

/** The scheduler's sink, on Discord. */
export interface DiscordReminderSink extends ReminderSink {
  platform: 'discord';
}

/** The Discord sink, posting with the bot's REST client. */
export function discordReminderSink(rest: REST): DiscordReminderSink {
  return {
    platform: 'discord',
    channels: (config) => config.discord.reminderChannels,
    language: (config) => config.discord.language ?? config.language,
    async post(channelId, text) {
      // Reminders name no one: nobody is pinged, whatever the text holds.
      await rest.post(Routes.channelMessages(channelId), { body: { content: text.slice(0, 2000), allowed_mentions: { parse: [] } } });
    },
  };
}
