import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShardingManager } from 'discord.js';
import { startShardingManager, stopShardingManager } from '../../src/discord/sharding.ts';
import { createLogger } from '../../src/log/logger.ts';
import { openStore } from '../../src/store/open.ts';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';
import { SHARE, eventually, writeConfig } from './harness.ts';

let standIn: DiscordStandIn;
let dir: string;
let manager: ShardingManager | undefined;
before(async () => {
  standIn = await DiscordStandIn.start({ shards: 2, guilds: [{ shard: [0, 2], name: 'Shard 0 newsroom' }, { shard: [1, 2], name: 'Shard 1 community' }] });
  dir = await mkdtemp(join(tmpdir(), 'blackout-shards-'));
  const config = await writeConfig(dir, standIn.ids);
  manager = await startShardingManager({
    token: standIn.token,
    apiUrl: standIn.apiUrl,
    totalShards: 'auto',
    spawnDelayMs: 200,
    env: { BLACKOUT_CONFIG: config, LOG_LEVEL: 'warn', DATABASE_URL: '' },
  });
});
after(async () => {
  if (manager) await stopShardingManager(manager);
  await standIn?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('two shards identify with their shard ids, each receiving its own guild', () => {
  assert.deepEqual(standIn.identifies.map((i) => JSON.stringify(i.shard)).sort(), ['[0,2]', '[1,2]']);
});

test('shards share one store: sharing in a guild of each shard gives one audit trail', async () => {
  const [first, second] = standIn.guilds;
  const a = standIn.post({ guildId: first!.ids.guild, channelId: first!.ids.general, authorId: first!.ids.users.alice, content: SHARE });
  const b = standIn.post({ guildId: second!.ids.guild, channelId: second!.ids.general, authorId: second!.ids.users.bob, content: SHARE });
  await standIn.waitForCall((c) => c.method === 'DELETE' && c.path.endsWith(`/messages/${a.id}`));
  await standIn.waitForCall((c) => c.method === 'DELETE' && c.path.endsWith(`/messages/${b.id}`));
  const store = await openStore({ sqlitePath: join(dir, 'store.db'), logger: createLogger({ level: 'silent' }) });
  try {
    const incidents = await eventually(async () => {
      const all = await store.listIncidents();
      return all.length >= 2 && all;
    }, 'both incidents in the shared store');
    assert.deepEqual(incidents.map((i) => i.workspaceId).sort(), [first!.ids.guild, second!.ids.guild].sort());
  } finally {
    await store.close();
  }
});
