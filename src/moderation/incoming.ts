/** A chat message as both platform adapters hand it to moderation. */
import type { Attachment } from '../core/index.ts';
import type { Platform } from '../store/store.ts';

export interface IncomingMessage {
  platform: Exclude<Platform, 'cli'>;
  /** Discord guild id or Slack team id. */
  workspaceId: string;
  channelId: string;
  /** Parent channel of a thread or forum post. */
  parentChannelId?: string;
  messageId: string;
  authorId: string;
  /** Discord role ids of the author. */
  roleIds?: string[];
  text: string;
  /** Attachments with their SHA-256 when they could be read. */
  attachments: Attachment[];
  /** When posted or edited, epoch ms. */
  atMs: number;
  edited?: boolean;
}
