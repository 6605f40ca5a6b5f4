/**
 * The warning rate limit: one row per (platform, channel, user) holding when the last warning
 * was posted. Taking a slot is one atomic upsert, so two instances never both warn inside the
 * interval. A row is useless once its interval has passed and is then expired.
 */
import type { SqlDatabase } from './sqlDatabase.ts';

/** True when no warning was posted for `key` in the `intervalMs` before `atMs`; records `atMs`. */
export async function takeWarningSlot(db: SqlDatabase, key: string, atMs: number, intervalMs: number): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO warning_slots (key, at, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET at = excluded.at, expires_at = excluded.expires_at
     WHERE warning_slots.at <= ?
     RETURNING key`,
    [key, atMs, atMs + intervalMs, atMs - intervalMs],
  );
  return rows.length > 0;
}

/**
 * Gives back a slot taken at `atMs` whose warning could not be posted, so that the author's next
 * message is warned; a slot taken since by another message is left alone.
 */
export async function releaseWarningSlot(db: SqlDatabase, key: string, atMs: number): Promise<void> {
  await db.run('DELETE FROM warning_slots WHERE key = ? AND at = ?', [key, atMs]);
}

/** Forgets slots whose interval has passed. */
export async function expireWarningSlots(db: SqlDatabase, nowMs: number): Promise<number> {
  return db.run('DELETE FROM warning_slots WHERE expires_at < ?', [nowMs]);
}
