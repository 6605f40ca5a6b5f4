/**
 * The store over a SQL database (SQLite or PostgreSQL), with outages handled: while the database
 * is unreachable, incidents go to the spool and every other call fails at once with
 * `StoreUnavailableError` (callers carry on); a probe retries in the background and, once the
 * database answers, flushes the spool before the store is declared available again.
 */
import type { ActionName, ConfigChange } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import { retryWithBackoff } from '../util/retry.ts';
import { insertConfigChange, latestConfigChangeId, selectConfigChanges } from './configChange.ts';
import { claimHandledEvent, expireHandledEvents, finishHandledEvent } from './handledEvent.ts';
import { insertIncident, markInterruptedIncidents, newIncident, pendingIncident, selectIncident, selectIncidents } from './incident.ts';
import { claimReminder, markReminderSent, reminderSent } from './reminderClaim.ts';
import { selectLastSeen, upsertLastSeen, type LastSeen } from './channelCursor.ts';
import { claimSweep, saveSweep, selectSweeps, type SweepClaim, type SweepProgress, type SweepRecord } from './sweepProgress.ts';
import type { IncidentSpool } from './spool.ts';
import type { SqlDatabase } from './sqlDatabase.ts';
import type { Actor, Incident, IncidentFilter, IncidentInput, Store, StoredConfigChange } from './store.ts';
import { isOutage, StoreUnavailableError } from './unavailable.ts';
import { expireWarningSlots, releaseWarningSlot, takeWarningSlot } from './warningSlot.ts';

export interface SqlStoreOptions {
  db: SqlDatabase;
  /** Brings the database to a usable state (schema migrated); called again after an outage. */
  ready: () => Promise<void>;
  spool: IncidentSpool;
  logger: Logger;
  /** Names this instance in reminder claims. */
  instanceId: string;
  /** First wait between attempts to reach the database during an outage (doubling, up to 30 ×). */
  retryMs: number;
  /**
   * How long an instance's claim on an event (and its pending incident) holds without news; past
   * it, the instance is taken for dead: its event may be handled again, its incident is marked
   * interrupted.
   */
  leaseMs: number;
  /** Time between checks for configuration changes when the database cannot push them. */
  pollMs: number;
  /** Whether the database answered at open. */
  available: boolean;
}

/** Expired dedupe and rate-limit rows are removed every this many claims. */
const EXPIRE_EVERY = 256;

export class SqlStore implements Store {
  readonly #o: SqlStoreOptions;
  #available: boolean;
  #closed = false;
  #recovering: Promise<void> | undefined;
  readonly #closing = new AbortController();
  #takeoverTimer: NodeJS.Timeout | undefined;
  #claims = 0;
  readonly #listeners = new Set<() => void>();
  #stopWatching: (() => void) | undefined;

