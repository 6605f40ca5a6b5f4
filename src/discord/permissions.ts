/**
 * The permissions the bot asks for and checks. Discord computes a member's permissions in a
 * channel from roles and overwrites; discord.js does the same from its cache (threads take their
 * parent's), so the bot can tell before acting whether an action is allowed.
 */
import { PermissionFlagsBits, PermissionsBitField, type GuildBasedChannel, type Client } from 'discord.js';

/** What the bot needs, exactly: read and answer, embed warnings, remove shared leaks, commands. */
export const REQUIRED_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ManageMessages,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseApplicationCommands,
] as const;

/** The permissions of the invite: the required ones, plus Moderate Members for timeouts. */
export function invitePermissions(options: { timeouts?: boolean } = {}): PermissionsBitField {
  const bits = new PermissionsBitField([...REQUIRED_PERMISSIONS]);
  if (options.timeouts) bits.add(PermissionFlagsBits.ModerateMembers);
  return bits.freeze();
}

/** The bot's own permissions in a channel (threads follow their parent), or null if unknown. */
export function botPermissionsIn(client: Client, channel: GuildBasedChannel): Readonly<PermissionsBitField> | null {
  if (!client.user) return null;
  return channel.permissionsFor(client.user);
}

/** Whether the bot may delete other people's messages in the channel. */
export function canManageMessages(client: Client, channel: GuildBasedChannel): boolean {
  return botPermissionsIn(client, channel)?.has(PermissionFlagsBits.ManageMessages) ?? false;
}

/** Which permission, if any, stops the bot from posting an embed in the channel. */
export function missingToPost(client: Client, channel: GuildBasedChannel): string | undefined {
  const permissions = botPermissionsIn(client, channel);
  // Unknown (member not cached): try, and let Discord answer.
  if (!permissions) return undefined;
  if (!permissions.has(PermissionFlagsBits.ViewChannel)) return 'View Channel';
  const send = channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  if (!permissions.has(send)) return channel.isThread() ? 'Send Messages in Threads' : 'Send Messages';
  if (!permissions.has(PermissionFlagsBits.EmbedLinks)) return 'Embed Links';
  return undefined;
}
