/**
 * Scheduled reminders: before a window opens, when it opens and when it closes, to every
 * configured channel of every platform. Each reminder is a node-cron task in the window's own
 * zone; node-cron's run coordinator asks the store who posts, so that a reminder is posted once
 * across restarts and instances. Reminders missed while the bot was down are caught up at start.
 */
import cron, { type RunCoordinator, type ScheduledTask, type TaskContext } from 'node-cron';
import { DateTime } from 'luxon';
import { renderReminder, type Config } from '../core/index.ts';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { backoffMs } from '../util/retry.ts';
import { catchUp, leadAt, planReminders, stillRelevant, type PlannedReminder } from './plan.ts';
import type { ReminderSink } from './sink.ts';

export interface ReminderOptions {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  sinks: readonly ReminderSink[];
  /** Clock used for catch-up and relevance decisions (tests); cron itself follows the real clock. */
  now?: () => number;
  /**
   * How long a claim protects a reminder being posted; past it, another instance takes over
   * (the claimer died). Also the shortest wait before retrying a failed post. Default 60 s.
   */
  leaseMs?: number;
  /** First wait before retrying a failed post; doubles up to `maxRetryMs`. Default 5 s. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How long after a window's end its `close` reminder is still worth sending. Default 30 min. */
  closeGraceMs?: number;
}

export interface Reminders {
  /** Cancels every cron task and pending retry (posts already under way finish). */
  stop(): void;
  /** Whether a post is under way or a retry or take-over check is pending (tests, shutdown). */
  busy(): boolean;
}

const DEFAULTS = { leaseMs: 60_000, retryMs: 5_000, maxRetryMs: 300_000, closeGraceMs: 30 * 60_000 };

/**
 * Plans and schedules every reminder, catches up missed ones, and replans when the configuration
 * in force changes (a window added or removed by command).
 */
export async function startReminders(options: ReminderOptions): Promise<Reminders> {
  const scheduler = new ReminderScheduler(options);
  await scheduler.replan();
  return scheduler;
}

class ReminderScheduler implements Reminders {
  readonly #live: LiveConfig;
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #sinks: readonly ReminderSink[];
  readonly #now: () => number;
  readonly #leaseMs: number;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #closeGraceMs: number;
  /** Cron tasks by reminder key. */
  readonly #tasks = new Map<string, ScheduledTask>();
  /** Pending retries and take-over checks by reminder key. */
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Keys being delivered by this instance right now. */
  readonly #inFlight = new Set<string>();
  /** The current plan by key, so that retries of a removed reminder stop. */
  #plan = new Map<string, PlannedReminder>();
  #stopped = false;
  /** Deliveries between their first await and the post (claims under way). */
  #delivering = 0;
  readonly #onChange = (): void => {
    this.replan().catch((err: unknown) => this.#logger.error({ err }, 'reminders: replanning failed'));
  };

  constructor(o: ReminderOptions) {
    this.#live = o.live;
    this.#store = o.store;
    this.#logger = o.logger;
    this.#sinks = o.sinks;
    this.#now = o.now ?? Date.now;
    this.#leaseMs = o.leaseMs ?? DEFAULTS.leaseMs;
    this.#retryMs = o.retryMs ?? DEFAULTS.retryMs;
    this.#maxRetryMs = o.maxRetryMs ?? DEFAULTS.maxRetryMs;
    this.#closeGraceMs = o.closeGraceMs ?? DEFAULTS.closeGraceMs;
    this.#live.on('change', this.#onChange);
  }

