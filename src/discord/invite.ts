/** The link a server's administrator follows to add the bot, with exactly the permissions it needs. */
import { OAuth2Scopes } from 'discord.js';
import type { Config } from '../core/index.ts';
import { invitePermissions } from './permissions.ts';

export interface InviteOptions {
  /** The configuration in force: the invite asks for what its actions use (default policy otherwise). */
  config?: Pick<Config, 'policy' | 'discord'>;
  /** Web origin of the Discord the bot talks to (default https://discord.com). */
  origin?: string;
  /** @deprecated ignored: no action times members out, so Moderate Members is never asked for. */
  timeouts?: boolean;
}

/**
 * The OAuth2 URL adding the bot with the `bot` and `applications.commands` scopes and the
 * permissions of {@link invitePermissions}.
 * @see https://discord.com/developers/docs/topics/oauth2#bot-authorization-flow
 */
export function inviteUrl(applicationId: string, options: InviteOptions = {}): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: invitePermissions(options.config).bitfield.toString(),
  });
  return `${options.origin ?? 'https://discord.com'}/oauth2/authorize?${params.toString()}`;
}
