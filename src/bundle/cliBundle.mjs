/**
 * The command line bundled by esbuild into plain JavaScript, what `bin/blackout-guard.js` runs:
 * a module for what every command loads and one for each command and each part loaded on demand
 * (esbuild's code splitting keeps the `import()`s lazy), kept in
 * `node_modules/.cache/blackout-guard/cli-<id>/` and built again when a source changed
 * (keptBundle.mjs).
 *
 * Run through tsx, `scan` loads some 260 modules (100 of them TypeScript), each resolved and loaded
 * by tsx's hooks on their own thread, a round trip each; bundled, 13 of ours and the packages' own,
 * without hooks: an empty `scan` ends in 0.65 s instead of 1.08 s (medians), on half the CPU time.
 *
 * Packages stay outside the bundle, loaded from node_modules as they are by the sources. Each
 * source's `import.meta.url` is written in as its own file's: paths found from it (worker entries,
 * the package's package.json) are the same as when the sources run.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_CACHE, NODE_MAJOR, ROOT, bundleKey, hashes, keep, readKept } from './keptBundle.mjs';

/** The command line's entry, relative to the root. */
const ENTRY = 'src/cli/main.ts';

/** Files that shape the build without being imported by it, this one included: a change to them builds again. */
const SETTINGS = ['tsconfig.json', fileURLToPath(import.meta.url)];

/**
 * The folder of a build that was replaced is removed a day later: a process started from it (a bot
 * running while a new version was installed) may still load its parts until it is restarted.
 */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * What is kept for the command line: where its build is, in the cache folder.
 * @typedef {import('./keptBundle.mjs').KeptHead & { dir: string }} KeptCli
 */

/**
 * The file URL of the command line's bundled entry: the kept one when none of its sources changed,
 * else bundled now (and kept). Rejects when esbuild is not there, fails, or cannot write the
 * bundle: the sources are then to be run through tsx.
 * @param {string} [cacheDir]
 * @param {string} [root] the package's root, holding `src/cli/main.ts`
 * @returns {Promise<{ url: string, from: 'cache' | 'esbuild' }>}
 */
export async function cliBundle(cacheDir = BUNDLE_CACHE, root = ROOT) {
  const key = bundleKey(ENTRY);
  const index = join(cacheDir, 'cli.json');
  /** @type {KeptCli | undefined} */
  const kept = readKept(index, key, root);
  if (typeof kept?.dir === 'string' && existsSync(join(cacheDir, kept.dir, 'main.mjs'))) {
    return { url: pathToFileURL(join(cacheDir, kept.dir, 'main.mjs')).href, from: 'cache' };
  }
  const dir = `cli-${randomUUID()}`;
  const inputs = await build(join(cacheDir, dir), root);
  const replaced = keptDir(index);
  keep(index, { key, sources: hashes([...inputs, ...SETTINGS], root), dir });
  removeStale(cacheDir, dir, replaced);
  return { url: pathToFileURL(join(cacheDir, dir, 'main.mjs')).href, from: 'esbuild' };
}

/**
 * Bundles the command line into `outdir`; the sources it was built from (relative to `root`).
 * @param {string} outdir
 * @param {string} root
 * @returns {Promise<string[]>}
 */
async function build(outdir, root) {
  const esbuild = await import('esbuild');
  try {
    const built = await esbuild.build({
      entryPoints: [join(root, ENTRY)],
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      // `.mjs`: a folder under node_modules is outside the package's `"type": "module"`.
      outExtension: { '.js': '.mjs' },
      target: `node${NODE_MAJOR}`,
      outdir,
      // Read only when Node.js runs with --enable-source-maps: stack traces then name the sources.
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'silent',
      plugins: [ownImportMetaUrl()],
    });
    return Object.keys(built.metafile.inputs);
  } catch (err) {
    rmSync(outdir, { recursive: true, force: true });
    throw err;
  } finally {
    // The bundle is done with: esbuild's service process need not stay.
    await esbuild.stop();
  }
}

/**
 * Writes each source's own file URL where it reads `import.meta.url`, which would otherwise be the
 * bundle's.
 * @returns {import('esbuild').Plugin}
 */
function ownImportMetaUrl() {
  return {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.m?[jt]s$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        const loader = path.endsWith('ts') ? 'ts' : 'js';
        return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)), loader };
      });
    },
  };
}

/**
 * The folder named by the record in `index`, whether or not its sources changed since.
 * @param {string} index
 * @returns {string | undefined}
 */
function keptDir(index) {
  try {
    const { dir } = JSON.parse(readFileSync(index, 'utf8'));
    return typeof dir === 'string' ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the folders of builds replaced more than a day ago (and of builds that failed); the one
 * `replaced` now is dated now, to be removed a day from now.
 * @param {string} cacheDir
 * @param {string} current
 * @param {string | undefined} replaced
 */
function removeStale(cacheDir, current, replaced) {
  try {
    if (replaced !== undefined && replaced !== current && existsSync(join(cacheDir, replaced))) {
      const now = new Date();
      utimesSync(join(cacheDir, replaced), now, now);
    }
    for (const name of readdirSync(cacheDir)) {
      if (!name.startsWith('cli-') || name === current) continue;
      const folder = join(cacheDir, name);
      if (Date.now() - statSync(folder).mtimeMs > STALE_MS) rmSync(folder, { recursive: true, force: true });
    }
  } catch {
    // Another run removed it first; or the folder cannot be listed: left as it is.
  }
}
