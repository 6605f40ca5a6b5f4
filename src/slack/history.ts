/**
 * The Slack side of the sweep's channel history (src/platform/history.ts): the channels the app
 * is in, each channel's messages since a time (thread replies included) page by page, and the
 * sweep's deletions, notices and digests. The Web API client retries 429s after `Retry-After`,
 * so a sweep keeps to Slack's tier limits.
 * @see https://api.slack.com/methods/users.conversations
 * @see https://api.slack.com/methods/conversations.history
 * @see https://api.slack.com/methods/conversations.replies
 */
import type { Config, Language, Warning } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import type { ChannelHistory, HistoryChannel, HistoryPage, IncomingMessage } from '../platform/index.ts';
import { warningBlocks, warningText } from './blocks.ts';
import type { WebClient } from './client.ts';
import type { FileDeps } from './files.ts';
import { triageMessageEvent, type SlackMessage } from './message.ts';
import { toIncomingMessage } from './messageInput.ts';
import { slackActions } from './ports.ts';

/** Messages per `conversations.history` page (Slack recommends no more than 200). */
const PAGE = 200;

export interface SlackHistoryDeps {
  client: WebClient;
  adminClient?: WebClient;
  /** The configuration in force (read at each page). */
  config: () => Config;
  teamId: string;
  botUserId?: string;
  files: FileDeps;
  logger: Logger;
}

/** The channel history of one Slack workspace. */
export function slackHistory(deps: SlackHistoryDeps): ChannelHistory {
  const settings = () => deps.config().slack;
  return {
    platform: 'slack',
    workspaceId: deps.teamId,
    get alertChannel() {
      return settings().alertChannel;
    },
    get language(): Language {
      return settings().language ?? deps.config().language;
    },

    async channels(): Promise<HistoryChannel[]> {
      const out: HistoryChannel[] = [];
      let cursor: string | undefined;
      do {
        const answer = await deps.client.users.conversations({ types: 'public_channel,private_channel', exclude_archived: true, limit: 200, ...(cursor && { cursor }) });
        for (const c of (answer.channels ?? []) as { id?: string; name?: string }[]) {
          if (c.id) out.push({ id: c.id, label: `<#${c.id}>` });
        }
        cursor = answer.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return out;
    },

    // Newest first below the cursor (`latest`), so the cursor is the oldest ts handled so far.
    async page(channel, sinceMs, cursor): Promise<HistoryPage> {
      const oldest = (sinceMs / 1000).toFixed(6);
      const answer = await deps.client.conversations.history({
        channel: channel.id,
        oldest,
        ...(cursor !== undefined && { latest: cursor }),
        inclusive: false,
        limit: PAGE,
      });
      const raw = (answer.messages ?? []) as (SlackMessage & { reply_count?: number; latest_reply?: string })[];
      const messages: IncomingMessage[] = [];
      for (const m of raw) {
        const built = await incoming(deps, channel.id, m);
        if (built) messages.push(built);
        if ((m.reply_count ?? 0) > 0 && m.ts && Number(m.latest_reply ?? m.ts) * 1000 >= sinceMs) {
          messages.push(...(await threadReplies(deps, channel.id, m.ts, oldest)));
        }
      }
      const tss = raw.map((m) => m.ts).filter((t): t is string => typeof t === 'string');
      const next = answer.has_more && tss.length > 0 ? tss.reduce((a, b) => (Number(a) < Number(b) ? a : b)) : undefined;
      return { messages, ...(next !== undefined && { next }) };
    },

    // The live path's deletion: the admin user token, and the same refusals recorded as skipped.
    deleteMessage: (message) =>
      slackActions(
        { client: deps.client, ...(deps.adminClient && { adminClient: deps.adminClient }), config: deps.config(), language: settings().language ?? deps.config().language, logger: deps.logger },
        { channel: message.channelId, ts: message.messageId, threadTs: message.messageId, inThread: false, userId: message.authorId, edited: false },
      ).delete(),

    async notice(channelId: string, notice: Warning) {
      await deps.client.chat.postMessage({ channel: channelId, text: warningText(notice), blocks: warningBlocks(notice), unfurl_links: false, unfurl_media: false });
    },

    async digest(alertChannel, digest) {
      await deps.client.chat.postMessage({ channel: alertChannel, text: `*${digest.title}*\n${digest.body}`, unfurl_links: false, unfurl_media: false });
    },

    link: (message) => `<#${message.channelId}> ts ${message.messageId}`,
  };
}

/** A person's message from the history as moderation reads it; undefined for bots and system messages. */
async function incoming(deps: SlackHistoryDeps, channel: string, message: SlackMessage): Promise<IncomingMessage | undefined> {
  const triaged = triageMessageEvent({ ...message, channel }, deps.botUserId);
  if (!triaged.moderate) return undefined;
  const ids = { channel, message: triaged.message.ts };
  return toIncomingMessage(triaged, { config: deps.config(), workspaceId: deps.teamId, files: deps.files, ids });
}

/** The replies of one thread posted since `oldest`, every page. */
async function threadReplies(deps: SlackHistoryDeps, channel: string, ts: string, oldest: string): Promise<IncomingMessage[]> {
  const out: IncomingMessage[] = [];
  let cursor: string | undefined;
  do {
    const answer = await deps.client.conversations.replies({ channel, ts, oldest, limit: PAGE, ...(cursor && { cursor }) });
    for (const m of (answer.messages ?? []) as SlackMessage[]) {
      if (m.ts === ts) continue; // the parent, handled with the channel's messages
      const built = await incoming(deps, channel, m);
      if (built) out.push(built);
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return out;
}
