/**
 * When to sweep, for every platform workspace the process serves: when a window opens (timers
 * planned from the configuration), when a leak set gains share rules (a configuration change),
 * at start and after a connection that could not resume (from the last message seen in each
 * channel), and on demand (`/blackout sweep`, `blackout-guard sweep`). Sweeps run one after the
 * other, off the live message path; the store makes each channel's part of a sweep happen once
 * across shards and replicas.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Engine } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import type { ChannelHistory } from '../platform/index.ts';
import type { Env } from '../runtimeConfig/env.ts';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Store } from '../store/store.ts';
import { LastSeenTracker } from './lastSeen.ts';
import { addedRules, rulesSweepId, shareRules } from './ruleSet.ts';
import { runSweep, type SweepDeps, type SweepReport, type SweepRequest } from './sweep.ts';

/** setTimeout's longest delay; a window further away is re-planned when that runs out. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How many times a sweep is run again for channels another instance held (alive and sweeping, or
 * dead with its lease running): each time after the lease, until none is held.
 */
const HELD_RETRIES = 10;

const DEFAULT_LEASE_MS = 60_000;

export interface SweepServiceOptions {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  hashKey?: string;
  /** How long a channel's claim lasts without progress (default 60 s, `SWEEP_LEASE_MS`). */
  leaseMs?: number;
  /** Told after each page of history (a progress bar). */
  onProgress?: SweepDeps['onProgress'];
  now?: () => number;
}

/** What `/blackout status` shows of one sweep. */
export interface SweepStatus {
  id: string;
  channelsDone: number;
  channelsRunning: number;
  scanned: number;
  found: number;
  removed: number;
  updatedAt: number;
}

export interface OnDemandSweep {
  /** Only this channel (and its threads). */
  channelId?: string;
  /** Messages posted since then (default: `sweep.lookback` ago). */
  sinceMs?: number;
  /** Only this platform workspace. */
  workspaceId?: string;
}

/** The sweep service of a process, with its key and lease from the environment (`BLACKOUT_HASH_KEY`, `SWEEP_LEASE_MS`). */
export function sweepServiceFromEnv(
  env: Pick<Env, 'hashKey' | 'sweepLeaseMs'>,
  deps: Pick<SweepServiceOptions, 'live' | 'store' | 'logger' | 'onProgress'>,
): SweepService {
  return new SweepService({
    ...deps,
    ...(env.hashKey !== undefined && { hashKey: env.hashKey }),
    ...(env.sweepLeaseMs !== undefined && { leaseMs: env.sweepLeaseMs }),
  });
}

export class SweepService {
  readonly lastSeen: LastSeenTracker;
  readonly #o: SweepServiceOptions;
  readonly #sources = new Map<string, ChannelHistory>();
  /** Window-opening timers (re-planned on every configuration change). */
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Sweeps to run again for channels another instance held. */
  readonly #retries = new Set<NodeJS.Timeout>();
  #queue: Promise<unknown> = Promise.resolve();
  #rules: Set<string>;
  #closed = false;
  readonly #onChange = (engine: Engine) => this.#configChanged(engine);

  constructor(options: SweepServiceOptions) {
    this.#o = options;
    this.lastSeen = new LastSeenTracker(options.store, options.logger);
    this.#rules = shareRules(options.live.config, options.live.bankFiles);
  }

  get #now(): number {
    return (this.#o.now ?? Date.now)();
  }

