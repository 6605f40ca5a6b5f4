import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { invitePermissions } from '../../src/discord/permissions.ts';
import { eventually, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

test('the bot identifies with the Guilds, GuildMessages and MessageContent intents', () => {
  const [identify] = h.standIn.identifies;
  assert.equal(identify?.intents, GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent);
});

test('at start the invite URL is logged with exactly the permissions the configured actions need', async () => {
  const line = await eventually(() => h.logs.find((l) => l.includes('oauth2/authorize')), 'the invite in the log');
  const url = new URL(JSON.parse(line).invite);
  assert.equal(BigInt(url.searchParams.get('permissions')!), invitePermissions(h.live.config).bitfield);
  assert.equal(url.searchParams.get('client_id'), h.standIn.applicationId);
  assert.equal(url.searchParams.get('scope'), 'bot applications.commands');
});

test('the invite points at the web origin of the configured API and never asks for Moderate Members', async () => {
  const line = await eventually(() => h.logs.find((l) => l.includes('oauth2/authorize')), 'the invite in the log');
  const url = new URL(JSON.parse(line).invite);
  assert.equal(url.origin, new URL(h.standIn.apiUrl).origin);
  assert.equal(BigInt(url.searchParams.get('permissions')!) & PermissionFlagsBits.ModerateMembers, 0n);
});

test('every REST call goes to the configured API base, with the bot token', () => {
  assert.ok(h.standIn.calls.some((c) => c.path === '/gateway/bot'));
  assert.ok(h.standIn.calls.every((c) => c.status !== 401));
});

test('the reminder sink posts to a channel without pinging anyone', async () => {
  const { general } = h.standIn.ids;
  await h.bot!.reminderSink.post(general, 'La période de réserve commence dans 1 h. @everyone');
  const call = await h.standIn.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${general}/messages` && /réserve/.test(c.body?.content ?? ''));
  assert.deepEqual(call.body.allowed_mentions, { parse: [] });
  assert.deepEqual(h.bot!.reminderSink.channels(h.live.config), []);
  assert.equal(h.bot!.reminderSink.language(h.live.config), 'fr');
});

test('stop() disconnects and resolves', async () => {
  await h.bot!.stop();
  assert.equal(h.bot!.client.isReady(), false);
});
