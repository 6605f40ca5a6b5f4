/**
 * The configuration in force: the file's data with the changes made by command laid over it,
 * compiled. Every instance refreshes when any instance stores a change, so a change applies at
 * once without a restart. Each instance also watches its bank files and recompiles when one is
 * replaced (a damaged new bank is refused and the last good one stays in force).
 */
import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import {
  applyChanges,
  compileEngine,
  ConfigError,
  validateConfig,
  type ConfigProblem,
  type Config,
  type ConfigChange,
  type Engine,
} from '../core/index.ts';
import type { Actor, Store, StoredConfigChange } from '../store/store.ts';
import { StoreUnavailableError } from '../store/unavailable.ts';
import type { LoadedConfig } from './load.ts';
import { extraRules, readBanks, type BankStamp, type LeakRules } from './leakRules.ts';

/** How often bank files are checked for a new version (a replaced bank applies within this and its load time). */
export const BANK_POLL_MS = 1000;

export class LiveConfig extends EventEmitter<{ change: [Engine]; bankProblem: [message: string] }> {
  readonly #file: string;
  readonly #raw: unknown;
  #rules: LeakRules;
  #bankTimer: NodeJS.Timeout | undefined;
  #checkingBanks = false;
  #changes: ConfigChange[] = [];
  #engine: Engine;
  #store: Store | undefined;
  #unwatch: (() => void) | undefined;

  constructor(loaded: LoadedConfig) {
    super();
    this.#file = loaded.file;
    this.#raw = loaded.raw;
    this.#rules = loaded.rules;
    this.#engine = loaded.engine;
    if (loaded.rules.bankFiles.length > 0) {
      this.#bankTimer = setInterval(() => void this.checkBanks(), BANK_POLL_MS);
      this.#bankTimer.unref();
    }
  }

  get engine(): Engine {
    return this.#engine;
  }

  get config(): Config {
    return this.#engine.config;
  }

  /** The bank files in force, as last read (a replaced bank has a new stamp). */
  get bankFiles(): readonly BankStamp[] {
    return this.#rules.bankFiles;
  }

  /** Loads the stored changes and follows new ones from every instance. */
  async attach(store: Store): Promise<void> {
    this.#store = store;
    try {
      await this.refresh();
    } catch (err) {
      // Database down at start: the file's configuration is in force until the store is back
      // (it then tells the watcher below, which catches up on the changes made by command).
      if (!(err instanceof StoreUnavailableError)) throw err;
    }
    this.#unwatch = store.watchConfigChanges(() => {
      this.refresh().catch(() => {
        // The store reports its own outages; the configuration in force stays as it was.
      });
    });
  }

  /** Re-reads the stored changes and recompiles when there are new ones (changes are only ever appended). */
  async refresh(): Promise<void> {
    if (!this.#store) return;
    const stored = await this.#store.listConfigChanges();
    if (stored.length === this.#changes.length) return;
    this.#use(stored.map((s) => s.change));
  }

  /**
   * Checks a change against the schema, stores it and applies it. Throws `ConfigError` (nothing
   * stored) when the change would make the configuration invalid.
   */
  async change(change: ConfigChange, actor: Actor, atMs: number): Promise<StoredConfigChange | undefined> {
    const changes = [...this.#changes, change];
    const engine = this.#compile(changes);
    const stored = await this.#store?.addConfigChange(change, actor, atMs);
    this.#apply(changes, engine);
    return stored;
  }

  /** Compiles the file's data with `changes` laid over it, without applying. */
  #compile(changes: readonly ConfigChange[]): Engine {
    const raw = applyChanges(this.#raw, changes);
    const config = validateConfig(raw, `${this.#file} (with changes made by command)`);
    return compileEngine(config, [], extraRules(this.#rules));
  }

  /**
   * Re-reads the banks when any bank file changed (time or size) and recompiles. A bank that is
   * now damaged or missing is reported (`bankProblem`) and the banks in force stay as they were
   * until the file changes again.
   */
  async checkBanks(): Promise<void> {
    if (this.#checkingBanks) return;
    this.#checkingBanks = true;
    try {
      const stamps = this.#rules.bankFiles;
      const now = await Promise.all(stamps.map((s) => stat(s.path).then((i) => [i.mtimeMs, i.size] as const, () => [-1, -1] as const)));
      if (now.every(([mtimeMs, size], i) => stamps[i]!.mtimeMs === mtimeMs && stamps[i]!.size === size)) return;
      const config = validateConfig(this.#raw, this.#file);
      const problems: ConfigProblem[] = [];
      const banks = await readBanks(config, this.#file, () => ({}), problems);
      if (problems.length > 0) {
        // Wait for the next change of the files rather than re-reading a broken bank every tick.
        this.#rules = { ...this.#rules, bankFiles: stamps.map((s, i) => ({ ...s, mtimeMs: now[i]![0], size: now[i]![1] })) };
        for (const p of problems) this.emit('bankProblem', p.message);
        return;
      }
      this.#rules = { ...this.#rules, ...banks };
      this.#use(this.#changes);
    } catch (err) {
      this.emit('bankProblem', `banks not reloaded: ${(err as Error).message}`);
    } finally {
      this.#checkingBanks = false;
    }
  }

  #use(changes: ConfigChange[]): void {
    let engine: Engine;
    try {
      engine = this.#compile(changes);
    } catch (err) {
      if (err instanceof ConfigError) return; // a stored change no longer fits the file: keep the last good one
      throw err;
    }
    this.#apply(changes, engine);
  }

  #apply(changes: ConfigChange[], engine: Engine): void {
    this.#changes = changes;
    this.#engine = engine;
    this.emit('change', engine);
  }

  close(): void {
    clearInterval(this.#bankTimer);
    this.#unwatch?.();
  }
}
