/**
 * Conversation history as Slack's Web API serves it: the channels the app is in
 * (`users.conversations`), a channel's messages newest first between `oldest` and `latest`
 * (`conversations.history`), a thread's parent and replies (`conversations.replies`), each paged
 * with a cursor.
 * @see https://api.slack.com/methods/users.conversations
 * @see https://api.slack.com/methods/conversations.history
 * @see https://api.slack.com/methods/conversations.replies
 */
export type SlackMessage = Record<string, unknown> & { ts: string; thread_ts?: string };

export interface StandInChannel {
  id: string;
  name: string;
  isMember: boolean;
  isPrivate?: boolean;
}

/** A page of `items` from the cursor (an offset, as opaque to the caller as Slack's). */
export function page<T>(items: readonly T[], params: Record<string, unknown>, defaultLimit = 100): { items: T[]; next: string } {
  const limit = Math.min(999, Math.max(1, Number(params.limit ?? defaultLimit)));
  const offset = params.cursor ? Number(Buffer.from(String(params.cursor), 'base64').toString('utf8').replace('offset:', '')) : 0;
  const items2 = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return { items: items2, next };
}

/** `conversations.history`: top-level messages (and thread parents) between oldest and latest, newest first. */
export function history(messages: readonly SlackMessage[], params: Record<string, unknown>): Record<string, unknown> {
  const oldest = Number(params.oldest ?? 0);
  const latest = params.latest === undefined ? Infinity : Number(params.latest);
  const inclusive = params.inclusive === true || params.inclusive === 'true' || params.inclusive === '1';
  const selected = messages
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
    .filter((m) => {
      const ts = Number(m.ts);
      return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
    })
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  const { items, next } = page(selected, params);
  return { ok: true, messages: items, has_more: next !== '', response_metadata: { next_cursor: next } };
}

/** `conversations.replies`: the parent, then its replies oldest first (replies after `oldest` only). */
export function replies(messages: readonly SlackMessage[], params: Record<string, unknown>): Record<string, unknown> {
  const ts = String(params.ts);
  const parent = messages.find((m) => m.ts === ts);
  if (!parent) return { ok: false, error: 'thread_not_found' };
  const oldest = Number(params.oldest ?? 0);
  const thread = [parent, ...messages.filter((m) => m.thread_ts === ts && m.ts !== ts && Number(m.ts) >= oldest).sort((a, b) => Number(a.ts) - Number(b.ts))];
  const { items, next } = page(thread, params);
  return { ok: true, messages: items, has_more: next !== '', response_metadata: { next_cursor: next } };
}

/** Reply counts on thread parents, as Slack shows them in `conversations.history`. */
export function withReplyCounts(messages: SlackMessage[]): void {
  const counts = new Map<string, { n: number; latest: string }>();
  for (const m of messages) {
    if (m.thread_ts === undefined || m.thread_ts === m.ts) continue;
    const c = counts.get(m.thread_ts) ?? { n: 0, latest: m.ts };
    c.n += 1;
    if (Number(m.ts) > Number(c.latest)) c.latest = m.ts;
    counts.set(m.thread_ts, c);
  }
  for (const m of messages) {
    const c = counts.get(m.ts);
    if (c) Object.assign(m, { thread_ts: m.ts, reply_count: c.n, latest_reply: c.latest });
  }
}
