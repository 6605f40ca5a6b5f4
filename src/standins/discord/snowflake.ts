/**
 * Discord snowflakes for the stand-in: real ones (timestamp since the Discord epoch in the top
 * bits), because discord.js derives `createdTimestamp` from a message's id.
 */
const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;

/** A new snowflake for `atMs` (default now), unique within the process. */
export function snowflake(atMs: number = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return ((BigInt(atMs) - DISCORD_EPOCH) << 22n | (1n << 17n) | increment).toString();
}

/** The shard a guild belongs to, as Discord routes it: `(guild_id >> 22) % shardCount`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A guild id that Discord would route to `shard` of `shardCount`. */
export function guildIdForShard(shard: number, shardCount: number): string {
  for (let ms = Date.now(); ; ms -= 1) {
    const id = snowflake(ms);
    if (shardOf(id, shardCount) === shard) return id;
  }
}
