/**
 * The configuration file of the one-replica tests: a window open from an hour ago to an hour from
 * now, one leaked URL, alerts in C0MODS, no reminders, and a SQLite file (unused where the store is
 * PostgreSQL).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `blackout.yaml` in `dir` and gives its path. */
export async function writeOpenWindowConfig(dir: string, sqliteFile: string): Promise<string> {
  const now = Date.now();
  const config = join(dir, 'blackout.yaml');
  await writeFile(
    config,
    `timezone: UTC
language: en
windows:
  - {id: now, name: Round two, start: "${new Date(now - 3_600_000).toISOString()}", end: "${new Date(now + 3_600_000).toISOString()}"}
leaks:
  - {id: dump, name: The dump, urls: [pastebin.com/abc]}
slack: {alertChannel: C0MODS}
reminders: {before: [], onOpen: false, onClose: false}
store: {sqlitePath: ${JSON.stringify(join(dir, 'data', sqliteFile))}}
`,
  );
  return config;
}
