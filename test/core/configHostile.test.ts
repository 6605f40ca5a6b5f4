/**
 * Hostile configuration files (issue 15, items 3 and 4), made by the test and given to the real
 * command line: each is refused with a clear message and exit code 2, never a crash.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfigText } from '../../src/core/index.ts';

const dir = await mkdtemp(join(tmpdir(), 'bg-hostile-config-'));
after(() => rm(dir, { recursive: true, force: true }));

async function checkWith(name: string, yaml: string) {
  const file = join(dir, name);
  await writeFile(file, yaml);
  const run = spawnSync(process.execPath, ['bin/blackout-guard.js', 'check', '--config', file, 'x'], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', BLACKOUT_CONFIG: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, file };
}

/** The "billion laughs": nine levels of nine aliases, 9⁹ copies of one string. */
function billionLaughs(): string {
  const names = 'abcdefghi';
  let yaml = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < names.length; i++) {
    yaml += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]\n`;
  }
  return yaml;
}

/** A 20,000-keyword list aliased by 20,000 leak sets (about 270 KB). */
function aliasedKeywords(): string {
  let yaml = 'leaks:\n  - id: base\n    keywords: &k\n';
  for (let i = 0; i < 20_000; i++) yaml += `      - w${i}\n`;
  for (let i = 0; i < 20_000; i++) yaml += `  - {id: l${i}, keywords: *k}\n`;
  return yaml;
}

test('a billion-laughs file is refused as an alias bomb with exit code 2', async () => {
  const r = await checkWith('laughs.yaml', billionLaughs());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /invalid configuration/);
  assert.match(r.stderr, /laughs\.yaml:2: aliases \(\*name\) copy more than 100,000 values/);
  assert.doesNotMatch(r.stderr, /ReferenceError|at .*\.js:\d+/);
});

test('a long list aliased thousands of times is refused as an alias bomb with exit code 2', async () => {
  const r = await checkWith('aliased.yaml', aliasedKeywords());
  assert.equal(r.code, 2);
  assert.match(r.stderr, /aliases \(\*name\) copy more than 100,000 values/);
});

test('an alias that contains itself is refused', () => {
  assert.throws(
    () => parseConfigText('leaks: &x\n  - id: a\n    keywords: *x\n', 'loop.yaml'),
    (err: unknown) => err instanceof ConfigError && /refers to a value that contains it/.test(err.message),
  );
});

test('a few aliases reused in a configuration are accepted', () => {
  const yaml = `
policy:
  inWindow: &strict { share: [warn, delete, alert, record], mention: [remind] }
  channels:
    C1: { inWindow: *strict }
    C2: { inWindow: *strict }
leaks:
  - id: a
    keywords: &words [alpha, beta]
  - id: b
    keywords: *words
`;
  assert.deepEqual(parseConfigText(yaml, 'ok.yaml').config.leaks[1]?.keywords, ['alpha', 'beta']);
});

test('200,000 invalid entries give the first 20 problems, a count of the rest and exit code 2', async () => {
  let yaml = 'leaks:\n  - id: x\n    sha256:\n';
  for (let i = 0; i < 200_000; i++) yaml += `      - bad${i}\n`;
  const r = await checkWith('invalid.yaml', yaml);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stderr, /RangeError/);
  assert.match(r.stderr, /invalid\.yaml:4:9: leaks\[0\]\.sha256\[0\]: expected a SHA-256/);
  assert.match(r.stderr, /leaks\[0\]\.sha256\[19\]: expected a SHA-256/);
  assert.doesNotMatch(r.stderr, /sha256\[20\]/);
  assert.match(r.stderr, /… and 199,980 more problems/);
});

test('past what zod can list at once, every problem is counted and placed at its index', () => {
  let yaml = 'leaks:\n  - id: x\n    keywords: [ok]\n    sha256:\n';
  const valid = `'${'a'.repeat(64)}'`;
  for (let i = 0; i < 210_000; i++) yaml += `      - ${i < 205_000 || i === 209_999 ? `bad${i}` : valid}\n`;
  try {
    parseConfigText(yaml, 'many.yaml');
    assert.fail('expected a ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, 205_001);
    assert.equal(err.problems[204_999]?.path, 'leaks[0].sha256[204999]');
    assert.equal(err.problems[205_000]?.path, 'leaks[0].sha256[209999]');
  }
});

test('a file nested twenty thousand levels deep is refused with exit code 2, not a crash', async () => {
  const r = await checkWith('deep.yaml', `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /invalid configuration/);
  assert.doesNotMatch(r.stderr, / {4}at /);
});
