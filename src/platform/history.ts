/**
 * What a platform gives the sweep (src/sweep/): the watched channels of one workspace, their
 * history page by page, and the few things a sweep does there. Discord: `src/discord/history.ts`;
 * Slack: `src/slack/history.ts`.
 */
import type { Language, Warning } from '../core/index.ts';
import type { IncomingMessage } from './message.ts';
import type { PlatformName } from './platform.ts';

/** A channel (or thread, or forum post) whose history can be swept. */
export interface HistoryChannel {
  id: string;
  /** The parent channel of a thread or forum post (exemptions and overrides follow it). */
  parentId?: string;
  /** How people see it in a digest (`<#123>`, `#general`). */
  label: string;
}

/** One page of history, oldest message first, and where the next page starts (none at the end). */
export interface HistoryPage {
  messages: IncomingMessage[];
  next?: string;
}

export interface ChannelHistory {
  platform: PlatformName;
  /** Discord guild id or Slack team id. */
  workspaceId: string;
  /** Moderators' channel and language of this platform. */
  alertChannel?: string;
  language?: Language;
  /** Channels, active threads and recently archived ones that the bot can read. */
  channels(): Promise<HistoryChannel[]>;
  /**
   * Messages posted in the channel at or after `sinceMs`, oldest first, from `cursor` (a value a
   * previous page returned as `next`) or from the start. Attachments are hashed as for live
   * messages. Rate limits are the platform client's business: a page may take its time.
   */
  page(channel: HistoryChannel, sinceMs: number, cursor: string | undefined): Promise<HistoryPage>;
  /** Deletes a message; throws `ActionSkipped` when not allowed. */
  deleteMessage(message: IncomingMessage): Promise<void>;
  /** Posts the channel's notice (no one is mentioned). */
  notice(channelId: string, notice: Warning): Promise<void>;
  /** Posts the moderators' digest of a sweep. */
  digest(alertChannel: string, digest: { title: string; body: string }): Promise<void>;
  /** A link to a message for moderators. */
  link(message: IncomingMessage): string;
}