  /** Plans from the configuration in force, (re)schedules and sends what is due. */
  async replan(): Promise<void> {
    if (this.#stopped) return;
    const config = this.#live.config;
    const plan = planReminders(this.#live.engine.windows, config.reminders);
    this.#plan = new Map(plan.map((r) => [r.key, r]));
    const nowMs = this.#now();
    const { send, skip, future } = catchUp(plan, nowMs, this.#closeGraceMs);

    for (const [key, task] of this.#tasks) {
      if (!this.#plan.has(key) || this.#plan.get(key)!.fireAtMs <= nowMs) this.#destroyTask(key, task);
    }
    for (const [key, timer] of this.#timers) {
      if (!this.#plan.has(key)) {
        clearTimeout(timer);
        this.#timers.delete(key);
      }
    }
    for (const r of future) if (!this.#tasks.has(r.key)) this.#schedule(r);
    for (const r of skip) this.#logger.debug({ reminder: r.key }, 'reminders: missed reminder no longer relevant, skipped');
    this.#logger.info(
      { scheduled: this.#tasks.size, catchUp: send.length, skipped: skip.length, channels: this.#channelCount(config) },
      'reminders planned',
    );
    // Catch-up: sent now, in order, each claimed like a scheduled one (so never twice).
    await Promise.all(send.map((r) => this.#deliver(r, 'catch-up')));
  }

  stop(): void {
    this.#stopped = true;
    this.#live.off('change', this.#onChange);
    for (const [key, task] of this.#tasks) this.#destroyTask(key, task);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  busy(): boolean {
    return this.#inFlight.size > 0 || this.#timers.size > 0 || this.#delivering > 0;
  }

  #channelCount(config: Config): number {
    return this.#sinks.reduce((n, sink) => n + sink.channels(config).length, 0);
  }

  /** One cron task per reminder, firing at its local time in the window's zone. */
  #schedule(r: PlannedReminder): void {
    const at = DateTime.fromMillis(r.fireAtMs, { zone: r.window.zone });
    // Cron has no year: a task for a date over a year away also matches earlier years' dates;
    // the coordinator refuses those slots (their key differs), so only the real one runs.
    const expression = `${at.second} ${at.minute} ${at.hour} ${at.day} ${at.month} *`;
    const coordinator: RunCoordinator = {
      shouldRun: async (key, ttlMs) => key === r.key && this.#store.claimReminder(key, this.#now(), ttlMs),
    };
    const task = cron.schedule(expression, () => this.#post(r), {
      name: r.id,
      timezone: r.window.zone,
      distributed: true,
      runCoordinator: coordinator,
      distributedLease: this.#leaseMs,
      maxExecutions: 1,
      noOverlap: true,
      // A loaded machine may wake up late: still run rather than count it as missed.
      missedExecutionTolerance: 60_000,
    });
    task.on('execution:skipped', (ctx: TaskContext) => {
      if (ctx.date.getTime() !== r.fireAtMs) return; // an earlier year's date, not this reminder
      if (ctx.reason === 'coordinator-error') {
        this.#logger.warn({ reminder: r.key }, 'reminders: store unavailable at fire time, retrying');
        this.#later(r, this.#retryMs, 1);
      } else {
        // Another instance claimed it: check after its lease that it was posted, else take over.
        this.#later(r, this.#leaseMs + 1_000, 0);
      }
    });
    task.on('execution:missed', (ctx: TaskContext) => {
      if (ctx.date.getTime() === r.fireAtMs) void this.#deliver(r, 'missed');
    });
    this.#tasks.set(r.key, task);
  }

  #destroyTask(key: string, task: ScheduledTask): void {
    void Promise.resolve(task.destroy()).catch(() => undefined);
    this.#tasks.delete(key);
  }

  /** Retries or take-over checks. */
  #later(r: PlannedReminder, delayMs: number, attempt: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timers.get(r.key));
    const timer = setTimeout(() => {
      this.#timers.delete(r.key);
      void this.#deliver(r, 'retry', attempt);
    }, delayMs);
    this.#timers.set(r.key, timer);
  }

  /** Claims, then posts (retries and catch-up come here; cron runs claim through the coordinator). */
  async #deliver(r: PlannedReminder, why: 'catch-up' | 'missed' | 'retry', attempt = 0): Promise<void> {
    if (this.#stopped || this.#inFlight.has(r.key) || !this.#plan.has(r.key)) return;
    this.#delivering++;
    try {
      await this.#claimAndPost(r, why, attempt);
    } finally {
      this.#delivering--;
    }
  }

  async #claimAndPost(r: PlannedReminder, why: 'catch-up' | 'missed' | 'retry', attempt: number): Promise<void> {
    if (!stillRelevant(r, this.#now(), this.#closeGraceMs)) {
      this.#logger.info({ reminder: r.key }, 'reminders: no longer relevant, not sent');
      return;
    }
    let claimed: boolean;
    try {
      if (await this.#store.reminderSent(r.key)) return;
      claimed = await this.#store.claimReminder(r.key, this.#now(), this.#leaseMs);
    } catch (err) {
      this.#logger.warn({ err, reminder: r.key, why }, 'reminders: store unavailable, retrying');
      this.#later(r, this.#backoff(attempt), attempt + 1);
      return;
    }
    if (!claimed) {
      this.#later(r, this.#leaseMs + 1_000, 0);
      return;
    }
    await this.#post(r, attempt);
  }

  /** Posts a claimed reminder to every channel that has not had it yet; marks it sent when all did. */
  async #post(r: PlannedReminder, attempt = 0): Promise<void> {
    if (this.#inFlight.has(r.key)) return;
    this.#inFlight.add(r.key);
    try {
      const config = this.#live.config;
      const nowMs = this.#now();
      let failed = 0;
      for (const sink of this.#sinks) {
        const text = renderReminder(r.kind, r.window, sink.language(config), leadAt(r, nowMs));
        for (const channelId of new Set(sink.channels(config))) {
          // Per channel, so a retry after a partial failure does not post twice where it worked.
          const channelKey = `${r.key}>${sink.platform}:${channelId}`;
          try {
            if (await this.#store.reminderSent(channelKey)) continue;
            await sink.post(channelId, text);
          } catch (err) {
            failed++;
            this.#logger.warn({ err, reminder: r.key, platform: sink.platform, channelId }, 'reminders: post failed');
            continue;
          }
          await this.#store.markReminderSent(channelKey, this.#now()).catch((err: unknown) => {
            this.#logger.warn({ err, reminder: r.key, channelId }, 'reminders: could not record a posted reminder');
          });
        }
      }
      if (failed === 0) {
        await this.#store.markReminderSent(r.key, this.#now());
        this.#logger.info({ reminder: r.key, kind: r.kind, window: r.window.id }, 'reminder posted');
      } else {
        // Retried after the lease, when this instance (or another) can claim it again.
        this.#later(r, Math.max(this.#backoff(attempt), this.#leaseMs), attempt + 1);
      }
    } catch (err) {
      this.#logger.warn({ err, reminder: r.key }, 'reminders: store unavailable while posting, retrying');
      this.#later(r, Math.max(this.#backoff(attempt), this.#leaseMs), attempt + 1);
    } finally {
      this.#inFlight.delete(r.key);
    }
  }

  #backoff(attempt: number): number {
    return backoffMs(attempt, { firstMs: this.#retryMs, maxMs: this.#maxRetryMs });
  }
}
