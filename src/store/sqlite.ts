/**
 * The embedded default: one SQLite file (better-sqlite3), created with its schema on first open.
 * WAL mode lets readers run while one process writes, and a busy timeout makes several processes
 * (or several Store objects) opening the same file wait for each other instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { pendingMigrations } from './migrations.ts';
import type { Row, SqlDatabase } from './sqlDatabase.ts';

/** How long a statement waits for another connection's write lock before failing. */
const BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating if needed) the SQLite file and brings its schema up to date. */
export function openSqlite(path: string): SqlDatabase {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL is durable against a process crash (the case that matters here); only an
    // operating-system crash could lose the last transactions.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    dialect: 'sqlite',
    async query(sql, params = []) {
      const statement = prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as Row[];
    },
    async run(sql, params = []) {
      return prepare(sql).run(...params).changes;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/** Applies pending migrations under the write lock, so two processes opening at once agree. */
function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    for (const migration of pendingMigrations(applied)) {
      for (const statement of migration.sql.sqlite) db.exec(statement);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
    }
  });
  apply.immediate();
}
