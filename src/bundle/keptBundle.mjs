/**
 * Bundles kept on disk between runs: a record (the bundle, or where it was written) beside the
 * SHA-256 of every source it was built from. A run whose sources all hash the same takes it from
 * there; a changed, added or removed source is a different set of hashes, and it is built again.
 *
 * Kept in `node_modules/.cache/blackout-guard/`, where build tools keep theirs: removed with the
 * dependencies, never committed. The cache is an optimisation only: one that cannot be read is
 * built around, one that cannot be written is not kept.
 *
 * Plain JavaScript: `bin/blackout-guard.js` reads it before any TypeScript can be loaded.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root, which the bundles' sources are named relative to. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where bundles are kept, unless told otherwise. */
export const BUNDLE_CACHE = join(ROOT, 'node_modules', '.cache', 'blackout-guard');

/** The Node.js major version the bundles are built for (esbuild's target). */
export const NODE_MAJOR = process.versions.node.split('.')[0];

/**
 * The key of the bundle of `entry` (relative to the root): a bundle built for another Node.js
 * major or by another esbuild version is not reused. esbuild's version is read from its
 * package.json: importing esbuild takes 35-50 ms, paid only when a bundle is built.
 * @param {string} entry
 * @returns {string}
 */
export function bundleKey(entry) {
  const { version } = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8'));
  return `node${NODE_MAJOR} esbuild${version} ${entry}`;
}

/**
 * What every kept record holds besides its own fields.
 * @typedef {object} KeptHead
 * @property {string} key bundles for another key ({@link bundleKey}) are not reused
 * @property {Record<string, string>} sources source path (relative to the root) → SHA-256 of its contents
 */

/**
 * The record kept in `file`, if it is one for `key` whose sources all hash as they did.
 * @template {KeptHead} T
 * @param {string} file
 * @param {string} key
 * @param {string} root the folder the sources are named relative to
 * @returns {T | undefined}
 */
export function readKept(file, key, root) {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    if (kept === null || kept.key !== key || typeof kept.sources !== 'object' || kept.sources === null) return undefined;
    const now = hashes(Object.keys(kept.sources), root);
    return Object.entries(kept.sources).every(([path, hash]) => now[path] === hash) ? kept : undefined;
  } catch {
    // Not there yet, unreadable, or not JSON (a disk that filled up mid-write): built again.
    return undefined;
  }
}

/**
 * SHA-256 of each file's contents; a file that cannot be read gets none (and matches no kept hash).
 * @param {readonly string[]} paths relative to `root`
 * @param {string} root
 * @returns {Record<string, string>}
 */
export function hashes(paths, root) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const path of paths) {
    try {
      out[path] = createHash('sha256').update(readFileSync(resolve(root, path))).digest('hex');
    } catch {
      // Removed since: the bundle that held it is stale.
    }
  }
  return out;
}

/**
 * Writes the record whole or not at all: a run starting meanwhile reads the old one or the new one.
 * @template {KeptHead} T
 * @param {string} file
 * @param {T} record
 */
export function keep(file, record) {
  const partial = join(dirname(file), `.${randomUUID()}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, JSON.stringify(record));
    renameSync(partial, file);
  } catch {
    // A read-only installation: every run builds, as it would without the cache.
    try {
      rmSync(partial, { force: true });
    } catch {
      // No folder to leave a partial file in.
    }
  }
}
