/**
 * Time limits, on Node's own timers (`node:timers/promises`, `AbortSignal.timeout`) instead of a
 * hand-written "promise raced against a timer" in every adapter. Timers never keep the process
 * alive and are cancelled as soon as the work settles.
 * @see https://nodejs.org/api/timers.html#timers-promises-api
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** What {@link withinMs} gives when the time ran out first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * The work's value if it settles within `ms`, else {@link TIMED_OUT} (the work goes on; the caller
 * decides what to do with it, e.g. defer a reply). A rejection of the work is passed on.
 */
export async function withinMs<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  const cancel = new AbortController();
  try {
    return await Promise.race([work, sleep(ms, TIMED_OUT, { signal: cancel.signal, ref: false })]);
  } finally {
    cancel.abort();
  }
}

/** Thrown by {@link abortable} when its signal fires first. */
export class TimeoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TimeoutError';
  }
}

/**
 * The work's value, or a rejection with `TimeoutError(message)` as soon as `signal` aborts (e.g.
 * `AbortSignal.timeout(ms)`), even if the work itself never settles.
 */
export async function abortable<T>(work: Promise<T>, signal: AbortSignal, message: string): Promise<T> {
  if (signal.aborted) throw new TimeoutError(message, { cause: signal.reason });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new TimeoutError(message, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}
