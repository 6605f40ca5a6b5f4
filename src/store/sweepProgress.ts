/**
 * Sweeps of what was already posted, claimed channel by channel so that several shards or replicas
 * sweep each channel once, with their progress kept so that a sweep cut by a crash resumes where
 * it stopped. A claim is a lease: an instance that dies stops renewing it and another takes over
 * from the saved progress. Each step is one atomic statement.
 */
import type { SqlDatabase } from './sqlDatabase.ts';

/** How far one channel's sweep has gone; kept as JSON (ids and counts, never text). */
export interface SweepProgress {
  /** Where to resume in the channel's history (platform-specific: a message id or a ts). */
  cursor?: string;
  scanned: number;
  /** Sharing messages found. */
  found: number;
  /** Of those, removed. */
  removed: number;
  /** Links to messages that could not be removed. */
  leftUp: string[];
  /** Rules matched (configuration values). */
  rules: string[];
  /** Whether the channel's notice was posted (posted at most once). */
  noticed?: boolean;
}

export interface SweepRecord {
  key: string;
  claimedBy: string;
  progress: SweepProgress;
  startedAt: number;
  updatedAt: number;
  doneAt: number | null;
}

export const EMPTY_PROGRESS: SweepProgress = { scanned: 0, found: 0, removed: 0, leftUp: [], rules: [] };

/** What claiming a channel's sweep gave: its progress to resume from, or why not. */
export type SweepClaim = SweepProgress | 'done' | 'held';

/**
 * Claims one channel's sweep for `claimant`: the progress to resume from, `done` when it is
 * finished, or `held` when another instance holds a lease on it that has not run out.
 */
export async function claimSweep(db: SqlDatabase, key: string, claimant: string, atMs: number, leaseMs: number): Promise<SweepClaim> {
  const rows = await db.query(
    `INSERT INTO sweep_progress (key, claimed_by, lease_until, progress, started_at, updated_at, done_at) VALUES (?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (key) DO UPDATE SET claimed_by = excluded.claimed_by, lease_until = excluded.lease_until, updated_at = excluded.updated_at
     WHERE sweep_progress.done_at IS NULL AND (sweep_progress.lease_until <= excluded.updated_at OR sweep_progress.claimed_by = excluded.claimed_by)
     RETURNING progress`,
    [key, claimant, atMs + leaseMs, JSON.stringify(EMPTY_PROGRESS), atMs, atMs],
  );
  const row = rows[0];
  if (row) return { ...EMPTY_PROGRESS, ...(JSON.parse(String(row.progress)) as Partial<SweepProgress>) };
  const existing = await db.query('SELECT done_at FROM sweep_progress WHERE key = ?', [key]);
  return existing[0]?.done_at === null || existing[0]?.done_at === undefined ? 'held' : 'done';
}

/**
 * Saves progress and renews the lease; false when the claim was lost (another instance took it
 * over after the lease ran out), in which case the caller must stop.
 */
export async function saveSweep(db: SqlDatabase, key: string, claimant: string, progress: SweepProgress, atMs: number, leaseMs: number, done = false): Promise<boolean> {
  const changed = await db.run(
    `UPDATE sweep_progress SET progress = ?, lease_until = ?, updated_at = ?, done_at = ?
     WHERE key = ? AND claimed_by = ? AND done_at IS NULL`,
    [JSON.stringify(progress), atMs + leaseMs, atMs, done ? atMs : null, key, claimant],
  );
  return changed > 0;
}

/** Sweeps updated since `sinceMs`, newest first (for `/blackout status` and the CLI). */
export async function selectSweeps(db: SqlDatabase, sinceMs: number): Promise<SweepRecord[]> {
  const rows = await db.query(
    'SELECT key, claimed_by, progress, started_at, updated_at, done_at FROM sweep_progress WHERE updated_at >= ? ORDER BY updated_at DESC',
    [sinceMs],
  );
  return rows.map((r) => ({
    key: String(r.key),
    claimedBy: String(r.claimed_by),
    progress: { ...EMPTY_PROGRESS, ...(JSON.parse(String(r.progress)) as Partial<SweepProgress>) },
    startedAt: Number(r.started_at),
    updatedAt: Number(r.updated_at),
    doneAt: r.done_at === null || r.done_at === undefined ? null : Number(r.done_at),
  }));
}
