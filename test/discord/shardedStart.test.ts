/** `DISCORD_SHARDS=N npm start`: the bot as N shard processes under discord.js's ShardingManager. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';
import { SHARE, cleanEnv, writeConfig } from './harness.ts';

let standIn: DiscordStandIn;
let dir: string;
before(async () => {
  standIn = await DiscordStandIn.start({ shards: 2, guilds: [{ shard: [0, 2], name: 'Shard 0 newsroom' }, { shard: [1, 2], name: 'Shard 1 community' }] });
  dir = await mkdtemp(join(tmpdir(), 'blackout-sharded-start-'));
});
after(async () => {
  await standIn?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('with DISCORD_SHARDS=2, npm start runs two shards that each moderate their own guild, warm their inspection and stop on SIGTERM', async () => {
  const config = await writeConfig(dir, standIn.guilds[0]!.ids);
  const child = spawn(process.execPath, ['bin/blackout-guard.js', 'start'], {
    env: cleanEnv({ DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl, DISCORD_SHARDS: '2', BLACKOUT_CONFIG: config, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await standIn.waitForReady(2, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${output}`);
    });
    assert.deepEqual(standIn.identifies.map((i) => JSON.stringify(i.shard)).sort(), ['[0,2]', '[1,2]']);
    for (const guild of standIn.guilds) {
      const message = standIn.post({ guildId: guild.ids.guild, channelId: guild.ids.general, authorId: guild.ids.users.alice, content: SHARE });
      await standIn.waitForCall((c) => c.method === 'DELETE' && c.path.endsWith(`/messages/${message.id}`), 30_000);
    }
    // Each shard process inspects attachments with threads of its own, warmed at its start.
    const deadline = Date.now() + 60_000;
    while (output.split('attachment inspection ready').length - 1 < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(output.split('attachment inspection ready').length - 1, 2, output);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, output);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('a DISCORD_SHARDS that is not a number of shards is refused before anything starts', async () => {
  const config = await writeConfig(dir, standIn.guilds[0]!.ids);
  const child = spawn(process.execPath, ['bin/blackout-guard.js', 'start'], {
    env: cleanEnv({ DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl, DISCORD_SHARDS: 'many', BLACKOUT_CONFIG: config }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(output, /DISCORD_SHARDS must be a whole number/);
});
