/**
 * Which Slack message events are moderated, and the message each one carries. New messages, file
 * shares, thread replies (and replies also sent to the channel) and edits are; bot messages
 * (ours and other apps'), deletions, joins and other system subtypes are not.
 */

/** A file as Slack describes it in a message event (only the fields we read). */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  /** `check_file_info` when the event omits the details and files.info must be asked. */
  file_access?: string;
  /** `tombstone`, `hidden_by_limit`, … for files that cannot be read. */
  mode?: string;
}

/** The message fields we read, from a message event or a `message_changed` event's `message`. */
export interface SlackMessage {
  type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  blocks?: unknown;
  /** Legacy attachments: link unfurls, shared messages, app cards. */
  attachments?: unknown;
  files?: SlackFile[];
  edited?: { ts?: string };
  team?: string;
}

export interface SlackMessageEvent extends SlackMessage {
  channel?: string;
  event_ts?: string;
  hidden?: boolean;
  message?: SlackMessage;
  previous_message?: SlackMessage;
}

/** Subtypes whose event is itself a user's message. */
const MESSAGE_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message']);

export type Triage =
  | { moderate: false; reason: 'malformed' | 'bot' | 'subtype' | 'unchanged' | 'self' }
  | {
      moderate: true;
      channel: string;
      message: SlackMessage & { user: string; ts: string };
      /** Root of the thread the message is in, or its own ts. */
      threadTs: string;
      inThread: boolean;
      edited: boolean;
      atMs: number;
    };

/** Decides whether a message event is a person's message to moderate, and extracts it. */
export function triageMessageEvent(event: SlackMessageEvent, botUserId: string | undefined): Triage {
  if (typeof event.channel !== 'string' || event.channel === '') return { moderate: false, reason: 'malformed' };
  let message: SlackMessage;
  let edited = false;
  if (event.subtype === 'message_changed') {
    if (!event.message || typeof event.message !== 'object') return { moderate: false, reason: 'malformed' };
    message = event.message;
    // Unfurls, reactions and thread metadata also arrive as message_changed: only a change of
    // text, links or files is a new thing to moderate.
    if (event.previous_message && fingerprint(event.previous_message) === fingerprint(message)) {
      return { moderate: false, reason: 'unchanged' };
    }
    edited = true;
  } else if (event.subtype === 'bot_message') {
    return { moderate: false, reason: 'bot' };
  } else if (MESSAGE_SUBTYPES.has(event.subtype)) {
    message = event;
  } else {
    return { moderate: false, reason: 'subtype' };
  }
  if (message.subtype === 'bot_message' || typeof message.bot_id === 'string') return { moderate: false, reason: 'bot' };
  if (typeof message.user !== 'string' || typeof message.ts !== 'string') return { moderate: false, reason: 'malformed' };
  if (botUserId !== undefined && message.user === botUserId) return { moderate: false, reason: 'self' };
  const atMs = slackTsToMs(edited ? (message.edited?.ts ?? event.event_ts ?? message.ts) : message.ts);
  if (atMs === undefined) return { moderate: false, reason: 'malformed' };
  const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
  return {
    moderate: true,
    channel: event.channel,
    message: message as SlackMessage & { user: string; ts: string },
    threadTs,
    inThread: threadTs !== message.ts,
    edited,
    atMs,
  };
}

/** Slack's `1714989600.000200` as epoch ms. */
export function slackTsToMs(ts: string | undefined): number | undefined {
  if (ts === undefined) return undefined;
  const seconds = Number(ts);
  return Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds * 1000) : undefined;
}

function fingerprint(message: SlackMessage): string {
  return JSON.stringify([message.text ?? '', message.blocks ?? null, (message.files ?? []).map((f) => f?.id ?? f?.url_private ?? '')]);
}
