/**
 * The one table of the `blackout-guard` command's exit codes, and the error that carries one.
 * Every command throws a {@link CliError} (or returns a code from this table); `main.ts` is the one
 * place that turns it into the process's exit code, so scripts can rely on these numbers.
 */

/** Exit codes, documented in the README's "Command line" section. */
export const EXIT = {
  /** Done; for `check`, the verdict is `none`. */
  ok: 0,
  /** Done, but something was skipped (e.g. `scan`: malformed records, unreadable files). */
  skipped: 1,
  /** Usage or configuration error: nothing was done. */
  usage: 2,
  /** `check`: the verdict is `mention`. */
  mention: 3,
  /** `check`: the verdict is `share`. */
  share: 4,
  /** `start`: the bot could not start (platform refused the login, store unusable, timeout). */
  startFailed: 5,
  /** `verify`: the text is not the one the incident recorded. */
  mismatch: 6,
  /** `report`, `verify`: the store (PostgreSQL) cannot be reached; trying again later may work. */
  storeUnavailable: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that ends a command with one line on stderr and a code from {@link EXIT}. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage or configuration error (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/**
 * Adapts a command's action that resolves to an exit code to commander: a code other than
 * {@link EXIT.ok} travels to `main.ts` as a silent {@link CliError}, so no command calls
 * `process.exit` itself.
 */
export function withExitCode<A extends unknown[]>(run: (...args: A) => Promise<ExitCode>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const code = await run(...args);
    if (code !== EXIT.ok) throw new CliError('', code);
  };
}
