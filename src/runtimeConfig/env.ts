/**
 * Every environment variable blackout-guard reads, in one place (`.env.example` lists the same).
 * Secrets come only from here, never from the configuration file.
 */
import { config as loadDotenv } from 'dotenv';

let loaded = false;

/** Loads `.env` from the working directory once, without overriding variables already set. */
export function loadEnvFile(): void {
  if (loaded) return;
  loaded = true;
  loadDotenv({ quiet: true });
}

export interface Env {
  configFile?: string;
  discordToken?: string;
  discordApiUrl?: string;
  /** Web origin of message links (a Discord-compatible server's own), else derived from the API URL. */
  discordWebUrl?: string;
  /** How long start-up waits for the Discord gateway's READY, ms (`DISCORD_READY_TIMEOUT`, seconds). */
  discordReadyTimeoutMs?: number;
  /** Run the Discord bot as this many shard processes (`auto`: Discord's recommendation). */
  discordShards?: number | 'auto';
  slackBotToken?: string;
  slackAppToken?: string;
  slackSigningSecret?: string;
  slackApiUrl?: string;
  slackAdminUserToken?: string;
  port: number;
  databaseUrl?: string;
  /** Key of the HMAC kept instead of message text. */
  hashKey?: string;
  logLevel?: string;
  /** How long a sweep's claim on a channel lasts without progress (ms). */
  sweepLeaseMs?: number;
}

function text(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** Reads the environment (after `.env`). */
export function readEnv(): Env {
  loadEnvFile();
  const port = Number(text('PORT') ?? '3000');
  const shards = text('DISCORD_SHARDS');
  return {
    configFile: text('BLACKOUT_CONFIG'),
    discordToken: text('DISCORD_TOKEN'),
    discordApiUrl: text('DISCORD_API_URL'),
    discordWebUrl: text('DISCORD_WEB_URL'),
    ...(Number(text('DISCORD_READY_TIMEOUT')) > 0 && { discordReadyTimeoutMs: Number(text('DISCORD_READY_TIMEOUT')) * 1000 }),
    ...(shards !== undefined && { discordShards: shards === 'auto' ? 'auto' : Number(shards) }),
    slackBotToken: text('SLACK_BOT_TOKEN'),
    slackAppToken: text('SLACK_APP_TOKEN'),
    slackSigningSecret: text('SLACK_SIGNING_SECRET'),
    slackApiUrl: text('SLACK_API_URL'),
    slackAdminUserToken: text('SLACK_ADMIN_USER_TOKEN'),
    port: Number.isInteger(port) && port > 0 ? port : 3000,
    databaseUrl: text('DATABASE_URL'),
    hashKey: text('BLACKOUT_HASH_KEY'),
    logLevel: text('LOG_LEVEL'),
    ...(Number(text('SWEEP_LEASE_MS')) > 0 && { sweepLeaseMs: Number(text('SWEEP_LEASE_MS')) }),
  };
}
