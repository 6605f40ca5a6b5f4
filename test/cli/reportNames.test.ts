/** `blackout-guard report --names`: server and channel names asked of Discord, ids always kept. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log/logger.ts';
import type { AuditReport } from '../../src/report/auditReport.ts';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';
import { openStore } from '../../src/store/open.ts';
import { sampleIncident } from '../store/backends.ts';

let standIn: DiscordStandIn;
let dir: string;
let config: string;
before(async () => {
  standIn = await DiscordStandIn.start();
  dir = await mkdtemp(join(tmpdir(), 'bg-report-names-'));
  config = join(dir, 'blackout.yaml');
  const sqlitePath = join(dir, 'data', 'store.db');
  await writeFile(config, `${await readFile('config/blackout.yaml', 'utf8')}\nstore:\n  sqlitePath: ${JSON.stringify(sqlitePath)}\n`);
  const store = await openStore({ sqlitePath, logger: createLogger({ level: 'silent' }) });
  await store.recordIncident(sampleIncident({ workspaceId: standIn.ids.guild, channelId: standIn.ids.general }));
  await store.recordIncident(sampleIncident({ platform: 'slack', workspaceId: 'T0NEWSROOM', channelId: 'C0GENERAL' }));
  await store.close();
});
after(async () => {
  await standIn?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the real CLI (asynchronously: the Discord stand-in answers from this process). */
async function report(extraArgs: string[]): Promise<AuditReport> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl };
  delete env.DATABASE_URL;
  const args = ['bin/blackout-guard.js', 'report', '--config', config, '--window', 'fr-2017-t2-metropole', '--format', 'json', ...extraArgs];
  const { stdout } = await promisify(execFile)(process.execPath, args, { encoding: 'utf8', env });
  return JSON.parse(stdout) as AuditReport;
}

test('with --names, Discord servers and channels are named from Discord, next to their ids', async () => {
  const [discord] = (await report(['--names'])).trail.filter((i) => i.platform === 'discord');
  assert.deepEqual([discord?.workspaceName, discord?.workspaceId], ['Newsroom', standIn.ids.guild]);
  assert.deepEqual([discord?.channelName, discord?.channelId], ['general', standIn.ids.general]);
});

test('a place no lookup names keeps its ids only', async () => {
  const [slack] = (await report(['--names'])).trail.filter((i) => i.platform === 'slack');
  assert.deepEqual(slack, { ...slack, workspaceId: 'T0NEWSROOM', channelId: 'C0GENERAL' });
  assert.equal(slack?.workspaceName, undefined);
  assert.equal(slack?.channelName, undefined);
});

test('without --names, Discord is not asked', async () => {
  const before = standIn.calls.length;
  const [discord] = (await report([])).trail.filter((i) => i.platform === 'discord');
  assert.equal(discord?.channelName, undefined);
  assert.equal(standIn.calls.length, before);
});
