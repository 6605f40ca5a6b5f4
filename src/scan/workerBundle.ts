/**
 * The scan worker's code bundled by esbuild into one CommonJS script, kept on disk between runs.
 *
 * Bundling takes some 0.2 s of a core (0.5 s with `scan` loading its configuration on the other),
 * and every worker waits for it. The bundle is kept in `node_modules/.cache/blackout-guard/`
 * (where build tools keep theirs: removed with the dependencies, never committed), beside the
 * SHA-256 of every source file it was built from; a run whose sources all hash the same takes it
 * from there. A changed, added or removed source is a different set of hashes: bundled again.
 * The cache is an optimisation only: one that cannot be read or written is bundled around.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root, which the bundle's sources are named relative to. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where the bundle is kept, unless told otherwise. */
export const BUNDLE_CACHE = join(ROOT, 'node_modules', '.cache', 'blackout-guard');

export interface Bundle {
  code: string;
  /** Whether the code came from the cache or was bundled in this run. */
  from: 'cache' | 'esbuild';
}

/** What is kept on disk: the code and the hash of every source it was built from. */
interface KeptBundle {
  /** Bundles of another Node.js major or esbuild version are not reused (their target differs). */
  key: string;
  /** Source path (relative to `root`) → SHA-256 of its contents. */
  sources: Record<string, string>;
  code: string;
}

/**
 * The bundle of `entry` (a TypeScript file whose imports are all bundled, Node's own excepted),
 * from the cache in `cacheDir` when no source changed, else from esbuild (then kept for the next
 * run). Rejects when esbuild is not there or fails.
 */
export async function workerBundle(entry: string, cacheDir: string = BUNDLE_CACHE, root: string = ROOT): Promise<Bundle> {
  const esbuild = await import('esbuild');
  const major = process.versions.node.split('.')[0];
  const key = `node${major} esbuild${esbuild.version} ${relative(root, entry)}`;
  const file = join(cacheDir, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
  const kept = readKept(file, key, root);
  if (kept !== undefined) return { code: kept, from: 'cache' };
  const built = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${major}`,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // The bundle is done with: esbuild's service process need not stay.
  await esbuild.stop();
  const code = built.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  keep(file, { key, sources: hashes(Object.keys(built.metafile.inputs), root), code });
  return { code, from: 'esbuild' };
}

/** The kept code, if the file holds a bundle for `key` whose sources all hash as they did. */
function readKept(file: string, key: string, root: string): string | undefined {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as KeptBundle;
    if (kept.key !== key || typeof kept.code !== 'string' || typeof kept.sources !== 'object') return undefined;
    const now = hashes(Object.keys(kept.sources), root);
    return Object.entries(kept.sources).every(([path, hash]) => now[path] === hash) ? kept.code : undefined;
  } catch {
    // Not there yet, unreadable, or not JSON (a disk that filled up mid-write): bundled again.
    return undefined;
  }
}

/** SHA-256 of each file's contents; a file that cannot be read gets none (and matches no kept hash). */
function hashes(paths: readonly string[], root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of paths) {
    try {
      out[path] = createHash('sha256').update(readFileSync(resolve(root, path))).digest('hex');
    } catch {
      // Removed since: the bundle that held it is stale.
    }
  }
  return out;
}

/** Writes the bundle whole or not at all: a scan starting meanwhile reads the old file or the new one. */
function keep(file: string, bundle: KeptBundle): void {
  const partial = join(dirname(file), `.${randomUUID()}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, JSON.stringify(bundle));
    renameSync(partial, file);
  } catch {
    // A read-only installation: every run bundles, as it would without the cache.
    try {
      rmSync(partial, { force: true });
    } catch {
      // No folder to leave a partial file in.
    }
  }
}
