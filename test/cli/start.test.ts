/**
 * `npm start` as its user sees it: on a terminal (or with LOG_FORMAT=pretty) lines for people and
 * a summary with the invite link on its own line; JSON logs otherwise; a start that fails is exit 5.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';
import { EXIT } from '../../src/cli/exitCodes.ts';
import { cleanEnv, writeConfig } from '../discord/harness.ts';

let standIn: DiscordStandIn;
let dir: string;
before(async () => {
  standIn = await DiscordStandIn.start();
  dir = await mkdtemp(join(tmpdir(), 'bg-start-cli-'));
});
after(async () => {
  await standIn?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `blackout-guard start` until `until` shows in its stderr, then stops it with SIGTERM. */
async function runStart(env: Record<string, string>, until: RegExp): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['bin/blackout-guard.js', 'start'], { env: cleanEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = once(child, 'exit');
  try {
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (until.test(stderr)) resolve();
      });
      child.once('exit', () => (until.test(stderr) ? resolve() : reject(new Error(`exited before ${until}:\n${stderr}`))));
    });
    if (child.exitCode === null) child.kill('SIGTERM');
    const [code] = await exited;
    return { code: code as number | null, stderr };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

test('for people, npm start says what is connected, gives the invite link on a line of its own, the blackout in force and the next reminder', async () => {
  const config = await writeConfig(dir, standIn.ids, { config: (ids) => ({ discord: { alertChannel: ids.alerts, reminderChannels: [ids.general] } }) });
  const { code, stderr } = await runStart({ DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl, BLACKOUT_CONFIG: config, LOG_FORMAT: 'pretty' }, /Stop with Ctrl\+C/);
  assert.equal(code, 0, stderr);
  const lines = stderr.split('\n');
  assert.ok(lines.includes('blackout-guard is running.'), stderr);
  assert.ok(lines.some((l) => /^ {2}Discord: connected, as .+ in \d+ servers?\.$/.test(l)), stderr);
  const invite = lines.find((l) => /^ {4}\S+\/oauth2\/authorize\?/.test(l));
  assert.ok(invite, 'the invite link is alone on its line');
  assert.match(invite, new RegExp(`client_id=${standIn.applicationId}&`));
  assert.ok(lines.includes('  Blackout in force:'), stderr);
  assert.ok(lines.some((l) => /^ {4}Test window \(test-window\), until .+ 20\d\d à \d\d:\d\d/.test(l)), stderr);
  assert.ok(lines.some((l) => /^ {2}Next reminder: .+, as the window closes \(Test window\)\.$/.test(l)), stderr);
  assert.doesNotMatch(stderr, /^\{"level"/m, 'no JSON log line');
  assert.ok(!stderr.includes(standIn.token), 'the token is never written');
});

test('when not on a terminal, npm start logs JSON lines, the summary included, without the token', async () => {
  const config = await writeConfig(dir, standIn.ids);
  const { code, stderr } = await runStart({ DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl, BLACKOUT_CONFIG: config }, /"msg":"blackout-guard is running"/);
  assert.equal(code, 0, stderr);
  const entries = stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; platforms?: { platform: string; invite?: string }[]; inForce?: unknown[] });
  const summary = entries.find((e) => e.msg === 'blackout-guard is running');
  assert.equal(summary?.platforms?.[0]?.platform, 'discord');
  assert.match(summary?.platforms?.[0]?.invite ?? '', /oauth2\/authorize/);
  assert.equal(summary?.inForce?.length, 1);
  assert.ok(!stderr.includes(standIn.token));
});

test('a start that fails (Discord refuses the token) exits with code 5, not 1', async () => {
  const config = await writeConfig(dir, standIn.ids);
  const child = spawn(process.execPath, ['bin/blackout-guard.js', 'start'], {
    env: cleanEnv({ DISCORD_TOKEN: 'not-the-token', DISCORD_API_URL: standIn.apiUrl, BLACKOUT_CONFIG: config, LOG_FORMAT: 'json' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = await once(child, 'exit');
  assert.equal(code, EXIT.startFailed, stderr);
  assert.match(stderr, /blackout-guard: could not start: /);
});
