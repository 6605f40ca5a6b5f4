/**
 * A real configuration, store and live configuration for command and scheduler tests: the YAML
 * is written to a temporary folder, the store is the real SQLite store in that folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { LiveConfig } from '../../src/runtimeConfig/live.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';

export const CONFIG_2017 = `
timezone: Europe/Paris
language: en
windows:
  - id: fr-2017-t2
    name: Second round 2017
    start: 2017-05-06T00:00
    end: 2017-05-07T20:00
leaks:
  - id: macronleaks
    name: MacronLeaks
    hashtags: [MacronLeaks]
    urls: [pastebin.com/emleaks-2017]
    fileNames: [EMLEAKS.zip]
  - id: other
    keywords: [OTHERLEAK]
`;

/** Saturday 6 May 2017, noon in Paris: inside the blackout. */
export const IN_WINDOW = Date.parse('2017-05-06T12:00:00+02:00');
/** Friday 5 May 2017, 18:00 in Paris: six hours before it. */
export const BEFORE_WINDOW = Date.parse('2017-05-05T18:00:00+02:00');

export interface Fixture {
  dir: string;
  configFile: string;
  sqlitePath: string;
  logger: Logger;
  store: Store;
  live: LiveConfig;
  /** Opens another store and live configuration on the same files (a restart, or a second instance). */
  reopen(): Promise<{ store: Store; live: LiveConfig }>;
  close(): Promise<void>;
}

export async function openFixture(yaml: string = CONFIG_2017): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'blackout-guard-test-'));
  const configFile = join(dir, 'blackout.yaml');
  const sqlitePath = join(dir, 'store.db');
  await writeFile(configFile, yaml);
  const logger = createLogger({ level: 'silent' });
  const opened: { store: Store; live: LiveConfig }[] = [];
  const open = async (): Promise<{ store: Store; live: LiveConfig }> => {
    const store = await openStore({ sqlitePath, logger, pollMs: 50 });
    const live = new LiveConfig(await loadConfig(configFile));
    await live.attach(store);
    const pair = { store, live };
    opened.push(pair);
    return pair;
  };
  const first = await open();
  return {
    dir,
    configFile,
    sqlitePath,
    logger,
    ...first,
    reopen: open,
    async close() {
      for (const { store, live } of opened.reverse()) {
        live.close();
        await store.close();
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `condition` until it holds or the (generous) deadline passes. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