  get #enabled(): boolean {
    return this.#o.live.config.sweep.enabled;
  }

  /** Plans the window-opening sweeps and follows configuration changes. */
  start(): void {
    this.#o.live.on('change', this.#onChange);
    this.#plan();
  }

  /**
   * Serves one workspace. With `catchUp`, sweeps at once what it may have missed: every window
   * open now (once per window across restarts and instances), and what was posted since the last
   * message seen (at start, or after a connection that could not resume).
   */
  addSource(source: ChannelHistory, options: { catchUp?: boolean } = {}): void {
    this.#sources.set(`${source.platform}:${source.workspaceId}`, source);
    if (options.catchUp) void this.catchUp(source);
  }

  removeSource(platform: string, workspaceId: string): void {
    this.#sources.delete(`${platform}:${workspaceId}`);
  }

  /** Sweeps one workspace for what it may have missed (see `addSource`). */
  async catchUp(source: ChannelHistory): Promise<SweepReport[]> {
    if (!this.#enabled) return [];
    const now = this.#now;
    const reports: SweepReport[] = [];
    for (const window of this.#o.live.engine.windows) {
      if (window.startMs <= now && now < window.endMs) reports.push(...(await this.sweep(this.#windowRequest(window.id), [source])));
    }
    const seen = await this.#o.store.lastSeen(`${source.platform}:${source.workspaceId}:`).catch((err: unknown) => {
      this.#o.logger.warn({ err, platform: source.platform }, 'last messages seen unavailable; no catch-up sweep');
      return [];
    });
    if (seen.length === 0) return reports;
    const floor = now - this.#o.live.config.sweep.lookback;
    // Channels with no record are read from the newest message seen anywhere in the workspace:
    // the bot was up until about then.
    const latest = Math.max(...seen.map((s) => s.atMs));
    const channelSince = new Map(seen.map((s) => [s.key.split(':').pop()!, Math.max(floor, s.atMs + 1)]));
    const id = `catchup:${createHash('sha256').update(seen.map((s) => `${s.key}=${s.messageId}`).join('\n')).digest('hex').slice(0, 16)}`;
    reports.push(...(await this.sweep({ id, reason: 'catch-up after downtime', sinceMs: Math.max(floor, latest + 1), channelSince }, [source])));
    return reports;
  }

  /** An admin's sweep (`/blackout sweep`, `blackout-guard sweep`). */
  onDemand(request: OnDemandSweep): Promise<SweepReport[]> {
    const sinceMs = request.sinceMs ?? this.#now - this.#o.live.config.sweep.lookback;
    const sources = [...this.#sources.values()].filter((s) => request.workspaceId === undefined || s.workspaceId === request.workspaceId);
    return this.sweep(
      { id: `manual:${randomUUID()}`, reason: 'asked by an admin', sinceMs, ...(request.channelId !== undefined && { channelIds: [request.channelId] }) },
      sources,
    );
  }

  /** Runs a sweep over the given workspaces (default: all), after any sweep already running. */
  sweep(request: SweepRequest, sources: ChannelHistory[] = [...this.#sources.values()], attempt = 0): Promise<SweepReport[]> {
    const run = this.#queue.then(async () => {
      const reports: SweepReport[] = [];
      for (const source of sources) {
        if (this.#closed) break;
        try {
          const report = await runSweep(this.#deps(), source, request);
          reports.push(report);
          // A channel held by an instance that died is taken over once its lease runs out.
          if (report.heldElsewhere > 0 && attempt < HELD_RETRIES) this.#later(request, source, attempt + 1);
        } catch (err) {
          this.#o.logger.error({ err, sweep: request.id, platform: source.platform, workspace: source.workspaceId }, 'sweep failed');
        }
      }
      return reports;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #later(request: SweepRequest, source: ChannelHistory, attempt: number): void {
    const timer = setTimeout(() => {
      this.#retries.delete(timer);
      if (!this.#closed) void this.sweep(request, [source], attempt);
    }, (this.#o.leaseMs ?? DEFAULT_LEASE_MS) + 250);
    timer.unref();
    this.#retries.add(timer);
  }

  /** Sweeps of the last day: running and done, with their counts. */
  async status(sinceMs = this.#now - 24 * 3_600_000): Promise<SweepStatus[]> {
    const records = await this.#o.store.listSweeps(sinceMs);
    const byId = new Map<string, SweepStatus>();
    for (const r of records) {
      // key = `${sweep id}:${platform}:${workspace}:${channel}`; the sweep id may hold colons.
      const id = r.key.split(':').slice(0, -3).join(':');
      const s = byId.get(id) ?? { id, channelsDone: 0, channelsRunning: 0, scanned: 0, found: 0, removed: 0, updatedAt: 0 };
      if (r.doneAt !== null) s.channelsDone += 1;
      else s.channelsRunning += 1;
      s.scanned += r.progress.scanned;
      s.found += r.progress.found;
      s.removed += r.progress.removed;
      s.updatedAt = Math.max(s.updatedAt, r.updatedAt);
      byId.set(id, s);
    }
    return [...byId.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Stops planning sweeps; the running one ends after its current source. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#o.live.off('change', this.#onChange);
    for (const t of [...this.#timers, ...this.#retries]) clearTimeout(t);
    this.#timers.clear();
    this.#retries.clear();
    await this.lastSeen.close();
  }

  #deps() {
    return {
      engine: () => this.#o.live.engine,
      store: this.#o.store,
      logger: this.#o.logger,
      leaseMs: this.#o.leaseMs ?? DEFAULT_LEASE_MS,
      ...(this.#o.hashKey !== undefined && { hashKey: this.#o.hashKey }),
      ...(this.#o.now && { now: this.#o.now }),
      ...(this.#o.onProgress && { onProgress: this.#o.onProgress }),
    };
  }

  #windowRequest(windowId: string): SweepRequest {
    const window = this.#o.live.engine.windows.find((w) => w.id === windowId)!;
    return { id: `window:${window.id}:${window.startMs}`, reason: `${window.name} opened`, sinceMs: window.startMs - this.#o.live.config.sweep.lookback };
  }

  /** One timer per window still to open. */
  #plan(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    if (this.#closed) return;
    const now = this.#now;
    for (const window of this.#o.live.engine.windows) {
      if (window.startMs <= now) continue;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (this.#now < window.startMs) return this.#plan();
        if (this.#enabled) void this.sweep(this.#windowRequest(window.id));
      }, Math.min(MAX_TIMER_MS, window.startMs - now));
      timer.unref();
      this.#timers.add(timer);
    }
  }

  #configChanged(engine: Engine): void {
    this.#plan();
    const next = shareRules(engine.config, this.#o.live.bankFiles);
    const added = addedRules(this.#rules, next);
    this.#rules = next;
    if (added.length === 0 || !this.#enabled) return;
    this.#o.logger.info({ added: added.length }, 'share rules added: sweeping recent history');
    void this.sweep({ id: rulesSweepId(added), reason: 'rules added', sinceMs: this.#now - engine.config.sweep.lookback });
  }
}
