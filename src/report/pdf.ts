/**
 * The audit report as PDF, for filing: the HTML report printed by headless Chromium (A4, the
 * report's own print styles), so both files show the same thing. Chromium is found on the PATH
 * (`chromium`, `chromium-browser`, `google-chrome`) or at `CHROMIUM_PATH`; nothing is downloaded.
 * @see https://developer.chrome.com/docs/chromium/headless
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export class NoChromiumError extends Error {
  constructor() {
    super('a PDF is printed by headless Chromium, and none was found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH');
    this.name = 'NoChromiumError';
  }
}

/** The Chromium to run: CHROMIUM_PATH, else the first of the usual names on the PATH. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const candidates = env.CHROMIUM_PATH?.trim()
    ? [env.CHROMIUM_PATH.trim()]
    : (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => NAMES.map((name) => join(dir, name)));
  for (const path of candidates) {
    try {
      await access(path, constants.X_OK);
      return path;
    } catch {
      // not this one
    }
  }
  throw new NoChromiumError();
}

/** Prints `html` to PDF with headless Chromium on a throw-away profile; resolves to the PDF's bytes. */
export async function htmlToPdf(html: string, options: { chromium?: string; timeoutMs?: number } = {}): Promise<Buffer> {
  const chromium = options.chromium ?? (await findChromium());
  const dir = await mkdtemp(join(tmpdir(), 'blackout-guard-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await writeFile(page, html);
    await run(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        pathToFileURL(page).href,
      ],
      { timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 },
    );
    return await readFile(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
