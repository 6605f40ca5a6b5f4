/**
 * Several shards on one machine with discord.js's `ShardingManager`: one process per shard (or
 * per group of shards), each a complete bot for its guilds, all sharing one store. Needed past
 * 2,500 servers (Discord then requires sharding); most deployments run one process instead.
 */
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';

export interface ShardingOptions {
  token: string;
  /** REST base replacing https://discord.com/api (also used for the recommended shard count). */
  apiUrl?: string;
  /** Number of shards; `auto` asks Discord (GET /gateway/bot). */
  totalShards: number | 'auto';
  /** Environment of the shard processes (configuration file, store, log level…). */
  env?: NodeJS.ProcessEnv;
  /** Wait between two shards' logins (Discord allows one IDENTIFY per 5 s per bucket). */
  spawnDelayMs?: number;
}

const SHARD_PROCESS = fileURLToPath(new URL('./shardProcess.ts', import.meta.url));

/** Spawns every shard and resolves once each is ready. */
export async function startShardingManager(options: ShardingOptions): Promise<ShardingManager> {
  let totalShards = options.totalShards;
  if (totalShards === 'auto') {
    // discord.js's own 'auto' asks discord.com whatever the REST base: ask the configured one.
    const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
    totalShards = ((await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult).shards;
  }
  const manager = new ShardingManager(SHARD_PROCESS, {
    token: options.token,
    totalShards,
    mode: 'process',
    // The shard process is TypeScript, run through tsx (as the tests and worker threads are).
    execArgv: ['--import', 'tsx'],
    respawn: true,
  });
  // Each shard gets this process's environment (discord.js copies it) with the options' laid over.
  const extra: NodeJS.ProcessEnv = { ...options.env, ...(options.apiUrl !== undefined && { DISCORD_API_URL: options.apiUrl }) };
  manager.on('shardCreate', (shard) => Object.assign(shard.env as NodeJS.ProcessEnv, extra));
  await manager.spawn({ amount: totalShards, delay: options.spawnDelayMs ?? 5_500, timeout: 60_000 });
  return manager;
}

/** Stops every shard process (each stops its bot and closes the store on SIGTERM). */
export async function stopShardingManager(manager: ShardingManager): Promise<void> {
  // A shard stopped on purpose is not respawned.
  manager.respawn = false;
  await Promise.all(
    manager.shards.map(async (shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Not shard.kill(), which sends SIGKILL: SIGTERM lets the shard finish its work.
      child.kill('SIGTERM');
      await exited;
    }),
  );
}
