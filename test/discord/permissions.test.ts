import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import type { Config } from '../../src/core/index.ts';
import { inviteUrl } from '../../src/discord/invite.ts';
import { ACTION_PERMISSIONS, BASE_PERMISSIONS, REMINDER_PERMISSIONS, configuredActions, invitePermissions } from '../../src/discord/permissions.ts';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { SHARE, handled, incidentFor, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

test('without Manage Messages in a channel, the message is not deleted and the alert says so', async () => {
  const { noManage, alerts, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: noManage, authorId: users.alice, content: SHARE });
  const event = await handled(h, message.id as string);
  assert.deepEqual(event.result?.outcomes.map((o) => `${o.action}:${o.outcome}`), ['warn:done', 'delete:skipped', 'alert:done', 'record:done']);
  assert.equal(h.standIn.callsTo('DELETE', new RegExp(`/${message.id}$`)).length, 0, 'no delete is even attempted');
  assert.equal(h.standIn.callsTo('POST', new RegExp(`^/channels/${noManage}/messages$`)).length, 1, 'the warning is still posted');
  const alert = h.standIn.callsTo('POST', new RegExp(`^/channels/${alerts}/messages$`)).find((c) => JSON.stringify(c.body).includes(message.id as string));
  assert.match(JSON.stringify(alert?.body), /missing Manage Messages/);
  const incident = await incidentFor(h, message.id as string);
  assert.deepEqual(incident.actions.find((a) => a.action === 'delete'), { action: 'delete', outcome: 'skipped', detail: 'missing Manage Messages' });
});

test('a message already deleted by someone else is recorded as such, without a crash', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.bob, content: SHARE });
  // A moderator is quicker than the bot.
  h.standIn.messages.delete(message.id as string);
  const event = await handled(h, message.id as string);
  assert.deepEqual(event.result?.outcomes.find((o) => o.action === 'delete'), { action: 'delete', outcome: 'skipped', detail: 'message already deleted' });
  assert.ok(event.result?.outcomes.some((o) => o.action === 'record' && o.outcome === 'done'));
});

test('a moderators channel that no longer exists is logged and survived', async () => {
  const { general, alerts, users } = h.standIn.ids;
  h.standIn.deleteChannel(alerts);
  const message = h.standIn.post({ channelId: general, authorId: users.moderator, content: SHARE });
  const event = await handled(h, message.id as string);
  assert.deepEqual(event.result?.outcomes.find((o) => o.action === 'alert'), { action: 'alert', outcome: 'skipped', detail: 'channel no longer exists' });
  assert.ok(event.result?.outcomes.some((o) => o.action === 'delete' && o.outcome === 'done'));
  // Still moderating afterwards.
  const next = h.standIn.post({ channelId: general, authorId: users.alice, content: SHARE });
  const after = await handled(h, next.id as string);
  assert.ok(after.result?.outcomes.some((o) => o.action === 'delete' && o.outcome === 'done'));
});

/** The named permissions of an invite link. */
function invited(url: string): string[] {
  const bits = new PermissionsBitField(BigInt(new URL(url).searchParams.get('permissions') ?? '0'));
  return bits.toArray().sort();
}

test('the invite asks for exactly what the default actions use: Send Messages in Threads, neither Use Application Commands nor Moderate Members', () => {
  assert.deepEqual(invited(inviteUrl('123')), ['EmbedLinks', 'ManageMessages', 'ReadMessageHistory', 'SendMessages', 'SendMessagesInThreads', 'ViewChannel']);
});

test('the invite\'s permissions are derived from the configured actions', async () => {
  const { config } = await loadConfig('config/blackout.yaml');
  const only = (inWindow: Config['policy']['inWindow']): Config => ({
    ...config,
    policy: { ...config.policy, inWindow, outsideWindow: { share: ['log'], mention: [], none: [] }, channels: {}, ...('sweep' in config.policy && { sweep: ['record'] }) },
    discord: { ...config.discord, reminderChannels: [] },
  });
  assert.deepEqual(invited(inviteUrl('123', { config: only({ share: ['delete', 'record'], mention: [], none: [] }) })), ['ManageMessages', 'ReadMessageHistory', 'ViewChannel']);
  assert.deepEqual(invited(inviteUrl('123', { config: only({ share: ['record'], mention: ['remind'], none: [] }) })), ['EmbedLinks', 'ReadMessageHistory', 'SendMessages', 'SendMessagesInThreads', 'ViewChannel']);
  const derived = [...configuredActions(config)].flatMap((a) => ACTION_PERMISSIONS[a]);
  assert.deepEqual(invited(inviteUrl('123', { config })), new PermissionsBitField([...BASE_PERMISSIONS, ...derived, ...(config.discord.reminderChannels.length > 0 ? REMINDER_PERMISSIONS : [])]).toArray().sort());
});

test('every permission the bot checks before posting or deleting is in the default invite', () => {
  const bits = invitePermissions();
  for (const checked of [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.SendMessagesInThreads, PermissionFlagsBits.EmbedLinks, PermissionFlagsBits.ManageMessages]) {
    assert.ok(bits.has(checked), new PermissionsBitField(checked).toArray().join());
  }
});

test('the invite points at the Discord the bot talks to', () => {
  assert.match(inviteUrl('123', { origin: 'http://127.0.0.1:5000' }), /^http:\/\/127\.0\.0\.1:5000\/oauth2\/authorize\?client_id=123&scope=bot\+applications\.commands&permissions=\d+$/);
});
