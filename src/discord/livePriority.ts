/**
 * Keeps live moderation ahead of sweeps on Discord's global rate limit (50 requests/s per bot).
 * discord.js keeps that limit with one fixed one-second window per REST manager, first come first
 * served and without priorities: a sweep reading history as fast as allowed would spend a window's
 * allowance and make a live warning wait for the next window (measured: live p99 from 11 ms to
 * 300 ms, up to 600 ms while the sweep lists channels). So every request of a sweep (channel and thread listing, history pages, deletions,
 * notices) goes through `run()`, which sends it only while what is left of discord.js's current
 * window (less the sweep's requests let through but still waiting on a route's bucket) covers what
 * live moderation may need until that window ends: its recent demand (live requests per second,
 * seen as they are sent, by wrapping the REST manager's `makeRequest`; the sweep's are told apart
 * by their async context), plus some jitter, or a margin rate for live traffic that starts during
 * a sweep before it is measured, for the time left, and one live message's burst. The reserve
 * shrinks as the window runs out, so without live traffic a sweep gets all of each window but
 * that burst (47 of 50).
 *
 * Several processes: discord.js's limiter, and this gate, see only their own process, while
 * Discord counts per bot token. Under a ShardingManager each process's sweeps are capped to its
 * shards' share of the limit (`share`), so that sweeps in every shard at once stay within it; live
 * traffic of other processes is not seen, and is assumed to fit in what the caps leave.
 * @see https://discord.com/developers/docs/topics/rate-limits#global-rate-limit
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { REST, RESTOptions } from 'discord.js';

/**
 * Requests per second kept free for live moderation when little or none is measured: room for
 * live traffic that starts during a sweep, before it is measured (8 live messages a second, each
 * warned, deleted and alerted).
 */
export const MARGIN_RATE = 25;

/** Requests per second kept free on top of a measured live demand (its jitter: a few messages). */
export const JITTER_RATE = 8;

/**
 * Requests kept free at any time: live moderation comes in bursts (one message's warning,
 * deletion and alert at once), not evenly.
 */
export const LIVE_BURST = 3;

/** How often a waiting sweep looks again (the reserve it must leave shrinks as the window runs out). */
const POLL_MS = 5;

/** What decides whether a sweep request may go now. */
export interface Allowance {
  /** Requests left in discord.js's current window (its whole limit when no window is open). */
  remaining: number;
  /** Milliseconds until that window ends (0 when none is open: the request opens one). */
  msLeft: number;
  /** Live moderation's expected requests per second. */
  liveDemand: number;
  /** Sweep requests sent in the last second, and this process's cap on them. */
  sweepLastSecond: number;
  sweepCap: number;
  /** The whole limit per window (discord.js's `globalRequestsPerSecond`). */
  limit: number;
  /** Requests per second kept free when little live demand is measured (default MARGIN_RATE). */
  marginRate?: number;
}

/**
 * Whether one more sweep request may be sent: it must leave in the window what live moderation
 * may need until the window ends (its measured demand and some jitter, or the margin rate when
 * that is more, for the time left, and one burst at any time: a request held by discord.js
 * waits for the window's end and 50 ms more), and keep the sweep under its cap. A live demand
 * taking the whole limit leaves a sweep one request a window. Pure.
 */
export function sweepMayGo(a: Allowance): boolean {
  if (a.sweepLastSecond >= a.sweepCap) return false;
  const windowMs = 1_000;
  const msLeft = a.msLeft > 0 ? Math.min(a.msLeft, windowMs) : windowMs;
  const rate = Math.min(a.limit - 1, Math.max(a.liveDemand + JITTER_RATE, a.marginRate ?? MARGIN_RATE));
  // Rounded down: the burst's room covers a fraction of a request.
  return a.remaining - 1 >= Math.min(a.limit - 1, Math.floor((rate * msLeft) / windowMs) + LIVE_BURST);
}

export interface LivePriorityOptions {
  /** This process's share of the bot's global limit (its shards over all shards); 1 alone. */
  share?: number;
  marginRate?: number;
}

