/**
 * Test harness: the Discord stand-in, a configuration written for the test (a window around now
 * or in the past, a leak set), the real SQLite store in a temp folder, and the bot started in
 * this process. Everything is torn down by `close()`.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { LiveConfig } from '../../src/runtimeConfig/live.ts';
import { startDiscordBot, type DiscordBot, type MessageHandled } from '../../src/discord/bot.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { DiscordStandIn, type StandInOptions } from '../../src/standins/discord/standin.ts';
import type { GuildIds } from '../../src/standins/discord/world.ts';

/** The leaked file's content, its SHA-256 configured in the leak set. */
export const LEAKED_FILE = 'contenu du fichier divulgué EMLEAKS-2017\n';
export const LEAKED_SHA256 = createHash('sha256').update(LEAKED_FILE).digest('hex');
export const LEAK_URL = 'https://pastebin.example/emleaks-2017';
/** A message sharing the leak (a configured URL). */
export const SHARE = `les documents sont ici ${LEAK_URL}`;
/** A message mentioning the leak (a configured hashtag) without sharing it. */
export const MENTION = 'vous avez vu passer #MacronLeaks ? ne partagez rien';
export const CLEAN = 'bonjour à tous, le bureau de vote ouvre à 8 h';

export interface HarnessOptions {
  /** Where the window sits: around now (default) or well in the past. */
  window?: 'now' | 'past';
  standIn?: StandInOptions;
  /** Extra top-level configuration keys (merged over the defaults), possibly from the stand-in's ids. */
  config?: Record<string, unknown> | ((ids: GuildIds) => Record<string, unknown>);
  /** Start the bot (default true). */
  startBot?: boolean;
}

export interface Harness {
  standIn: DiscordStandIn;
  dir: string;
  configFile: string;
  store: Store;
  live: LiveConfig;
  logger: Logger;
  /** Every log line written, for privacy assertions. */
  logs: string[];
  /** Every message event the bot reported, in order. */
  handled: MessageHandled[];
  bot?: DiscordBot;
  close(): Promise<void>;
}

/** Writes the test configuration and returns its path. */
export async function writeConfig(dir: string, ids: GuildIds, options: HarnessOptions = {}): Promise<string> {
  const now = Date.now();
  const hour = 3_600_000;
  const [start, end] = options.window === 'past' ? [now - 72 * hour, now - 48 * hour] : [now - hour, now + hour];
  const config = {
    timezone: 'Europe/Paris',
    language: 'fr',
    windows: [{ id: 'test-window', name: 'Test window', start: iso(start), end: iso(end) }],
    leaks: [
      {
        id: 'emleaks',
        name: 'Test leak',
        hashtags: ['MacronLeaks'],
        keywords: ['EMLEAKS'],
        urls: ['pastebin.example/emleaks-2017'],
        domains: ['leakmirror.example'],
        sha256: [LEAKED_SHA256],
        fileNames: ['EMLEAKS.zip'],
      },
    ],
    discord: { alertChannel: ids.alerts },
    store: { sqlitePath: join(dir, 'store.db') },
    ...(typeof options.config === 'function' ? options.config(ids) : options.config),
  };
  const file = join(dir, 'blackout.yaml');
  await writeFile(file, stringify(config));
  return file;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Starts everything. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'blackout-discord-'));
  const standIn = await DiscordStandIn.start(options.standIn);
  const logs: string[] = [];
  const logger = createLogger({
    level: process.env.TEST_LOG_LEVEL ?? 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        if (process.env.TEST_LOG) process.stderr.write(chunk);
        done();
      },
    }),
  });
  const configFile = await writeConfig(dir, standIn.ids, options);
  const loaded = await loadConfig(configFile);
  const store = await openStore({ sqlitePath: loaded.config.store.sqlitePath, logger, pollMs: 100 });
  const live = new LiveConfig(loaded);
  await live.attach(store);
  let bot: DiscordBot | undefined;
  const handledEvents: MessageHandled[] = [];
  const close = async () => {
    await bot?.stop();
    live.close();
    await store.close();
    await standIn.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (options.startBot !== false) {
      bot = await startDiscordBot({ token: standIn.token, apiUrl: standIn.apiUrl, live, store, logger, hashKey: 'test-hash-key' });
      bot.events.on('handled', (e) => handledEvents.push(e));
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { standIn, dir, configFile, store, live, logger, logs, handled: handledEvents, ...(bot && { bot }), close };
}

/** Polls `check` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the bot has finished with a message event (every API call it made is answered). */
export async function handled(h: Harness, messageId: string, options: { edited?: boolean } = {}): Promise<MessageHandled> {
  return eventually(
    () => h.handled.find((e) => e.messageId === messageId && e.edited === (options.edited ?? false)),
    `the bot to handle message ${messageId}`,
  );
}

/** The incident recorded for a message, once complete (it is written ahead, pending, before acting). */
export async function incidentFor(h: Harness, messageId: string) {
  return eventually(
    async () => (await h.store.listIncidents()).find((i) => i.messageId === messageId && i.state !== 'pending'),
    `the incident of message ${messageId}`,
  );
}

/** This process's environment without any platform credential or database from the developer's shell. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(DISCORD|SLACK)_|^DATABASE_URL$/.test(key)) delete env[key];
  return { ...env, LOG_LEVEL: 'info', ...extra };
}
