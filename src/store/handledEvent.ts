/**
 * Deduplication of events seen twice (a Slack retry, two Discord shards or replicas receiving
 * the same message): the first claim of an event key inserts a row, any later one finds it.
 * Rows are kept for a day, long past any platform's redelivery, then expired.
 */
import type { SqlDatabase } from './sqlDatabase.ts';

export const HANDLED_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** True for the first claim of `key` across every instance. */
export async function claimHandledEvent(db: SqlDatabase, key: string, atMs: number): Promise<boolean> {
  const changed = await db.run('INSERT INTO handled_events (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, atMs]);
  return changed > 0;
}

/** Forgets events handled before the retention period. */
export async function expireHandledEvents(db: SqlDatabase, nowMs: number): Promise<number> {
  return db.run('DELETE FROM handled_events WHERE at < ?', [nowMs - HANDLED_EVENT_RETENTION_MS]);
}
