/**
 * The permissions the bot asks for and checks. Discord computes a member's permissions in a
 * channel from roles and overwrites; discord.js does the same from its cache (threads take their
 * parent's), so the bot can tell before acting whether an action is allowed.
 *
 * The invite asks for exactly what the configured actions use, derived from one table
 * ({@link ACTION_PERMISSIONS}): nothing for actions the configuration never takes, and no
 * Moderate Members since no action times a member out. Use Application Commands is not asked
 * for: it is a member's permission to run commands, not something a bot needs.
 * @see https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags
 */
import { PermissionFlagsBits, PermissionsBitField, type GuildBasedChannel, type Client } from 'discord.js';
import { ACTION_NAMES, DEFAULT_ACTIONS, VERDICTS, type ActionName, type Config } from '../core/index.ts';

const P = PermissionFlagsBits;

/**
 * Needed whatever the actions: see the channels and their messages, and read history (an edited
 * message not in the cache is fetched; the sweep reads what was posted before the bot came).
 */
export const BASE_PERMISSIONS: readonly bigint[] = [P.ViewChannel, P.ReadMessageHistory];

/** What each action needs. Warnings go into threads and forum posts too, hence Send Messages in Threads. */
export const ACTION_PERMISSIONS: Record<ActionName, readonly bigint[]> = {
  warn: [P.SendMessages, P.SendMessagesInThreads, P.EmbedLinks],
  remind: [P.SendMessages, P.SendMessagesInThreads, P.EmbedLinks],
  delete: [P.ManageMessages],
  alert: [P.SendMessages, P.EmbedLinks],
  record: [],
  log: [],
};

/** Scheduled reminders are embeds posted to `discord.reminderChannels`. */
export const REMINDER_PERMISSIONS: readonly bigint[] = [P.SendMessages, P.EmbedLinks];

/**
 * Every action the configuration may take on Discord: the policy inside and outside windows
 * (its defaults where a verdict is not set), the per-channel overrides and the sweep's.
 */
export function configuredActions(config: Pick<Config, 'policy'>): Set<ActionName> {
  const { policy } = config;
  const out = new Set<ActionName>();
  for (const key of ['inWindow', 'outsideWindow'] as const) {
    for (const verdict of VERDICTS) {
      for (const a of policy[key][verdict] ?? DEFAULT_ACTIONS[key][verdict]) out.add(a);
      for (const override of Object.values(policy.channels)) for (const a of override[key]?.[verdict] ?? []) out.add(a);
    }
  }
  // A sweep never warns nor reminds the author (see `decideSweep`).
  const sweep = (policy as { sweep?: readonly ActionName[] }).sweep ?? [];
  for (const a of sweep) if (a !== 'warn' && a !== 'remind') out.add(a);
  return out;
}

/** The permissions for `actions`, plus the reminders' when `reminders` is set. */
export function permissionsFor(actions: Iterable<ActionName>, options: { reminders?: boolean } = {}): Readonly<PermissionsBitField> {
  const bits = new PermissionsBitField([...BASE_PERMISSIONS]);
  for (const a of actions) bits.add(...ACTION_PERMISSIONS[a]);
  if (options.reminders === true) bits.add(...REMINDER_PERMISSIONS);
  return bits.freeze();
}

/**
 * The permissions of the invite: what the configuration's actions and reminders use. Without a
 * configuration, what the default policy uses with reminders on.
 */
export function invitePermissions(config?: Pick<Config, 'policy' | 'discord'>): Readonly<PermissionsBitField> {
  if (config === undefined) return permissionsFor(new Set(ACTION_NAMES.filter((a) => defaultUses(a))), { reminders: true });
  return permissionsFor(configuredActions(config), { reminders: config.discord.reminderChannels.length > 0 });
}

function defaultUses(action: ActionName): boolean {
  return [DEFAULT_ACTIONS.inWindow, DEFAULT_ACTIONS.outsideWindow].some((byVerdict) => VERDICTS.some((v) => byVerdict[v].includes(action)));
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
