/**
 * New and edited messages → moderation. Edits of messages the client has not cached arrive as
 * partials and are fetched first. Bots (this one included), system messages and direct messages
 * are ignored; an event seen twice (a replay after a reconnection) is moderated once.
 */
import { Events, RESTJSONErrorCodes, DiscordAPIError, type Client, type Message, type OmitPartialGroupDMChannel, type PartialMessage } from 'discord.js';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import { handleMessageEvent, type SeenDeps } from '../moderation/handleMessage.ts';
import type { ModerationResult } from '../moderation/moderate.ts';
import type { Store } from '../store/store.ts';
import { toIncomingMessage } from './messageInput.ts';
import { discordActions } from './ports.ts';

export interface MessageEventDeps {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  hashKey?: string;
  /** Web origin of message links in alerts. */
  webOrigin: string;
  /** Keeps track of work in progress, so that stopping waits for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Told what became of each message (for the demo, tests and embedding programs). */
  report(event: MessageHandled): void;
  /** Notes each live message as the last seen in its channel (catch-up sweeps after downtime). */
  sweeps?: SeenDeps['sweeps'];
}

/** What the bot did with one message event: ids and outcomes, never the text. */
export interface MessageHandled {
  messageId: string;
  channelId: string;
  edited: boolean;
  /** Why the message was not moderated (a bot's message, an event seen twice, …). */
  ignored?: 'bot' | 'duplicate' | 'gone' | 'error';
  result?: ModerationResult;
}

type AnyMessage = OmitPartialGroupDMChannel<Message | PartialMessage>;

/** Listens to MESSAGE_CREATE and MESSAGE_UPDATE. */
export function registerMessageEvents(client: Client, deps: MessageEventDeps): void {
  client.on(Events.MessageCreate, (message) => {
    void deps.track(handle(client, deps, message, false));
  });
  client.on(Events.MessageUpdate, (before, after) => {
    // Discord also sends updates when link previews resolve: only a changed text matters.
    if (!before.partial && before.content === after.content && before.attachments.size === after.attachments.size) return;
    void deps.track(handle(client, deps, after, true));
  });
}

async function handle(client: Client, deps: MessageEventDeps, received: AnyMessage, edited: boolean): Promise<void> {
  const { logger } = deps;
  if (!received.inGuild() || !client.isReady()) return;
  try {
    const message = received.partial ? await fetchFull(received, logger) : received;
    if (!message) {
      deps.report({ messageId: received.id, channelId: received.channelId, edited, ignored: 'gone' });
      return;
    }
    if (message.author.bot || message.system || message.author.id === client.user.id || !message.channel.isTextBased()) {
      deps.report({ messageId: message.id, channelId: message.channelId, edited, ignored: 'bot' });
      return;
    }
    const outcome = await handleMessageEvent(deps, {
      platform: 'discord',
      key: `discord:${message.id}:${edited ? (message.editedTimestamp ?? 'edit') : 'create'}`,
      ids: { workspace: message.guildId, channel: message.channelId, message: message.id, author: message.author.id },
      read: (config) => toIncomingMessage(message, { config, logger, edited }),
      actions: (language) => discordActions(client, message, language, deps.webOrigin),
    });
    const base = { messageId: message.id, channelId: message.channelId, edited };
    deps.report(outcome.duplicate ? { ...base, ignored: 'duplicate' } : { ...base, result: outcome.result });
  } catch (err) {
    logger.error({ err, channel: received.channelId, message: received.id }, 'message could not be moderated');
    deps.report({ messageId: received.id, channelId: received.channelId, edited, ignored: 'error' });
  }
}

/** The whole message behind a partial, or undefined when it is already gone. */
async function fetchFull(partial: Message<true> | PartialMessage, logger: Logger): Promise<Message<true> | undefined> {
  try {
    const message = await partial.fetch();
    return message.inGuild() ? message : undefined;
  } catch (err) {
    if (err instanceof DiscordAPIError && (err.code === RESTJSONErrorCodes.UnknownMessage || err.code === RESTJSONErrorCodes.UnknownChannel)) {
      logger.info({ channel: partial.channelId, message: partial.id }, 'edited message gone before it could be read');
      return undefined;
    }
    throw err;
  }
}
