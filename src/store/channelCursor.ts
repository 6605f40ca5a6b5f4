/**
 * The last message seen in each channel (its id or ts and time, never its text), so that a bot
 * that was down, or whose connection could not resume, sweeps from there when it comes back.
 * Only ever moves forward.
 */
import type { SqlDatabase } from './sqlDatabase.ts';

export interface LastSeen {
  /** `platform:workspace:channel`. */
  key: string;
  messageId: string;
  atMs: number;
}

/** Records what was seen, keeping the newest per channel. */
export async function upsertLastSeen(db: SqlDatabase, seen: readonly LastSeen[]): Promise<void> {
  for (const s of seen) {
    await db.run(
      `INSERT INTO channel_last_seen (key, message_id, at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET message_id = excluded.message_id, at = excluded.at
       WHERE channel_last_seen.at < excluded.at`,
      [s.key, s.messageId, s.atMs],
    );
  }
}

/** The last message seen in every channel whose key starts with `prefix` (`discord:<guild>:`). */
export async function selectLastSeen(db: SqlDatabase, prefix: string): Promise<LastSeen[]> {
  const rows = await db.query('SELECT key, message_id, at FROM channel_last_seen WHERE substr(key, 1, ?) = ? ORDER BY key', [prefix.length, prefix]);
  return rows.map((r) => ({ key: String(r.key), messageId: String(r.message_id), atMs: Number(r.at) }));
}
