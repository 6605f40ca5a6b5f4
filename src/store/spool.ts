/**
 * Where incidents wait while the database is unreachable: a bounded in-memory queue plus an
 * append-only spool file (JSON lines of the incident record: ids, verdicts, hashes, never text),
 * synced to disk before the incident is acknowledged. Each process writes its own file
 * (`incidents-<pid>-<instance>.jsonl`); files left by a process that died are adopted and flushed
 * by the next one. Flushing is idempotent since every incident carries its own id.
 */
import { mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import type { Incident } from './store.ts';

export interface SpoolOptions {
  dir: string;
  /** Distinguishes several stores in one process. */
  instanceId: string;
  /** Most incidents held in memory (the file holds the rest). */
  maxInMemory: number;
  logger: Logger;
}

interface Entry {
  incident: Incident;
  /** Whether the spool file holds it (if not, memory is its only copy). */
  inFile: boolean;
}

/** Thrown when an incident can be kept neither in the file nor in memory. */
export class SpoolFullError extends Error {
  constructor(limit: number) {
    super(`the incident spool is full (${limit} in memory) and its file cannot be written`);
    this.name = 'SpoolFullError';
  }
}

const FILE_PATTERN = /^incidents-(\d+)-[\w-]+\.jsonl$/;

export class IncidentSpool {
  readonly file: string;
  readonly #options: SpoolOptions;
  readonly #entries = new Map<string, Entry>();
  /** Incidents only in the file (dropped from memory to stay within bounds). */
  #fileOnly = 0;
  /** Serialises appends and flushes, so a flush never truncates a line it has not read. */
  #lock: Promise<unknown> = Promise.resolve();

  constructor(options: SpoolOptions) {
    this.#options = options;
    this.file = join(options.dir, `incidents-${process.pid}-${options.instanceId}.jsonl`);
  }

  /** Incidents waiting to be written, as far as this process knows. */
  get size(): number {
    return this.#entries.size + this.#fileOnly;
  }

  /** Keeps an incident until the database is back; resolves once it is safe (file synced or held in memory). */
  add(incident: Incident): Promise<void> {
    return this.#exclusive(async () => {
      let inFile = false;
      try {
        await mkdir(this.#options.dir, { recursive: true });
        const handle = await open(this.file, 'a');
        try {
          await handle.appendFile(`${JSON.stringify(incident)}\n`);
          await handle.datasync();
        } finally {
          await handle.close();
        }
        inFile = true;
      } catch (err) {
        this.#options.logger.error({ err, file: this.file, incident: incident.id }, 'incident spool file cannot be written; keeping the incident in memory');
      }
      if (this.#entries.size >= this.#options.maxInMemory) {
        const evictable = [...this.#entries].find(([, e]) => e.inFile);
        if (!inFile || !evictable) throw new SpoolFullError(this.#options.maxInMemory);
        this.#entries.delete(evictable[0]);
        this.#fileOnly += 1;
      }
      this.#entries.set(incident.id, { incident, inFile });
    });
  }

  /** Whether anything may be waiting, here or in files left by dead processes. */
  async pending(): Promise<boolean> {
    return this.size > 0 || (await this.#orphans()).length > 0;
  }

  /**
   * Writes every waiting incident (this process's and those left by dead processes) with
   * `write`; clears the spool only when all were written. Returns how many were written.
   */
  flush(write: (incident: Incident) => Promise<void>): Promise<number> {
    return this.#exclusive(async () => {
      const orphans = await this.#orphans();
      const waiting = new Map<string, Incident>();
      for (const file of [this.file, ...orphans]) for (const incident of await this.#read(file)) waiting.set(incident.id, incident);
      for (const [id, entry] of this.#entries) waiting.set(id, entry.incident);
      for (const incident of waiting.values()) await write(incident);
      this.#entries.clear();
      this.#fileOnly = 0;
      for (const file of [this.file, ...orphans]) await unlink(file).catch(() => undefined);
      if (orphans.length > 0) this.#options.logger.info({ files: orphans.length }, 'incident spool files of a stopped process flushed');
      return waiting.size;
    });
  }

  /** Spool files of processes that are no longer running. */
  async #orphans(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.#options.dir);
    } catch {
      return [];
    }
    return names
      .filter((name) => {
        const pid = Number(FILE_PATTERN.exec(name)?.[1]);
        return Number.isInteger(pid) && pid !== process.pid && !alive(pid);
      })
      .map((name) => join(this.#options.dir, name));
  }

  async #read(file: string): Promise<Incident[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return [];
    }
    const out: Incident[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line) as Incident);
      } catch {
        // A line cut by a crash mid-write was never acknowledged: nothing was promised for it.
        this.#options.logger.warn({ file }, 'incomplete line in the incident spool skipped');
      }
    }
    return out;
  }

  #exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#lock.then(run, run);
    this.#lock = next.catch(() => undefined);
    return next;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
