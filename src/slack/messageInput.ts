/**
 * Turns a Slack message event into the platform-neutral `IncomingMessage` (the platform port's one
 * shape, as `src/discord/messageInput.ts` does for Discord): ids, everything readable (text,
 * blocks, attachments) and the files' SHA-256, computed while downloading, never stored.
 */
import type { Config } from '../core/index.ts';
import type { IncomingMessage } from '../platform/index.ts';
import { hashSlackFiles, type FileDeps } from './files.ts';
import type { Triage } from './message.ts';
import { messageText } from './messageText.ts';

/** A message event that triage kept. */
export type ModeratedMessage = Extract<Triage, { moderate: true }>;

/** Builds the moderation input of a person's message. */
export async function toIncomingMessage(
  triaged: ModeratedMessage,
  options: { config: Config; workspaceId: string; files: FileDeps; ids: Record<string, string> },
): Promise<IncomingMessage> {
  const { channel, message } = triaged;
  const held: { name: string; bytes: Uint8Array }[] = [];
  return {
    platform: 'slack',
    workspaceId: options.workspaceId,
    channelId: channel,
    messageId: message.ts,
    authorId: message.user,
    text: messageText(message),
    attachments: await hashSlackFiles(options.files, options.config, message.files, options.ids, held),
    ...(held.length > 0 && { held }),
    atMs: triaged.atMs,
    ...(triaged.edited && { edited: true }),
  };
}
