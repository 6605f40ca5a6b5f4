/**
 * A chat message as every platform adapter hands it to moderation: built by the adapter's
 * `messageInput.ts` (Discord: `toIncomingMessage`, Slack: `toIncomingMessage`), one shape on
 * every platform.
 */
import type { Attachment } from '../core/index.ts';
import type { PlatformName } from './platform.ts';

export interface IncomingMessage {
  platform: PlatformName;
  /** Discord guild id or Slack team id. */
  workspaceId: string;
  channelId: string;
  /** Parent channel of a thread or forum post. */
  parentChannelId?: string;
  messageId: string;
  authorId: string;
  /** Discord role ids of the author. */
  roleIds?: string[];
  /** Everything readable the message carries (text, forwarded text, link attachments, blocks). */
  text: string;
  /** Attachments with their SHA-256 when they could be read. */
  attachments: Attachment[];
  /**
   * The attachments' content, held in memory (never on disk) for inspection (src/inspect/) when
   * `attachments.inspect` is not `never`; handed to the inspection's worker and not kept.
   */
  held?: { name: string; bytes: Uint8Array }[];
  /** When posted or edited, epoch ms. */
  atMs: number;
  edited?: boolean;
}
