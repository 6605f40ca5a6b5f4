/** Where scheduled reminders go: each platform adapter gives the scheduler one sink. */
import type { Config } from '../core/index.ts';
import type { PlatformName } from './platform.ts';

export interface ReminderSink {
  platform: PlatformName;
  /** Channel ids that receive reminders (`discord.reminderChannels` / `slack.reminderChannels`). */
  channels(config: Config): string[];
  /** Language of this platform's reminders (`discord.language`/`slack.language`, else `language`). */
  language(config: Config): 'fr' | 'en';
  /** Posts one reminder; rejects when the post failed (the scheduler retries). */
  post(channelId: string, text: string): Promise<void>;
}
