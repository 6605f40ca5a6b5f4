/**
 * Channel history as Discord's REST API serves it: `GET /channels/{id}/messages` with `before`,
 * `after` and `limit` (at most 100), newest first; active threads of a guild and a channel's
 * archived public threads.
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 * @see https://discord.com/developers/docs/resources/guild#list-active-guild-threads
 * @see https://discord.com/developers/docs/resources/channel#list-public-archived-threads
 */
import type { Json } from './world.ts';

/**
 * The messages of each channel in id order, kept up to date as messages come and go, so that a
 * history page is a binary search rather than a pass over every message (a 50,000-message history
 * is read page by page in benchmarks, on the event loop that also timestamps live traffic).
 */
export class ChannelIndex {
  readonly #byChannel = new Map<string, Json[]>();

  add(message: Json): void {
    const list = this.#list(String(message.channel_id));
    const at = firstAfter(list, String(message.id));
    list.splice(at, 0, message);
  }

  remove(message: Json): void {
    const list = this.#byChannel.get(String(message.channel_id));
    if (!list) return;
    const at = firstAfter(list, String(message.id)) - 1;
    if (at >= 0 && list[at]!.id === message.id) list.splice(at, 1);
  }

  /** Messages of a channel for a history query, newest first. */
  page(channelId: string, query: URLSearchParams): Json[] {
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
    const after = query.get('after');
    const before = query.get('before');
    const list = this.#byChannel.get(channelId) ?? [];
    if (after !== null) {
      // The `limit` messages right after `after`, returned newest first, as Discord does.
      const from = firstAfter(list, after);
      return list.slice(from, from + limit).reverse();
    }
    const end = before === null ? list.length : firstAtOrAfter(list, before);
    return list.slice(Math.max(0, end - limit), end).reverse();
  }

  #list(channelId: string): Json[] {
    let list = this.#byChannel.get(channelId);
    if (!list) {
      list = [];
      this.#byChannel.set(channelId, list);
    }
    return list;
  }
}

/** Index of the first message whose id is greater than `id`. */
function firstAfter(list: readonly Json[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(String(list[mid]!.id), id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first message whose id is greater than or equal to `id`. */
function firstAtOrAfter(list: readonly Json[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(String(list[mid]!.id), id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
