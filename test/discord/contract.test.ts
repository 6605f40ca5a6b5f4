import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';
import { SHARE, cleanEnv, writeConfig } from './harness.ts';

let standIn: DiscordStandIn;
let dir: string;
before(async () => {
  standIn = await DiscordStandIn.start();
  dir = await mkdtemp(join(tmpdir(), 'blackout-contract-'));
});
after(async () => {
  await standIn?.stop();
  await rm(dir, { recursive: true, force: true });
});

function startCli(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['bin/blackout-guard.js', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

test('npm start identifies on the gateway, moderates a share (mention in the warning, delete) and exits cleanly on SIGTERM', async () => {
  const config = await writeConfig(dir, standIn.ids);
  const { child, output } = startCli(cleanEnv({ DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl, BLACKOUT_CONFIG: config }));
  try {
    await standIn.waitForReady(1, 20_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${output()}`);
    });
    await standIn.waitForCall((c) => c.path === '/gateway/bot');
    assert.equal(standIn.identifies.length, 1);
    // READY is sent; wait until the bot says it is ready before talking.
    const deadline = Date.now() + 20_000;
    while (!output().includes('Discord bot ready') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const { general, users } = standIn.ids;
    const message = standIn.post({ channelId: general, authorId: users.alice, content: SHARE });
    const warning = await standIn.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${general}/messages` && String(c.body?.content).includes(`<@${users.alice}>`));
    const deletion = await standIn.waitForCall((c) => c.method === 'DELETE' && c.path === `/channels/${general}/messages/${message.id}`);
    assert.ok(warning.atMs < deletion.atMs);
    assert.ok(!JSON.stringify(warning.body).includes('pastebin'));
    assert.ok(!output().includes(standIn.token), 'the token never appears in the output');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, output());
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('with no platform credential at all, npm start exits non-zero and says which variables to set', async () => {
  const config = await writeConfig(dir, standIn.ids);
  const { child, output } = startCli(cleanEnv({ BLACKOUT_CONFIG: config }));
  const [code] = await once(child, 'exit');
  assert.notEqual(code, 0);
  assert.match(output(), /DISCORD_TOKEN/);
});
