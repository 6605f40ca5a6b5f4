/**
 * Who may change settings and read the report on Discord (the platform port's admin check):
 * members with Manage Server or Administrator, as Discord sent their permissions with the
 * interaction. No API call: the interaction carries the member's permissions in the channel.
 * @see https://discord.com/developers/docs/topics/permissions
 */
import { PermissionFlagsBits } from 'discord.js';
import type { AdminCheck } from '../platform/index.ts';

/** Whether a member's permissions (a string bitfield, as in `member.permissions`) include Manage Server or Administrator. */
export function isDiscordAdmin(permissions: string | bigint | null | undefined): boolean {
  if (permissions === null || permissions === undefined) return false;
  try {
    const bits = BigInt(permissions);
    return (bits & PermissionFlagsBits.ManageGuild) !== 0n || (bits & PermissionFlagsBits.Administrator) !== 0n;
  } catch {
    return false;
  }
}

/** The port's admin check on Discord. */
export const discordAdminCheck: AdminCheck<{ permissions: string | bigint | null | undefined }> = async ({ permissions }) => isDiscordAdmin(permissions);
