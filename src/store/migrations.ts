/**
 * The store's schema, as numbered migrations applied in order and recorded in
 * `schema_migrations`, the same steps for SQLite and PostgreSQL. A migration, once shipped, is
 * never edited: a change to the schema is a new migration at the end of the list.
 */
import type { Dialect } from './sqlDatabase.ts';

export interface Migration {
  version: number;
  name: string;
  /** Statements for each dialect, run in one transaction. */
  sql: Record<Dialect, string[]>;
}

/** Column types that differ between the dialects; everything else is written once. */
const TYPES: Record<Dialect, { time: string; serialKey: string }> = {
  // Epoch milliseconds fit in SQLite's INTEGER and PostgreSQL's BIGINT.
  sqlite: { time: 'INTEGER', serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
  postgres: { time: 'BIGINT', serialKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY' },
};

/** The same statements for both dialects, with their column types. */
function forEachDialect(statements: (types: { time: string; serialKey: string }) => string[]): Record<Dialect, string[]> {
  return { sqlite: statements(TYPES.sqlite), postgres: statements(TYPES.postgres) };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'incidents, handled events, warning slots, reminder claims, configuration changes',
    sql: forEachDialect(({ time, serialKey }) => [
      `CREATE TABLE incidents (
          id TEXT PRIMARY KEY,
          platform TEXT NOT NULL,
          workspace_id TEXT NOT NULL,
          channel_id TEXT NOT NULL,
          message_id TEXT NOT NULL,
          author_id TEXT NOT NULL,
          verdict TEXT NOT NULL,
          leak_ids TEXT NOT NULL,
          signal_kinds TEXT NOT NULL,
          rules TEXT NOT NULL,
          window_id TEXT,
          actions TEXT NOT NULL,
          text_hash TEXT,
          message_at ${time} NOT NULL,
          recorded_at ${time} NOT NULL
        )`,
      `CREATE INDEX incidents_window ON incidents (window_id, message_at)`,
      `CREATE INDEX incidents_message_at ON incidents (message_at)`,
      `CREATE TABLE handled_events (key TEXT PRIMARY KEY, at ${time} NOT NULL)`,
      `CREATE INDEX handled_events_at ON handled_events (at)`,
      `CREATE TABLE warning_slots (key TEXT PRIMARY KEY, at ${time} NOT NULL, expires_at ${time} NOT NULL)`,
      `CREATE INDEX warning_slots_expires ON warning_slots (expires_at)`,
      `CREATE TABLE reminder_claims (
          key TEXT PRIMARY KEY,
          claimed_at ${time} NOT NULL,
          lease_until ${time} NOT NULL,
          claimed_by TEXT NOT NULL,
          sent_at ${time}
        )`,
      `CREATE TABLE config_changes (
          id ${serialKey},
          change TEXT NOT NULL,
          actor_platform TEXT NOT NULL,
          actor_user TEXT NOT NULL,
          at ${time} NOT NULL
        )`,
    ]),
  },
  {
    version: 2,
    name: 'write-ahead incidents (state, intended actions, event, lease) and their origin; leased event claims',
    sql: forEachDialect(({ time }) => [
      `ALTER TABLE incidents ADD COLUMN origin TEXT NOT NULL DEFAULT 'live'`,
      `ALTER TABLE incidents ADD COLUMN state TEXT NOT NULL DEFAULT 'complete'`,
      `ALTER TABLE incidents ADD COLUMN intended TEXT`,
      `ALTER TABLE incidents ADD COLUMN event_key TEXT`,
      `ALTER TABLE incidents ADD COLUMN lease_until ${time}`,
      `CREATE INDEX incidents_pending ON incidents (state, lease_until)`,
      // NULL: the event was handled to the end (every row written before version 2 too).
      `ALTER TABLE handled_events ADD COLUMN lease_until ${time}`,
    ]),
  },
  {
    version: 3,
    name: 'sweeps: per-channel claims with progress, last message seen per channel',
    sql: forEachDialect(({ time }) => [
      `CREATE TABLE sweep_progress (
          key TEXT PRIMARY KEY,
          claimed_by TEXT NOT NULL,
          lease_until ${time} NOT NULL,
          progress TEXT NOT NULL,
          started_at ${time} NOT NULL,
          updated_at ${time} NOT NULL,
          done_at ${time}
        )`,
      `CREATE INDEX sweep_progress_updated ON sweep_progress (updated_at)`,
      `CREATE TABLE channel_last_seen (key TEXT PRIMARY KEY, message_id TEXT NOT NULL, at ${time} NOT NULL)`,
    ]),
  },
  {
    version: 4,
    name: 'incident notes: attachments not inspected, and why',
    // NULL: no note (every row written before version 4 too).
    sql: forEachDialect(() => ['ALTER TABLE incidents ADD COLUMN notes TEXT']),
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** The migrations still to apply on a database at the given versions. */
export function pendingMigrations(applied: ReadonlySet<number>): Migration[] {
  const newest = Math.max(0, ...applied);
  if (newest > SCHEMA_VERSION) {
    throw new Error(`the database schema is at version ${newest}, newer than this blackout-guard (${SCHEMA_VERSION}): upgrade blackout-guard`);
  }
  return MIGRATIONS.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
}
