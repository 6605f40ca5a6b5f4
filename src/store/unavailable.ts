/**
 * The error the store throws when its database cannot be reached. Callers (moderation, the
 * scheduler, commands) catch it and carry on; incidents are not affected: they are spooled.
 */
export class StoreUnavailableError extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(`the store is unavailable (${what}): the database cannot be reached`, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Whether an error means the database is out of reach (connection refused, lost or timed out,
 * server shutting down, SQLite file locked or unwritable) rather than a bad statement.
 */
export function isOutage(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_')) return /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL|NOTADB|CORRUPT)/.test(code);
    // PostgreSQL SQLSTATE classes: 08 connection exception, 57P admin/crash shutdown, 53 resources.
    if (/^[0-9A-Z]{5}$/.test(code)) return /^(08|57P|53)/.test(code);
    return /^E[A-Z]+$/.test(code); // ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE…
  }
  // pg reports lost connections and timeouts as plain errors without a code.
  return err instanceof Error;
}
