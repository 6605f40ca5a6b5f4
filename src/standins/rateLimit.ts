/**
 * Rate limits enforced by the stand-ins, as the platforms publish them: a fixed number of calls
 * per window for each bucket (a route and its top-level resource on Discord, a method on Slack).
 * A call over the limit is refused with 429 and how long to wait.
 * @see https://discord.com/developers/docs/topics/rate-limits
 * @see https://api.slack.com/apis/rate-limits
 */
export interface RateLimitRule {
  /** Calls allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  /** Whether the call may go through. */
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the bucket refills. */
  resetAfterMs: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, { startMs: number; used: number }>();
  /** Calls refused, by bucket. */
  readonly refused = new Map<string, number>();
  /** Calls let through, by bucket. */
  readonly allowed = new Map<string, number>();

  /** Counts one call in `bucket` under `rule`. */
  take(bucket: string, rule: RateLimitRule, nowMs = Date.now()): RateLimitState {
    let state = this.#buckets.get(bucket);
    if (!state || nowMs - state.startMs >= rule.windowMs) {
      state = { startMs: nowMs, used: 0 };
      this.#buckets.set(bucket, state);
    }
    const resetAfterMs = Math.max(0, state.startMs + rule.windowMs - nowMs);
    if (state.used >= rule.limit) {
      this.refused.set(bucket, (this.refused.get(bucket) ?? 0) + 1);
      return { allowed: false, limit: rule.limit, remaining: 0, resetAfterMs };
    }
    state.used += 1;
    this.allowed.set(bucket, (this.allowed.get(bucket) ?? 0) + 1);
    return { allowed: true, limit: rule.limit, remaining: rule.limit - state.used, resetAfterMs };
  }
}
