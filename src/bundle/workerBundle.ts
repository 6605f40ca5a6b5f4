/**
 * The scan worker's code bundled by esbuild into one CommonJS script, kept on disk between runs
 * (keptBundle.mjs: taken from there while none of its sources changed).
 *
 * Bundling takes some 0.2 s of a core (0.5 s with `scan` loading its configuration on the other),
 * and every worker waits for it.
 */
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_CACHE, NODE_MAJOR, ROOT, bundleKey, hashes, keep, readKept, type KeptHead } from './keptBundle.mjs';

export interface Bundle {
  code: string;
  /** Whether the code came from the cache or was bundled in this run. */
  from: 'cache' | 'esbuild';
}

/** This file, whose build options a kept bundle was built with: a change to them bundles again. */
const BUILDER = fileURLToPath(import.meta.url);

/** What is kept on disk: the code, and the hash of every source it was built from. */
interface KeptBundle extends KeptHead {
  code: string;
}

/**
 * The bundle of `entry` (a TypeScript file whose imports are all bundled, Node's own excepted),
 * from the cache in `cacheDir` when no source changed, else from esbuild (then kept for the next
 * run). Rejects when esbuild is not there or fails.
 */
export async function workerBundle(entry: string, cacheDir: string = BUNDLE_CACHE, root: string = ROOT): Promise<Bundle> {
  const key = bundleKey(relative(root, entry));
  const file = join(cacheDir, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
  const kept = readKept<KeptBundle>(file, key, root);
  if (typeof kept?.code === 'string') return { code: kept.code, from: 'cache' };
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${NODE_MAJOR}`,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // The bundle is done with: esbuild's service process need not stay.
  await esbuild.stop();
  const code = built.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  keep(file, { key, sources: hashes([...Object.keys(built.metafile.inputs), BUILDER], root), code });
  return { code, from: 'esbuild' };
}
