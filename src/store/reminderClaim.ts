/**
 * Exactly-once reminders across instances: a row keyed by the reminder (task and fire time) is
 * inserted by the one instance that gets to post it. If that instance dies before marking it
 * sent, its lease runs out and another instance may take the claim over; once marked sent, the
 * reminder is never claimed again. Each step is a single atomic statement.
 */
import type { SqlDatabase } from './sqlDatabase.ts';

/** True for exactly one caller, unless an unsent claim's lease has run out. */
export async function claimReminder(db: SqlDatabase, key: string, atMs: number, leaseMs: number, claimant: string): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO reminder_claims (key, claimed_at, lease_until, claimed_by, sent_at) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, lease_until = excluded.lease_until, claimed_by = excluded.claimed_by
     WHERE reminder_claims.sent_at IS NULL AND reminder_claims.lease_until <= excluded.claimed_at
     RETURNING key`,
    [key, atMs, atMs + leaseMs, claimant],
  );
  return rows.length > 0;
}

/** Marks the reminder posted (recording it even if it was never claimed). */
export async function markReminderSent(db: SqlDatabase, key: string, atMs: number, claimant: string): Promise<void> {
  await db.run(
    `INSERT INTO reminder_claims (key, claimed_at, lease_until, claimed_by, sent_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET sent_at = excluded.sent_at WHERE reminder_claims.sent_at IS NULL`,
    [key, atMs, atMs, claimant, atMs],
  );
}

/** Whether the reminder was posted. */
export async function reminderSent(db: SqlDatabase, key: string): Promise<boolean> {
  const rows = await db.query('SELECT sent_at FROM reminder_claims WHERE key = ?', [key]);
  const sentAt = rows[0]?.sent_at;
  return sentAt !== undefined && sentAt !== null;
}
