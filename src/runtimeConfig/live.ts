/**
 * The configuration in force: the file's data with the changes made by command laid over it,
 * compiled. Every instance refreshes when any instance stores a change, so a change applies at
 * once without a restart.
 */
import { EventEmitter } from 'node:events';
import {
  applyChanges,
  compileEngine,
  ConfigError,
  validateConfig,
  type Config,
  type ConfigChange,
  type Engine,
  type LeakDocument,
} from '../core/index.ts';
import type { Actor, Store, StoredConfigChange } from '../store/store.ts';
import type { LoadedConfig } from './load.ts';

export class LiveConfig extends EventEmitter<{ change: [Engine] }> {
  readonly #file: string;
  readonly #raw: unknown;
  readonly #documents: readonly LeakDocument[];
  #changes: ConfigChange[] = [];
  #engine: Engine;
  #store: Store | undefined;
  #unwatch: (() => void) | undefined;

  constructor(loaded: LoadedConfig) {
    super();
    this.#file = loaded.file;
    this.#raw = loaded.raw;
    this.#documents = loaded.documents;
    this.#engine = loaded.engine;
  }

  get engine(): Engine {
    return this.#engine;
  }

  get config(): Config {
    return this.#engine.config;
  }

  /** Loads the stored changes and follows new ones from every instance. */
  async attach(store: Store): Promise<void> {
    this.#store = store;
    await this.refresh();
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
    return compileEngine(config, this.#documents);
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
    this.#unwatch?.();
  }
}
