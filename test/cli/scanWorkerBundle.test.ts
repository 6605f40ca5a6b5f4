/** The scan worker's bundle is kept on disk and taken from there while none of its sources changed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { workerBundle } from '../../src/bundle/workerBundle.ts';
import { tempDir } from '../fixtures/exports/harness.ts';

/** A worker entry importing another source, in its own folder (the root its sources are named from). */
function sources(dir: string, word: string): { entry: string; cache: string } {
  writeFileSync(join(dir, 'part.ts'), `export const word: string = '${word}';\n`);
  writeFileSync(join(dir, 'entry.ts'), `import { word } from './part.ts';\nconsole.log(word);\n`);
  return { entry: join(dir, 'entry.ts'), cache: join(dir, 'cache') };
}

test('a bundle whose sources did not change is taken from the cache, the same code', async () => {
  const { dir, remove } = await tempDir();
  try {
    const { entry, cache } = sources(dir, 'first');
    const built = await workerBundle(entry, cache, dir);
    assert.equal(built.from, 'esbuild');
    assert.match(built.code, /first/);
    const again = await workerBundle(entry, cache, dir);
    assert.deepEqual(again, { code: built.code, from: 'cache' });
  } finally {
    await remove();
  }
});

test('a bundle one of whose sources changed is bundled again, with the change', async () => {
  const { dir, remove } = await tempDir();
  try {
    const { entry, cache } = sources(dir, 'first');
    await workerBundle(entry, cache, dir);
    // Only the imported file changes, not the entry.
    sources(dir, 'second');
    const rebuilt = await workerBundle(entry, cache, dir);
    assert.equal(rebuilt.from, 'esbuild');
    assert.match(rebuilt.code, /second/);
    assert.doesNotMatch(rebuilt.code, /first/);
    assert.equal((await workerBundle(entry, cache, dir)).from, 'cache');
  } finally {
    await remove();
  }
});

test('a bundle built before the builder itself changed is bundled again', async () => {
  const { dir, remove } = await tempDir();
  try {
    const { entry, cache } = sources(dir, 'first');
    await workerBundle(entry, cache, dir);
    const [name] = readdirSync(cache);
    const file = join(cache, name!);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { sources: Record<string, string> };
    const builder = fileURLToPath(new URL('../../src/bundle/workerBundle.ts', import.meta.url));
    assert.match(kept.sources[builder] ?? '', /^[0-9a-f]{64}$/, 'the builder is not among the sources kept');
    // As if the bundle's options had been different when it was built.
    kept.sources[builder] = '0'.repeat(64);
    writeFileSync(file, JSON.stringify(kept));
    assert.equal((await workerBundle(entry, cache, dir)).from, 'esbuild');
  } finally {
    await remove();
  }
});

test('a cache file that is not a bundle is bundled around and replaced', async () => {
  const { dir, remove } = await tempDir();
  try {
    const { entry, cache } = sources(dir, 'first');
    await workerBundle(entry, cache, dir);
    const [kept] = readdirSync(cache);
    // As a disk that filled up during the write would leave it.
    writeFileSync(join(cache, kept!), '{"key": "node20 esb');
    const built = await workerBundle(entry, cache, dir);
    assert.equal(built.from, 'esbuild');
    assert.match(built.code, /first/);
    assert.equal((await workerBundle(entry, cache, dir)).from, 'cache');
    assert.deepEqual(readdirSync(cache), [kept], 'no partial file left beside it');
  } finally {
    await remove();
  }
});

test('a cache folder that cannot be made still gives the bundle, built each time', async () => {
  const { dir, remove } = await tempDir();
  try {
    const { entry } = sources(dir, 'first');
    // A file where the folder would go: it cannot be made, even by root.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, '');
    const cache = join(blocked, 'cache');
    assert.equal((await workerBundle(entry, cache, dir)).from, 'esbuild');
    const again = await workerBundle(entry, cache, dir);
    assert.equal(again.from, 'esbuild');
    assert.match(again.code, /first/);
  } finally {
    await remove();
  }
});
