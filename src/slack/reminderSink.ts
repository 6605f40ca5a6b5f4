/** The scheduler's Slack sink: reminders posted in Block Kit to `slack.reminderChannels`. */
import type { Config } from '../core/index.ts';
import type { ReminderSink } from '../platform/index.ts';
import { escapeMrkdwn, replyBlocks } from './blocks.ts';
import type { WebClient } from './client.ts';

/** A sink posting with `client` (the bot token). */
export function slackReminderSink(client: WebClient): ReminderSink {
  return {
    platform: 'slack',
    channels: (config: Config) => [...config.slack.reminderChannels],
    language: (config: Config) => config.slack.language ?? config.language,
    async post(channelId: string, text: string) {
      await client.chat.postMessage({
        channel: channelId,
        text: escapeMrkdwn(text),
        blocks: replyBlocks({ text }),
        unfurl_links: false,
        unfurl_media: false,
      });
    },
  };
}
