import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';
import { SlackStandIn } from '../../src/standins/slack/webApi.ts';
import { cleanEnv, SHARE, CLEAN, writeConfig } from '../discord/harness.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bg-sweep-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/blackout-guard.js', ...args], { env: cleanEnv(env), timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('blackout-guard sweep without platform credentials is a usage error (exit 2)', async () => {
  const result = await cli(['sweep'], {});
  assert.equal(result.code, 2);
  assert.match(result.stderr, /DISCORD_TOKEN/);
});

test('blackout-guard sweep removes from Discord what was posted within --since, and says what it did', async () => {
  const standIn = await DiscordStandIn.start();
  try {
    const sub = await mkdtemp(join(dir, 'discord-'));
    const config = await writeConfig(sub, standIn.ids);
    const { general, users } = standIn.ids;
    const shared = standIn.post({ channelId: general, authorId: users.alice, content: SHARE, dispatch: false, atMs: Date.now() - 3_600_000 });
    standIn.post({ channelId: general, authorId: users.bob, content: CLEAN, dispatch: false, atMs: Date.now() - 3_500_000 });
    const tooOld = standIn.post({ channelId: general, authorId: users.alice, content: SHARE, dispatch: false, atMs: Date.now() - 5 * 3_600_000 });
    const result = await cli(['sweep', '--config', config, '--since', '2h'], { DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^discord \d+: \d+ channels swept, 2 messages examined, 1 sharing, 1 removed, 0 left up$/m);
    assert.equal(standIn.callsTo('DELETE', new RegExp(`/messages/${shared.id}$`)).length, 1);
    assert.equal(standIn.callsTo('DELETE', new RegExp(`/messages/${tooOld.id}$`)).length, 0);
  } finally {
    await standIn.stop();
  }
});

test('blackout-guard sweep --platform slack --json sweeps the Slack channels the app is in', async () => {
  const standIn = await SlackStandIn.start();
  try {
    const sub = await mkdtemp(join(dir, 'slack-'));
    const config = await writeConfig(sub, { alerts: 'C0MODS' } as never);
    standIn.addChannel('C0NEWS', 'news');
    const ts = standIn.addHistory('C0NEWS', { user: 'U0AUTHOR', text: SHARE, atMs: Date.now() - 600_000 });
    const result = await cli(['sweep', '--config', config, '--platform', 'slack', '--json'], {
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_ADMIN_USER_TOKEN: standIn.adminToken,
      SLACK_API_URL: standIn.apiUrl,
    });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim()) as { platform: string; removed: number };
    assert.equal(report.platform, 'slack');
    assert.equal(report.removed, 1);
    assert.deepEqual(standIn.callsTo('chat.delete').map((c) => c.params.ts), [ts]);
  } finally {
    await standIn.close();
  }
});
