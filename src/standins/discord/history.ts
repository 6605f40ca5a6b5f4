/**
 * Channel history as Discord's REST API serves it: `GET /channels/{id}/messages` with `before`,
 * `after` and `limit` (at most 100), newest first; active threads of a guild and a channel's
 * archived public threads.
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 * @see https://discord.com/developers/docs/resources/guild#list-active-guild-threads
 * @see https://discord.com/developers/docs/resources/channel#list-public-archived-threads
 */
import type { Json } from './world.ts';

/** Messages of a channel for a history query, newest first. */
export function channelMessages(messages: Iterable<Json>, channelId: string, query: URLSearchParams): Json[] {
  const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
  const after = query.get('after');
  const before = query.get('before');
  const inChannel = [...messages]
    .filter((m) => m.channel_id === channelId)
    .sort((a, b) => compareIds(String(a.id), String(b.id)));
  if (after !== null) {
    // The `limit` messages right after `after`, returned newest first, as Discord does.
    return inChannel.filter((m) => compareIds(String(m.id), after) > 0).slice(0, limit).reverse();
  }
  const older = before === null ? inChannel : inChannel.filter((m) => compareIds(String(m.id), before) < 0);
  return older.slice(-limit).reverse();
}

function compareIds(a: string, b: string): number {
  // Snowflakes are decimal strings without leading zeros: longer is larger, else compare as text
  // (BigInt conversions made a page of a 50,000-message history cost 130 ms).
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Whether a thread channel is archived. */
export function isArchived(channel: Json): boolean {
  return (channel.thread_metadata as Json | undefined)?.archived === true;
}
