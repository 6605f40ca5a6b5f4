/** `blackout-guard verify`: proving which text an incident moderated, from its keyed hash alone. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../src/cli/exitCodes.ts';
import { createLogger } from '../../src/log/logger.ts';
import { keyedTextHash } from '../../src/moderation/textHash.ts';
import { openStore } from '../../src/store/open.ts';
import type { Incident } from '../../src/store/store.ts';
import { sampleIncident } from '../store/backends.ts';

const KEY = 'legal-team-key-2017';
const MODERATED = 'tout est là : https://pastebin.com/emleaks-2017 — partagez !';

let dir: string;
let config: string;
let hashed: Incident;
let unhashed: Incident;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bg-verify-'));
  config = join(dir, 'blackout.yaml');
  const sqlitePath = join(dir, 'data', 'store.db');
  await writeFile(config, `${await readFile('config/blackout.yaml', 'utf8')}\nstore:\n  sqlitePath: ${JSON.stringify(sqlitePath)}\n`);
  const store = await openStore({ sqlitePath, logger: createLogger({ level: 'silent' }) });
  hashed = await store.recordIncident(sampleIncident({ textHash: keyedTextHash(MODERATED, KEY) }));
  unhashed = await store.recordIncident(sampleIncident({ textHash: null }));
  await store.close();
});
after(() => rm(dir, { recursive: true, force: true }));

function verify(args: string[], options: { input?: string; key?: string | null } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.BLACKOUT_HASH_KEY;
  if (options.key !== null) env.BLACKOUT_HASH_KEY = options.key ?? KEY;
  const run = spawnSync(process.execPath, ['bin/blackout-guard.js', 'verify', '--config', config, ...args], { input: options.input ?? '', encoding: 'utf8', env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('the text an incident moderated is confirmed, exit 0', () => {
  const r = verify(['--incident', hashed.id, MODERATED]);
  assert.equal(r.code, EXIT.ok, r.stderr);
  assert.match(r.stdout, new RegExp(`^MATCH: this is the text moderated in incident ${hashed.id}\\.`));
});

test('any other text, even one character off, is refused with exit 6', () => {
  const r = verify(['--incident', hashed.id, `${MODERATED}!`]);
  assert.equal(r.code, EXIT.mismatch);
  assert.match(r.stdout, /^NO MATCH/);
});

test('the text can come on standard input, its final line break not counted', () => {
  assert.equal(verify(['--incident', hashed.id], { input: `${MODERATED}\n` }).code, EXIT.ok);
});

test('the output never repeats the text', () => {
  const r = verify(['--incident', hashed.id, MODERATED]);
  assert.doesNotMatch(r.stdout + r.stderr, /pastebin/);
});

test('an unknown incident is a usage error, exit 2', () => {
  const r = verify(['--incident', 'no-such-incident', MODERATED]);
  assert.equal(r.code, EXIT.usage);
  assert.match(r.stderr, /no incident "no-such-incident"/);
});

test('without BLACKOUT_HASH_KEY, verify says it needs the key, exit 2', () => {
  const r = verify(['--incident', hashed.id, MODERATED], { key: null });
  assert.equal(r.code, EXIT.usage);
  assert.match(r.stderr, /needs BLACKOUT_HASH_KEY/);
});

test('an incident recorded without a text hash cannot be verified, exit 2', () => {
  const r = verify(['--incident', unhashed.id, MODERATED]);
  assert.equal(r.code, EXIT.usage);
  assert.match(r.stderr, /recorded without a text hash/);
});

test('with another key, the moderated text does not match', () => {
  assert.equal(verify(['--incident', hashed.id, MODERATED], { key: 'another-key' }).code, EXIT.mismatch);
});