export class LivePriority {
  readonly #rest: REST;
  readonly #limit: number;
  readonly #cap: number;
  readonly #marginRate: number;
  /** Which requests are the sweeps': their async context carries their grant. */
  readonly #sweepContext = new AsyncLocalStorage<{ sent: boolean }>();
  /** When each of the sweeps' requests was let through, last second. */
  readonly #granted: number[] = [];
  /** Sweep requests let through but not sent yet (waiting on a route's bucket in discord.js). */
  #pending = 0;
  /** When each live request was sent, last two seconds. */
  readonly #live: number[] = [];
  /** Decisions are taken one at a time. */
  #turns: Promise<void> = Promise.resolve();

  constructor(rest: REST, options: LivePriorityOptions = {}) {
    this.#rest = rest;
    this.#limit = rest.options.globalRequestsPerSecond;
    this.#cap = Math.max(1, Math.floor(this.#limit * Math.min(1, options.share ?? 1)));
    this.#marginRate = options.marginRate ?? MARGIN_RATE;
    // Every request of the bot, live or sweep, is seen as it is sent: discord.js counts it against
    // its window in the same synchronous step, just before handing it to `makeRequest`.
    const restOptions = rest.options as { makeRequest: RESTOptions['makeRequest'] };
    const send = restOptions.makeRequest;
    restOptions.makeRequest = (url, init) => {
      this.#sent(Date.now());
      return send(url, init);
    };
  }

  /** Sends one sweep request (`request` makes exactly one REST call) when live moderation can spare it. */
  async run<T>(request: () => Promise<T>): Promise<T> {
    const turn = this.#turns.then(() => this.#wait());
    this.#turns = turn.catch(() => undefined);
    await turn;
    this.#granted.push(Date.now());
    this.#pending += 1;
    const grant = { sent: false };
    try {
      return await this.#sweepContext.run(grant, request);
    } finally {
      // A request that ended without being sent (refused before, or failed) is no longer pending.
      if (!grant.sent) this.#pending -= 1;
    }
  }

  /** Live moderation's requests per second, as expected now. */
  liveDemand(now = Date.now()): number {
    prune(this.#live, now - 2_000);
    const since = (ms: number) => countSince(this.#live, now - ms);
    // The last second, the last quarter-second scaled up (to react within a message or two when
    // live traffic starts), and the second before (a lull of a second is not the end of it).
    return Math.max(since(1_000), since(250) * 4, since(2_000) - since(1_000));
  }

  #sent(now: number): void {
    const grant = this.#sweepContext.getStore();
    if (!grant) {
      this.#live.push(now);
      return;
    }
    if (!grant.sent) {
      grant.sent = true;
      this.#pending -= 1;
    }
  }

  async #wait(): Promise<void> {
    for (;;) {
      const now = Date.now();
      prune(this.#granted, now - 1_000);
      const open = this.#rest.globalReset > now;
      const go = sweepMayGo({
        // Requests let through but not sent yet will take their place in the window.
        remaining: (open ? this.#rest.globalRemaining : this.#limit) - this.#pending,
        msLeft: open ? this.#rest.globalReset - now : 0,
        liveDemand: this.liveDemand(now),
        sweepLastSecond: this.#granted.length,
        sweepCap: this.#cap,
        limit: this.#limit,
        marginRate: this.#marginRate,
      });
      if (go) return;
      await sleep(POLL_MS);
    }
  }
}

/** Times at or after `fromMs` (times in ascending order). */
function countSince(times: number[], fromMs: number): number {
  let i = times.length;
  while (i > 0 && times[i - 1]! >= fromMs) i--;
  return times.length - i;
}

function prune(times: number[], beforeMs: number): void {
  let i = 0;
  while (i < times.length && times[i]! < beforeMs) i++;
  if (i > 0) times.splice(0, i);
}

const GATES = new WeakMap<REST, LivePriority>();

/** The one gate of a client's REST manager (shared by the sweeps of all its guilds). */
export function livePriority(rest: REST, options?: LivePriorityOptions): LivePriority {
  let gate = GATES.get(rest);
  if (!gate) {
    gate = new LivePriority(rest, options);
    GATES.set(rest, gate);
  }
  return gate;
}