  constructor(options: SqlStoreOptions) {
    this.#o = options;
    this.#available = options.available;
    if (!this.#available) this.#startRecovery();
    else void this.#flushLeftovers().then(() => this.#takeOver());
    this.#takeoverTimer = setInterval(() => void this.#takeOver(), Math.max(1_000, options.leaseMs / 2));
    this.#takeoverTimer.unref();
  }

  /** Whether the database is reachable as far as the store knows. */
  get available(): boolean {
    return this.#available && !this.#closed;
  }

  /** Incidents waiting in this store's spool for the database. */
  get spooled(): number {
    return this.#o.spool.size;
  }

  async recordIncident(input: IncidentInput): Promise<Incident> {
    this.#assertOpen();
    const incident = newIncident(input);
    if (this.#available) {
      try {
        await insertIncident(this.#o.db, incident);
        return incident;
      } catch (err) {
        if (isOutage(err)) this.#down(err);
        else this.#o.logger.error({ err, incident: incident.id }, 'incident could not be written; spooling it');
      }
    }
    await this.#spool(incident);
    return incident;
  }

  async #spool(incident: Incident): Promise<void> {
    await this.#o.spool.add(incident);
    this.#o.logger.warn({ incident: incident.id, spooled: this.#o.spool.size }, 'incident spooled until the database is back');
  }

  async openIncident(input: IncidentInput, eventKey: string, intended: ActionName[]): Promise<Incident> {
    this.#assertOpen();
    const fresh = pendingIncident(input, eventKey, intended);
    if (this.#available) {
      try {
        const leaseUntil = Date.now() + this.#o.leaseMs;
        const begun = await selectIncident(this.#o.db, fresh.id);
        // Taking over a dead instance's event: its confirmed outcomes stand; the lease is ours now.
        if (begun && begun.state !== 'complete') {
          const resumed: Incident = { ...begun, state: 'pending' };
          await insertIncident(this.#o.db, resumed, leaseUntil);
          return resumed;
        }
        if (begun) return begun;
        await insertIncident(this.#o.db, fresh, leaseUntil);
        return fresh;
      } catch (err) {
        if (isOutage(err)) this.#down(err);
        else this.#o.logger.error({ err, incident: fresh.id }, 'incident could not be written; spooling it');
      }
    }
    await this.#spool(fresh);
    return fresh;
  }

  async saveIncident(incident: Incident): Promise<void> {
    this.#assertOpen();
    if (this.#available) {
      try {
        await insertIncident(this.#o.db, incident, Date.now() + this.#o.leaseMs);
        return;
      } catch (err) {
        if (isOutage(err)) this.#down(err);
        else this.#o.logger.error({ err, incident: incident.id }, 'incident could not be written; spooling it');
      }
    }
    await this.#spool(incident);
  }

  markInterrupted(nowMs: number): Promise<number> {
    return this.#use('marking interrupted incidents', (db) => markInterruptedIncidents(db, nowMs));
  }

  finishEvent(key: string): Promise<void> {
    return this.#use('finishing an event', (db) => finishHandledEvent(db, key));
  }

  listIncidents(filter?: IncidentFilter): Promise<Incident[]> {
    return this.#use('listing incidents', (db) => selectIncidents(db, filter));
  }

  claimEvent(key: string, atMs: number): Promise<boolean> {
    return this.#use('claiming an event', async (db) => {
      await this.#expireNowAndThen(atMs);
      return claimHandledEvent(db, key, atMs, this.#o.leaseMs);
    });
  }

  takeWarningSlot(key: string, atMs: number, intervalMs: number): Promise<boolean> {
    return this.#use('taking a warning slot', async (db) => {
      await this.#expireNowAndThen(atMs);
      return takeWarningSlot(db, key, atMs, intervalMs);
    });
  }

  releaseWarningSlot(key: string, atMs: number): Promise<void> {
    return this.#use('releasing a warning slot', (db) => releaseWarningSlot(db, key, atMs));
  }

  claimReminder(key: string, atMs: number, leaseMs: number): Promise<boolean> {
    return this.#use('claiming a reminder', (db) => claimReminder(db, key, atMs, leaseMs, this.#o.instanceId));
  }

  markReminderSent(key: string, atMs: number): Promise<void> {
    return this.#use('marking a reminder sent', (db) => markReminderSent(db, key, atMs, this.#o.instanceId));
  }

  reminderSent(key: string): Promise<boolean> {
    return this.#use('reading a reminder', (db) => reminderSent(db, key));
  }

  async addConfigChange(change: ConfigChange, actor: Actor, atMs: number): Promise<StoredConfigChange> {
    const stored = await this.#use('storing a configuration change', (db) => insertConfigChange(db, change, actor, atMs));
    if (this.#o.db.announce) {
      await this.#o.db.announce().catch((err: unknown) => {
        this.#o.logger.warn({ err }, 'configuration change stored but other instances could not be told at once');
      });
    }
    // Listeners of this very store hear at once; other instances by NOTIFY or by polling.
    this.#notify();
    return stored;
  }

  listConfigChanges(): Promise<StoredConfigChange[]> {
    return this.#use('listing configuration changes', (db) => selectConfigChanges(db));
  }

