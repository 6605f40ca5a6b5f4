/**
 * The Discord side of the platform's message actions (src/platform): how to mention, warn, delete and alert on Discord.
 * Missing permissions, a message already gone or a channel deleted end as `ActionSkipped` (with
 * the reason the moderators' alert shows); other API errors are thrown for moderation to record.
 */
import { DiscordAPIError, RESTJSONErrorCodes, Routes, type Client, type Message } from 'discord.js';
import type { Language } from '../core/index.ts';
import { ActionSkipped, type MessageActions } from '../platform/index.ts';
import { alertPayload, warningPayload } from './embeds.ts';
import { canManageMessages, missingToPost } from './permissions.ts';

/** The actions on one guild message. */
export function discordActions(client: Client<true>, message: Message<true>, language: Language, webOrigin: string): MessageActions {
  return {
    mention: (userId) => `<@${userId}>`,

    async warn(warning, kind) {
      const missing = missingToPost(client, message.channel);
      if (missing) throw new ActionSkipped(`missing ${missing}`);
      // A plain message, not a reply: it must not depend on the message about to be deleted.
      await explain(() => client.rest.post(Routes.channelMessages(message.channelId), { body: warningPayload(warning, message.author.id, kind, language) }));
    },

    async delete() {
      if (!canManageMessages(client, message.channel)) throw new ActionSkipped('missing Manage Messages');
      await explain(() => client.rest.delete(Routes.channelMessage(message.channelId, message.id)));
    },

    async alert(alert) {
      // Through REST rather than the cache: the moderators' channel may be on another shard.
      await explain(() => client.rest.post(Routes.channelMessages(alert.alertChannel), { body: alertPayload(alert, webOrigin) }));
    },
  };
}

/** Discord's answers that mean "not possible" rather than "failed". */
const SKIPPED: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.UnknownMessage, 'message already deleted'],
  [RESTJSONErrorCodes.UnknownChannel, 'channel no longer exists'],
  [RESTJSONErrorCodes.MissingPermissions, 'missing permissions'],
  [RESTJSONErrorCodes.MissingAccess, 'missing access to the channel'],
]);

async function explain(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    const reason = err instanceof DiscordAPIError && typeof err.code === 'number' ? SKIPPED.get(err.code) : undefined;
    if (reason) throw new ActionSkipped(reason);
    throw err;
  }
}
