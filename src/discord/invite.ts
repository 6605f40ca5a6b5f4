/** The link a server's administrator follows to add the bot, with exactly the permissions it needs. */
import { OAuth2Scopes } from 'discord.js';
import { invitePermissions } from './permissions.ts';

/**
 * The OAuth2 URL adding the bot with the `bot` and `applications.commands` scopes and the
 * permissions of {@link invitePermissions}.
 */
export function inviteUrl(applicationId: string, options: { timeouts?: boolean } = {}): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: invitePermissions(options).bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
