/** The command line runs from a bundle kept on disk, built again when one of its sources changes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBundle } from '../../src/bundle/cliBundle.mjs';
import { tempDir } from '../fixtures/exports/harness.ts';

/**
 * A package root whose `src/cli/main.ts` prints a word from another source, its own
 * `import.meta.url` and that of a JavaScript module it imports, and whether its lazily imported
 * part was loaded.
 */
function sources(root: string, word: string): void {
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'part.ts'), `export const word: string = '${word}';\n`);
  writeFileSync(join(root, 'src', 'cli', 'where.mjs'), 'export const whereUrl = import.meta.url;\n');
  writeFileSync(join(root, 'src', 'cli', 'lazy.ts'), `(globalThis as { lazy?: boolean }).lazy = true;\nexport const lazy = 1;\n`);
  writeFileSync(
    join(root, 'src', 'cli', 'main.ts'),
    `import { word } from './part.ts';
import { whereUrl } from './where.mjs';
if (process.argv.includes('--lazy')) await import('./lazy.ts');
console.log(JSON.stringify({ word, url: import.meta.url, whereUrl, lazy: (globalThis as { lazy?: boolean }).lazy === true }));
`,
  );
}

/** Runs a bundled entry; what it printed. */
function run(url: string, ...args: string[]): { word: string; url: string; whereUrl: string; lazy: boolean } {
  const child = spawnSync(process.execPath, [fileURLToPath(url), ...args], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

test('a bundle whose sources did not change is taken from the cache, the same files', async () => {
  const { dir, remove } = await tempDir();
  try {
    sources(dir, 'first');
    const cache = join(dir, 'cache');
    const built = await cliBundle(cache, dir);
    assert.equal(built.from, 'esbuild');
    assert.equal(run(built.url).word, 'first');
    assert.deepEqual(await cliBundle(cache, dir), { url: built.url, from: 'cache' });
  } finally {
    await remove();
  }
});

test('a bundle one of whose sources changed is built again, with the change', async () => {
  const { dir, remove } = await tempDir();
  try {
    sources(dir, 'first');
    const cache = join(dir, 'cache');
    const first = await cliBundle(cache, dir);
    // Only the imported file changes, not the entry.
    sources(dir, 'second');
    const rebuilt = await cliBundle(cache, dir);
    assert.equal(rebuilt.from, 'esbuild');
    assert.notEqual(rebuilt.url, first.url);
    assert.equal(run(rebuilt.url).word, 'second');
    assert.equal((await cliBundle(cache, dir)).from, 'cache');
  } finally {
    await remove();
  }
});

test('a bundle built before the builder itself changed is built again', async () => {
  const { dir, remove } = await tempDir();
  try {
    sources(dir, 'first');
    const cache = join(dir, 'cache');
    await cliBundle(cache, dir);
    const index = join(cache, 'cli.json');
    const kept = JSON.parse(readFileSync(index, 'utf8')) as { sources: Record<string, string> };
    const builder = fileURLToPath(new URL('../../src/bundle/cliBundle.mjs', import.meta.url));
    assert.match(kept.sources[builder] ?? '', /^[0-9a-f]{64}$/, 'the builder is not among the sources kept');
    // As if the build's options had been different when it was built.
    kept.sources[builder] = '0'.repeat(64);
    writeFileSync(index, JSON.stringify(kept));
    assert.equal((await cliBundle(cache, dir)).from, 'esbuild');
  } finally {
    await remove();
  }
});

test('a bundled source, TypeScript or JavaScript, reads its own file as import.meta.url, not the bundle', async () => {
  const { dir, remove } = await tempDir();
  try {
    sources(dir, 'first');
    const { url } = await cliBundle(join(dir, 'cache'), dir);
    const printed = run(url);
    assert.equal(printed.url, pathToFileURL(join(dir, 'src', 'cli', 'main.ts')).href);
    assert.equal(printed.whereUrl, pathToFileURL(join(dir, 'src', 'cli', 'where.mjs')).href);
  } finally {
    await remove();
  }
});

test('a source imported with import() is loaded only when the import runs', async () => {
  const { dir, remove } = await tempDir();
  try {
    sources(dir, 'first');
    const { url } = await cliBundle(join(dir, 'cache'), dir);
    assert.equal(run(url).lazy, false);
    assert.equal(run(url, '--lazy').lazy, true);
  } finally {
    await remove();
  }
});

test('a cache file that is not a bundle record is built around and replaced', async () => {
  const { dir, remove } = await tempDir();
  try {
    sources(dir, 'first');
    const cache = join(dir, 'cache');
    await cliBundle(cache, dir);
    // As a disk that filled up during the write would leave it.
    writeFileSync(join(cache, 'cli.json'), '{"key": "node20 src');
    const built = await cliBundle(cache, dir);
    assert.equal(built.from, 'esbuild');
    assert.equal(run(built.url).word, 'first');
    assert.equal((await cliBundle(cache, dir)).from, 'cache');
  } finally {
    await remove();
  }
});

test('a cache folder that cannot be written is refused, for the sources to be run through tsx', async () => {
  const { dir, remove } = await tempDir();
  try {
    sources(dir, 'first');
    // A file where the folder would go: it cannot be made, even by root.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, '');
    await assert.rejects(cliBundle(join(blocked, 'cache'), dir));
  } finally {
    await remove();
  }
});

test('the folder of a replaced build is removed a day after it was replaced, and not before', async () => {
  const { dir, remove } = await tempDir();
  try {
    sources(dir, 'first');
    const cache = join(dir, 'cache');
    const folderOf = (url: string) => join(fileURLToPath(url), '..');
    const ageADay = (folder: string) => {
      const dayAndMore = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
      utimesSync(folder, dayAndMore, dayAndMore);
    };
    const first = folderOf((await cliBundle(cache, dir)).url);
    // Built long ago: a bot started from it then may still be running.
    ageADay(first);
    sources(dir, 'second');
    const second = folderOf((await cliBundle(cache, dir)).url);
    assert.equal(existsSync(first), true, 'removed as soon as it was replaced');
    // A day later, another change.
    ageADay(first);
    ageADay(second);
    sources(dir, 'third');
    await cliBundle(cache, dir);
    assert.equal(existsSync(first), false, 'kept more than a day after it was replaced');
    assert.equal(existsSync(second), true, 'the build replaced now was removed');
    assert.equal(readdirSync(cache).filter((name) => name.startsWith('cli-')).length, 2);
  } finally {
    await remove();
  }
});