  watchConfigChanges(listener: () => void): () => void {
    this.#listeners.add(listener);
    if (!this.#stopWatching && !this.#closed) this.#stopWatching = this.#watch();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#stopWatching?.();
        this.#stopWatching = undefined;
      }
    };
  }

  claimSweep(key: string, atMs: number, leaseMs: number): Promise<SweepClaim> {
    return this.#use('claiming a sweep', (db) => claimSweep(db, key, this.#o.instanceId, atMs, leaseMs));
  }

  saveSweep(key: string, progress: SweepProgress, atMs: number, leaseMs: number, done = false): Promise<boolean> {
    return this.#use('saving sweep progress', (db) => saveSweep(db, key, this.#o.instanceId, progress, atMs, leaseMs, done));
  }

  listSweeps(sinceMs: number): Promise<SweepRecord[]> {
    return this.#use('listing sweeps', (db) => selectSweeps(db, sinceMs));
  }

  markSeen(seen: readonly LastSeen[]): Promise<void> {
    return this.#use('recording the last messages seen', (db) => upsertLastSeen(db, seen));
  }

  lastSeen(prefix: string): Promise<LastSeen[]> {
    return this.#use('reading the last messages seen', (db) => selectLastSeen(db, prefix));
  }

  /** Removes expired event and warning rows (also done every few hundred claims). */
  async expire(nowMs: number): Promise<{ events: number; warnings: number }> {
    return this.#use('expiring old rows', async (db) => ({
      events: await expireHandledEvents(db, nowMs),
      warnings: await expireWarningSlots(db, nowMs),
    }));
  }

  /** Writes spooled incidents now (when the database is reachable); returns how many. */
  async flushSpool(): Promise<number> {
    this.#assertOpen();
    return this.#o.spool.flush(async (incident) => {
      // A pending one gets a lease from now: if its instance is gone, it is marked after it.
      await insertIncident(this.#o.db, incident, Date.now() + this.#o.leaseMs);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort();
    clearInterval(this.#takeoverTimer);
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    this.#listeners.clear();
    await this.#recovering?.catch(() => undefined);
    await this.#o.db.close();
  }

  async #use<T>(what: string, run: (db: SqlDatabase) => Promise<T>): Promise<T> {
    this.#assertOpen();
    if (!this.#available) throw new StoreUnavailableError(what);
    try {
      return await run(this.#o.db);
    } catch (err) {
      if (!isOutage(err)) throw err;
      this.#down(err);
      throw new StoreUnavailableError(what, { cause: err });
    }
  }

  async #expireNowAndThen(atMs: number): Promise<void> {
    this.#claims += 1;
    if (this.#claims % EXPIRE_EVERY !== 0) return;
    await expireHandledEvents(this.#o.db, atMs);
    await expireWarningSlots(this.#o.db, atMs);
  }

  #down(err: unknown): void {
    if (!this.#available || this.#closed) return;
    this.#available = false;
    this.#o.logger.error({ err }, 'database unreachable: incidents are spooled, other store calls fail until it is back');
    this.#startRecovery();
  }

  /** Probes the database with backoff until it answers, flushes the spool, then declares it back. */
  #startRecovery(): void {
    if (this.#closed || this.#recovering) return;
    const retryMs = this.#o.retryMs;
    this.#recovering = retryWithBackoff(
      async () => {
        await this.#o.ready();
        return this.flushSpool();
      },
      {
        firstMs: retryMs,
        maxMs: retryMs * 30,
        signal: this.#closing.signal,
        onFailure: (err) => this.#o.logger.debug({ err }, 'database still unreachable'),
      },
    )
      .then((written) => {
        if (this.#closed) return;
        this.#available = true;
        this.#o.logger.info({ flushed: written }, 'database reachable again; spooled incidents written');
        // Changes made elsewhere during the outage may have been missed.
        this.#notify();
        void this.#takeOver();
      })
      .catch(() => undefined) // aborted by close()
      .finally(() => {
        this.#recovering = undefined;
      });
  }

  /** Marks what dead instances left half done (their pending incidents), once their lease is over. */
  async #takeOver(): Promise<void> {
    if (!this.#available || this.#closed) return;
    try {
      const marked = await this.markInterrupted(Date.now());
      if (marked > 0) this.#o.logger.warn({ incidents: marked }, 'incidents left pending by a stopped instance marked interrupted');
    } catch (err) {
      this.#o.logger.debug({ err }, 'interrupted incidents could not be checked');
    }
  }

  /** Writes spool files left by a previous run (a crash during an outage) at start. */
  async #flushLeftovers(): Promise<void> {
    try {
      if (!(await this.#o.spool.pending())) return;
      const written = await this.flushSpool();
      this.#o.logger.info({ flushed: written }, 'incidents spooled by an earlier run written');
    } catch (err) {
      if (this.#closed) return;
      if (isOutage(err)) this.#down(err);
      else this.#o.logger.error({ err }, 'spooled incidents could not be written');
    }
  }

  #watch(): () => void {
    if (this.#o.db.listen) return this.#o.db.listen(() => this.#notify());
    // No push from SQLite: poll the newest change id (one indexed lookup).
    let last: number | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async (): Promise<void> => {
      try {
        if (this.#available) {
          const latest = await latestConfigChangeId(this.#o.db);
          // The first look reports too: a change may have come just before following began.
          if (latest !== last) this.#notify();
          last = latest;
        }
      } catch (err) {
        if (isOutage(err)) this.#down(err);
        else this.#o.logger.warn({ err }, 'configuration changes could not be checked');
      }
      if (!stopped) {
        timer = setTimeout(() => void poll(), this.#o.pollMs);
        timer.unref();
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (err) {
        this.#o.logger.warn({ err }, 'a configuration change listener failed');
      }
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the store is closed');
  }
}
