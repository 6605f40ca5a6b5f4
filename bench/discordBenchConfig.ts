/**
 * The configuration file of a benchmark's Discord bot: a window open from an hour ago to an hour
 * from now, one leak set, alerts in the stand-in's alert channel, the store in the bench's folder.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Writes `dir/blackout.yaml` with `leak` as its leak set and gives its path. */
export async function writeDiscordBenchConfig(dir: string, alertChannel: string, leak: Record<string, unknown>): Promise<string> {
  const file = join(dir, 'blackout.yaml');
  await writeFile(
    file,
    stringify({
      windows: [{ id: 'bench', start: iso(Date.now() - HOUR), end: iso(Date.now() + HOUR) }],
      leaks: [leak],
      discord: { alertChannel },
      store: { sqlitePath: join(dir, 'bench.db') },
    }),
  );
  return file;
}
