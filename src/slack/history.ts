/**
 * The Slack side of the sweep's channel history (src/platform/history.ts): the channels the app
 * is in, each channel's messages since a time (thread replies included) page by page, and the
 * sweep's deletions, notices and digests. The sweep calls through Web API clients of its own
 * (same tokens and address as the app's): a 429 holds only the method refused, for exactly its
 * `Retry-After`, where the app's client would pause every call (the live path's included) and
 * add its retry back-off of a second or more.
 * @see https://api.slack.com/apis/rate-limits
 * @see https://api.slack.com/methods/users.conversations
 * @see https://api.slack.com/methods/conversations.history
 * @see https://api.slack.com/methods/conversations.replies
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config, Language, Warning } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import type { ChannelHistory, HistoryChannel, HistoryPage, IncomingMessage } from '../platform/index.ts';
import { WorkQueue } from '../util/workQueue.ts';
import { warningBlocks, warningText } from './blocks.ts';
import { ErrorCode, WebClient, webClientOptions } from './client.ts';
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
export function slackHistory(given: SlackHistoryDeps): ChannelHistory {
  const hold = new RetryAfterHold();
  const deps: SlackHistoryDeps = {
    ...given,
    client: sweepClient(given.client, hold, given.logger),
    ...(given.adminClient && { adminClient: sweepClient(given.adminClient, hold, given.logger) }),
  };
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

/** Attempts of one call refused with 429 before it fails. */
const RATE_LIMITED_ATTEMPTS = 20;

/**
 * The sweep's calls of each Web API method, one at a time, and when each may be called again
 * after a 429 (Slack's limits are per method and workspace, shared by an app's tokens): one for
 * the sweep's clients of a workspace. One at a time, a window's calls go back to back and at most
 * one meets the 429 that ends the window.
 */
export class RetryAfterHold {
  readonly #until = new Map<string, number>();
  /** Each method's calls, one at a time. */
  readonly #queues = new Map<string, WorkQueue>();

  /** Runs `call` after the method's earlier calls, once any hold on it is over. */
  run<T>(method: string, call: () => Promise<T>): Promise<T> {
    let queue = this.#queues.get(method);
    if (queue === undefined) this.#queues.set(method, (queue = new WorkQueue(1)));
    return queue.run(async () => {
      for (;;) {
        const wait = (this.#until.get(method) ?? 0) - Date.now();
        if (wait <= 0) return call();
        await sleep(wait);
      }
    });
  }

  /** Holds `method` for `seconds` (a 429's Retry-After). */
  refused(method: string, seconds: number): void {
    this.#until.set(method, Math.max(this.#until.get(method) ?? 0, Date.now() + seconds * 1000));
  }
}

/**
 * A client for the sweep with the given client's token and address: 429s are not retried by the
 * Web API client (which would pause all its calls and add a back-off) but here, after exactly
 * `Retry-After`, holding only the method refused. Other failures are retried as the app's are.
 */
export function sweepClient(client: WebClient, hold: RetryAfterHold, logger: Logger): WebClient {
  const options = webClientOptions({ apiUrl: client.slackApiUrl, logger });
  // The given client's retry policy for errors other than 429 (tests shorten it).
  const retryConfig = (client as unknown as { retryConfig?: typeof options.retryConfig }).retryConfig ?? options.retryConfig;
  return new SweepWebClient(client.token, { ...options, ...(retryConfig && { retryConfig }), rejectRateLimitedCalls: true }, hold);
}

class SweepWebClient extends WebClient {
  readonly #hold: RetryAfterHold;

  constructor(token: string | undefined, options: ConstructorParameters<typeof WebClient>[1], hold: RetryAfterHold) {
    super(token, options);
    this.#hold = hold;
  }

  override async apiCall(method: string, options?: Record<string, unknown>): ReturnType<WebClient['apiCall']> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#hold.run(method, () => super.apiCall(method, options));
      } catch (err) {
        const e = err as { code?: unknown; retryAfter?: unknown };
        if (e.code !== ErrorCode.RateLimitedError || typeof e.retryAfter !== 'number' || attempt >= RATE_LIMITED_ATTEMPTS) throw err;
        this.#hold.refused(method, e.retryAfter);
      }
    }
  }
}
