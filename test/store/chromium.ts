/**
 * Headless Chromium for the HTML report test: Debian's `chromium` package, installed by this
 * set-up when missing (CI machines start without it).
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

/** Installs Chromium with apt-get if it is not there. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
  if (update.status !== 0 || install.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error('Chromium is missing and `apt-get install -y chromium` failed');
  }
  return CHROMIUM;
}

/** Runs headless Chromium on a fresh profile with `args` (e.g. --dump-dom URL); returns stdout. */
export async function headlessChromium(args: string[]): Promise<string> {
  const binary = ensureChromium();
  const profile = await mkdtemp(join(tmpdir(), 'bg-chromium-'));
  try {
    const { stdout } = await run(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
