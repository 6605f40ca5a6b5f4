/**
 * Turns a discord.js message into the platform-neutral `IncomingMessage`: ids, the author's
 * roles, the text (including forwarded messages) and the attachments' SHA-256, computed while
 * downloading with the configured size cap and time limit, never stored.
 */
import type { Attachment as DiscordAttachment, Message } from 'discord.js';
import type { Attachment, Config } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import { hashAttachment } from '../moderation/attachmentHash.ts';
import type { IncomingMessage } from '../platform/index.ts';

/** Builds the moderation input of a guild message whose author is known. */
export async function toIncomingMessage(
  message: Message<true>,
  options: { config: Config; logger: Logger; edited: boolean },
): Promise<IncomingMessage> {
  const { channel } = message;
  const files = [...message.attachments.values()];
  // A forwarded message carries the original's text and files in a snapshot.
  const texts = [message.content];
  for (const snapshot of message.messageSnapshots.values()) {
    if (snapshot.content) texts.push(snapshot.content);
    files.push(...snapshot.attachments.values());
  }
  const roleIds = await authorRoles(message, options.config);
  const held: { name: string; bytes: Uint8Array }[] = [];
  return {
    platform: 'discord',
    workspaceId: message.guildId,
    channelId: message.channelId,
    ...(channel.isThread() && channel.parentId !== null && { parentChannelId: channel.parentId }),
    messageId: message.id,
    authorId: message.author.id,
    ...(roleIds && { roleIds }),
    text: texts.join('\n'),
    attachments: await Promise.all(files.map((f) => hashed(f, message, options, held))),
    ...(held.length > 0 && { held }),
    atMs: options.edited ? (message.editedTimestamp ?? Date.now()) : message.createdTimestamp,
    ...(options.edited && { edited: true }),
  };
}

/**
 * The author's role ids. Gateway messages carry the member; a fetched message (after an edit of
 * an uncached one) does not, and the member is fetched only when exempt roles make it matter.
 */
async function authorRoles(message: Message<true>, config: Config): Promise<string[] | undefined> {
  const member = message.member ?? message.guild.members.cache.get(message.author.id);
  if (member) return member.roles.cache.filter((r) => r.id !== message.guildId).map((r) => r.id);
  if (config.policy.exemptRoles.length === 0) return undefined;
  try {
    const fetched = await message.guild.members.fetch(message.author.id);
    return fetched.roles.cache.filter((r) => r.id !== message.guildId).map((r) => r.id);
  } catch {
    // The author left the server: no roles, hence no role exemption.
    return [];
  }
}

async function hashed(
  file: DiscordAttachment,
  message: Message<true>,
  options: { config: Config; logger: Logger },
  held: { name: string; bytes: Uint8Array }[],
): Promise<Attachment> {
  const { maxBytes, timeout, inspect } = options.config.attachments;
  // The content is kept in memory for inspection unless attachments are never inspected.
  const result = await hashAttachment(file.url, { maxBytes, timeoutMs: timeout, announcedSize: file.size, keep: inspect !== 'never' });
  if (result.ok) {
    if (result.bytes) held.push({ name: file.name, bytes: result.bytes });
    return { name: file.name, sha256: result.sha256, size: result.size };
  }
  options.logger.info(
    { channel: message.channelId, message: message.id, attachment: file.id, reason: result.reason, detail: result.detail },
    'attachment not hashed; its name is still checked',
  );
  return { name: file.name, size: file.size };
}
