/**
 * The little the store needs from a SQL database, so that one store implementation serves both
 * SQLite (better-sqlite3) and PostgreSQL (pg). Statements use `?` placeholders; the PostgreSQL
 * side numbers them (`$1`, `$2`, …).
 */
export type Dialect = 'sqlite' | 'postgres';

export type Row = Record<string, unknown>;

export interface SqlDatabase {
  readonly dialect: Dialect;
  /** Runs one statement and returns its rows (SELECT or … RETURNING). */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs one statement and returns how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Follows configuration changes made by any instance, when the database can push them
   * (PostgreSQL LISTEN/NOTIFY). Undefined when the store must poll instead.
   */
  listen?(listener: () => void): () => void;
  /** Tells every listening instance that a configuration change was added. */
  announce?(): Promise<void>;
  close(): Promise<void>;
}

/** Rewrites `?` placeholders as `$1`, `$2`, … (the store's SQL never has `?` inside literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
