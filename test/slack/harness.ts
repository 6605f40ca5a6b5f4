/**
 * Sets up one Slack test: a temporary configuration (a blackout window around now, or in the
 * past), the real store (SQLite in a temp dir), the Web API stand-in, and the real Bolt app over
 * HTTP on 127.0.0.1. `close()` takes everything down so the process can exit.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { LiveConfig } from '../../src/runtimeConfig/live.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { startSlackApp, type SlackApp, type SlackAppOptions } from '../../src/slack/app.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { eventEnvelope, postCommand, postEvent, slackTs, type Posted, type SignOptions } from '../../src/standins/slack/signing.ts';
import { SlackStandIn } from '../../src/standins/slack/webApi.ts';

export const SECRET = 'test-signing-secret';
export const ALERT_CHANNEL = 'C0MODS';
export const CHANNEL = 'C0NEWS';
export const AUTHOR = 'U0AUTHOR';
/** Content of the leaked file the configuration knows by its SHA-256. */
export const LEAKED_FILE = 'EMLEAKS test archive content';
export const LEAKED_SHA256 = createHash('sha256').update(LEAKED_FILE).digest('hex');
export const LEAK_URL = 'https://pastebin.com/emleaks-test';

export interface HarnessOptions {
  /** Blackout window around now (default) or over in the past. */
  window?: 'now' | 'past';
  /** Extra YAML appended under `slack:`. */
  slackYaml?: string;
  /** Extra top-level YAML. */
  extraYaml?: string;
  /** Give the app an admin user token (deletion). */
  adminToken?: boolean;
  /** Share this store instead of opening one (two instances). */
  store?: Store;
  /** Share this stand-in instead of starting one. */
  standIn?: SlackStandIn;
  /** Override app options. */
  app?: Partial<SlackAppOptions>;
}

export interface Harness {
  dir: string;
  standIn: SlackStandIn;
  store: Store;
  live: LiveConfig;
  app: SlackApp;
  logger: Logger;
  /** Every log line written so far. */
  logs: string[];
  eventsUrl: string;
  /** Posts a message event (signed) and returns the HTTP answer and the event's ts. */
  postMessage(event: Record<string, unknown>, options?: SignOptions & { eventId?: string }): Promise<Posted & { ts: string }>;
  postCommand(fields: Record<string, string>, options?: SignOptions): Promise<Posted>;
  close(): Promise<void>;
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

/** Test retry policy: real retries, short waits. */
export const FAST_RETRY = { retries: 3, factor: 1, minTimeout: 20, maxTimeout: 50, randomize: false };

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'bg-slack-'));
  const now = Date.now();
  const [start, end] = options.window === 'past' ? [now - 3 * 86_400_000, now - 2 * 86_400_000] : [now - 3_600_000, now + 3_600_000];
  const file = join(dir, 'blackout.yaml');
  await writeFile(
    file,
    `timezone: UTC
language: en
windows:
  - id: test-window
    name: Test election, second round
    start: ${iso(start)}
    end: ${iso(end)}
leaks:
  - id: testleaks
    name: Test leaks
    keywords: [EMLEAKS]
    urls: [pastebin.com/emleaks-test]
    domains: [leakhost.example]
    sha256: ['${LEAKED_SHA256}']
slack:
  alertChannel: ${ALERT_CHANNEL}
${options.slackYaml ?? ''}
store:
  sqlitePath: ${JSON.stringify(join(dir, 'store.db'))}
${options.extraYaml ?? ''}
`,
  );
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const standIn = options.standIn ?? (await SlackStandIn.start());
  const loaded = await loadConfig(file);
  const ownStore = options.store === undefined;
  const store = options.store ?? (await openStore({ sqlitePath: loaded.config.store.sqlitePath, logger }));
  const live = new LiveConfig(loaded);
  await live.attach(store);
  let app: SlackApp;
  try {
    app = await startSlackApp({
      botToken: standIn.botToken,
      signingSecret: SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: standIn.apiUrl,
      live,
      store,
      logger,
      retryConfig: FAST_RETRY,
      ...(options.adminToken && { adminUserToken: standIn.adminToken }),
      ...options.app,
    });
  } catch (err) {
    live.close();
    if (ownStore) await store.close();
    if (!options.standIn) await standIn.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const eventsUrl = `http://127.0.0.1:${app.port}/slack/events`;
  return {
    dir,
    standIn,
    store,
    live,
    app,
    logger,
    logs,
    eventsUrl,
    async postMessage(event, signOptions = {}) {
      const ts = typeof event.ts === 'string' ? event.ts : slackTs();
      const full = { type: 'message', channel: CHANNEL, user: AUTHOR, ts, event_ts: ts, channel_type: 'channel', ...event };
      const { eventId, ...sign } = signOptions;
      const posted = await postEvent(eventsUrl, SECRET, eventEnvelope(full, { teamId: standIn.teamId, ...(eventId !== undefined && { eventId }) }), sign);
      return { ...posted, ts };
    },
    postCommand(fields, signOptions = {}) {
      return postCommand(eventsUrl, SECRET, fields, signOptions);
    },
    async close() {
      await app.stop();
      live.close();
      if (ownStore) await store.close();
      if (!options.standIn) await standIn.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}


/** Waits for a log line whose message is `msg` and whose fields include `fields`. */
export async function waitForLog(h: Harness, msg: string, fields: Record<string, unknown> = {}, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  let found: Record<string, unknown> | undefined;
  await h.standIn.waitFor(`log "${msg}"`, () => {
    found = h.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === msg && Object.entries(fields).every(([k, v]) => l[k] === v));
    return found !== undefined;
  }, timeoutMs);
  return found!;
}

/** Runs `body` against a fresh app and stand-in, always cleaning up. */
export async function withApp(options: HarnessOptions, body: (h: Harness) => Promise<void>): Promise<void> {
  const h = await startHarness(options);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}
