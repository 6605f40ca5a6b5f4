/**
 * Retrying with exponential backoff: the one policy behind the store's reconnection probe, the
 * PostgreSQL LISTEN connection and the scheduler's reminder retries.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface BackoffPolicy {
  /** Wait after the first failure. */
  firstMs: number;
  /** Longest wait (default: 30 × `firstMs`). */
  maxMs?: number;
  /** Growth per failure (default 2). */
  factor?: number;
}

/** The wait before attempt `attempt + 1` after `attempt` (0-based) failures: first × factor^attempt, capped. */
export function backoffMs(attempt: number, policy: BackoffPolicy): number {
  const max = policy.maxMs ?? policy.firstMs * 30;
  return Math.min(max, policy.firstMs * (policy.factor ?? 2) ** Math.max(0, attempt));
}

export interface RetryOptions extends BackoffPolicy {
  /** Stops retrying (the returned promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Told of each failure and the wait before the next attempt (for logs). */
  onFailure?: (err: unknown, attempt: number, waitMs: number) => void;
}

/**
 * Runs `attempt` until it resolves, waiting with backoff after each failure. The waits never keep
 * the process alive; an abort ends the loop at once.
 */
export async function retryWithBackoff<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 0; ; n++) {
    options.signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (err) {
      options.signal?.throwIfAborted();
      const waitMs = backoffMs(n, options);
      options.onFailure?.(err, n, waitMs);
      await sleep(waitMs, undefined, { ref: false, ...(options.signal && { signal: options.signal }) });
    }
  }
}
