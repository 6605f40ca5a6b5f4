/**
 * Deduplication of message events, the same on every platform: an event's key is claimed in the
 * store before anything is done, so that an event delivered twice (a Slack retry, a gateway
 * replay, another instance) is moderated once. During a store outage every event is handled: a
 * duplicate warning beats a missed one.
 */
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';

/** True when this instance is the one to handle the event `key`. */
export async function claim(store: Store, logger: Logger, key: string, ids: Readonly<Record<string, unknown>>): Promise<boolean> {
  try {
    return await store.claimEvent(key, Date.now());
  } catch (err) {
    logger.warn({ ...ids, err }, 'event deduplication unavailable; handling the event');
    return true;
  }
}
