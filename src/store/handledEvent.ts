/**
 * Deduplication of events seen twice (a Slack retry, two Discord shards or replicas receiving
 * the same message): the first claim of an event key inserts a row, any later one finds it.
 * Rows are kept for a day, long past any platform's redelivery, then expired.
 */
import type { SqlDatabase } from './sqlDatabase.ts';

export const HANDLED_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * True for the first claim of `key` across every instance, or when the instance holding it died
 * before finishing (its lease ran out): the event is then handled again (a takeover).
 */
export async function claimHandledEvent(db: SqlDatabase, key: string, atMs: number, leaseMs: number): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO handled_events (key, at, lease_until) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET at = excluded.at, lease_until = excluded.lease_until
     WHERE handled_events.lease_until IS NOT NULL AND handled_events.lease_until <= excluded.at
     RETURNING key`,
    [key, atMs, atMs + leaseMs],
  );
  return rows.length > 0;
}

/** The event was handled to the end: no takeover ever. */
export async function finishHandledEvent(db: SqlDatabase, key: string): Promise<void> {
  await db.run('UPDATE handled_events SET lease_until = NULL WHERE key = ?', [key]);
}

/** Forgets events handled before the retention period. */
export async function expireHandledEvents(db: SqlDatabase, nowMs: number): Promise<number> {
  return db.run('DELETE FROM handled_events WHERE at < ?', [nowMs - HANDLED_EVENT_RETENTION_MS]);
}
