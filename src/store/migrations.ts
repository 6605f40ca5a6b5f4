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

/** Epoch milliseconds fit in SQLite's INTEGER and PostgreSQL's BIGINT. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'incidents, handled events, warning slots, reminder claims, configuration changes',
    sql: {
      sqlite: [
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
          message_at INTEGER NOT NULL,
          recorded_at INTEGER NOT NULL
        )`,
        `CREATE INDEX incidents_window ON incidents (window_id, message_at)`,
        `CREATE INDEX incidents_message_at ON incidents (message_at)`,
        `CREATE TABLE handled_events (key TEXT PRIMARY KEY, at INTEGER NOT NULL)`,
        `CREATE INDEX handled_events_at ON handled_events (at)`,
        `CREATE TABLE warning_slots (key TEXT PRIMARY KEY, at INTEGER NOT NULL, expires_at INTEGER NOT NULL)`,
        `CREATE INDEX warning_slots_expires ON warning_slots (expires_at)`,
        `CREATE TABLE reminder_claims (
          key TEXT PRIMARY KEY,
          claimed_at INTEGER NOT NULL,
          lease_until INTEGER NOT NULL,
          claimed_by TEXT NOT NULL,
          sent_at INTEGER
        )`,
        `CREATE TABLE config_changes (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          change TEXT NOT NULL,
          actor_platform TEXT NOT NULL,
          actor_user TEXT NOT NULL,
          at INTEGER NOT NULL
        )`,
      ],
      postgres: [
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
          message_at BIGINT NOT NULL,
          recorded_at BIGINT NOT NULL
        )`,
        `CREATE INDEX incidents_window ON incidents (window_id, message_at)`,
        `CREATE INDEX incidents_message_at ON incidents (message_at)`,
        `CREATE TABLE handled_events (key TEXT PRIMARY KEY, at BIGINT NOT NULL)`,
        `CREATE INDEX handled_events_at ON handled_events (at)`,
        `CREATE TABLE warning_slots (key TEXT PRIMARY KEY, at BIGINT NOT NULL, expires_at BIGINT NOT NULL)`,
        `CREATE INDEX warning_slots_expires ON warning_slots (expires_at)`,
        `CREATE TABLE reminder_claims (
          key TEXT PRIMARY KEY,
          claimed_at BIGINT NOT NULL,
          lease_until BIGINT NOT NULL,
          claimed_by TEXT NOT NULL,
          sent_at BIGINT
        )`,
        `CREATE TABLE config_changes (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          change TEXT NOT NULL,
          actor_platform TEXT NOT NULL,
          actor_user TEXT NOT NULL,
          at BIGINT NOT NULL
        )`,
      ],
    },
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The migrations still to apply on a database at the given versions. */
export function pendingMigrations(applied: ReadonlySet<number>): Migration[] {
  const newest = Math.max(0, ...applied);
  if (newest > SCHEMA_VERSION) {
    throw new Error(`the database schema is at version ${newest}, newer than this blackout-guard (${SCHEMA_VERSION}): upgrade blackout-guard`);
  }
  return MIGRATIONS.filter((m) => !applied.has(m.version));
}
