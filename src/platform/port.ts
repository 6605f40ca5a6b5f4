/**
 * The contract every platform adapter implements. A new platform (Mattermost, Matrix) is one
 * folder under `src/` providing these pieces; moderation, the commands and the scheduler need
 * nothing else from it.
 *
 * - an incoming message, built by the adapter from its platform's event ({@link IncomingMessage});
 * - the event's key, claimed in the store before anything is done, so that an event delivered
 *   twice (a retry, a replay, another instance) is moderated once ({@link MessageEvent.key});
 * - the actions on that message ({@link MessageActions});
 * - who is an admin for the `/blackout` subcommands that change settings ({@link AdminCheck});
 * - a sink for scheduled reminders ({@link ReminderSink});
 * - the channel histories a sweep reads (`ChannelHistory`, history.ts);
 * - once started, a {@link PlatformAdapter}: its platform, its reminder sink, `stop()`.
 *
 * Every adapter hands each message event to `handleMessageEvent` (src/moderation/), the one
 * moderation entry point.
 */
import type { Config, Language } from '../core/index.ts';
import type { MessageActions } from './actions.ts';
import type { IncomingMessage } from './message.ts';
import type { PlatformName } from './platform.ts';
import type { ReminderSink } from './reminderSink.ts';

export type { PlatformName } from './platform.ts';
export type { IncomingMessage } from './message.ts';
export { ActionSkipped, type MessageActions, type ModeratorAlert } from './actions.ts';
export type { ReminderSink } from './reminderSink.ts';
export type { ChannelHistory, HistoryChannel, HistoryPage } from './history.ts';

/** A started adapter, as the rest of the process (the scheduler, `start`) sees it. */
export interface PlatformAdapter {
  readonly platform: PlatformName;
  /** Where the scheduler posts this platform's reminders. */
  readonly reminderSink: ReminderSink;
  /** Stops receiving, then waits (bounded) for the work under way. */
  stop(): Promise<void>;
}

/** One message event as an adapter hands it to moderation. */
export interface MessageEvent {
  platform: PlatformName;
  /**
   * Identifies the delivery: the same event seen twice has the same key (`slack:event:Ev…`,
   * `discord:<message id>:create`). Claimed in the store before anything is done.
   */
  key: string;
  /** Ids for log lines (never text): channel, message, author, and the platform's event id if any. */
  ids: Readonly<Record<string, string | undefined>>;
  /** Builds the moderation input (hashing attachments): called only once the event is claimed. */
  read(config: Config): Promise<IncomingMessage>;
  /** The actions on this message, in the platform's language for it. */
  actions(language: Language): MessageActions;
}

/**
 * Whether a person may change settings and read the report, as the platform says (Discord: Manage
 * Server; Slack: workspace admin or owner, or the configured user group). `Who` is what the
 * platform tells about the person. Never rejects: when the platform cannot say, the answer is no.
 */
export type AdminCheck<Who> = (who: Who) => Promise<boolean>;
