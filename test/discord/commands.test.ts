import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { SHARE, handled, startHarness, type Harness } from './harness.ts';
import { EVERYONE_PERMISSIONS } from '../../src/standins/discord/world.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const ADMIN = EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageGuild;
const MEMBER = EVERYONE_PERMISSIONS;

const group = (name: string, sub: string, options: Record<string, string> = {}) => [
  { type: 2, name, options: [{ type: 1, name: sub, options: Object.entries(options).map(([n, value]) => ({ type: 3, name: n, value })) }] },
];
const single = (sub: string, options: Record<string, string> = {}) => [
  { type: 1, name: sub, options: Object.entries(options).map(([n, value]) => ({ type: 3, name: n, value })) },
];

async function run(userId: string, permissions: bigint, options: Record<string, unknown>[], locale?: string) {
  const { id, token } = h.standIn.interact({ channelId: h.standIn.ids.general, userId, permissions, options, ...(locale !== undefined && { locale }) });
  const call = await h.standIn.waitForCall((c) => c.method === 'POST' && c.path === `/interactions/${id}/${token}/callback`);
  return call.body as { type: number; data: { flags?: number; embeds: { title?: string; description: string }[] } };
}

test('a non-admin trying to add a leaked domain gets an ephemeral refusal and nothing changes', async () => {
  const { users } = h.standIn.ids;
  const reply = await run(users.alice, MEMBER, group('leaks', 'add-domain', { value: 'refused-mirror.example' }));
  assert.equal(reply.type, 4);
  assert.equal((reply.data.flags ?? 0) & MessageFlags.Ephemeral, MessageFlags.Ephemeral);
  assert.match(reply.data.embeds[0]!.description, /Manage Server|Gérer le serveur/);
  assert.ok(!h.live.config.leaks.some((l) => l.domains.includes('refused-mirror.example')));
  assert.deepEqual(await h.store.listConfigChanges(), []);
});

test('an admin adding a leaked domain changes the configuration at once: the next share is deleted', async () => {
  const { users, general } = h.standIn.ids;
  const reply = await run(users.moderator, ADMIN, group('leaks', 'add-domain', { value: 'new-mirror.example' }));
  assert.equal(reply.type, 4);
  assert.ok(h.live.config.leaks.some((l) => l.domains.includes('new-mirror.example')));
  assert.equal((await h.store.listConfigChanges()).length, 1, 'the change is persisted');
  const message = h.standIn.post({ channelId: general, authorId: users.bob, content: 'https://new-mirror.example/files' });
  const event = await handled(h, message.id as string);
  assert.ok(event.result?.outcomes.some((o) => o.action === 'delete' && o.outcome === 'done'));
});

test('/blackout status answers anyone, ephemerally, in the language of a French-speaking member', async () => {
  const reply = await run(h.standIn.ids.users.alice, MEMBER, single('status'), 'fr');
  assert.equal(reply.type, 4);
  assert.equal((reply.data.flags ?? 0) & MessageFlags.Ephemeral, MessageFlags.Ephemeral);
  const text = JSON.stringify(reply.data.embeds);
  assert.match(text, /Test window/);
  assert.match(text, /réserve|fin|reste/i);
});

test('/blackout status answers an English-speaking member in English', async () => {
  const reply = await run(h.standIn.ids.users.alice, MEMBER, single('status'), 'en-GB');
  assert.match(JSON.stringify(reply.data.embeds), /blackout|ends|left/i);
});

test('/blackout check is an ephemeral dry run that does not quote the text and moderates nothing', async () => {
  const before = h.standIn.callsTo('DELETE', /./).length;
  const reply = await run(h.standIn.ids.users.alice, MEMBER, single('check', { text: SHARE }));
  assert.equal((reply.data.flags ?? 0) & MessageFlags.Ephemeral, MessageFlags.Ephemeral);
  assert.ok(!JSON.stringify(reply.data).includes(SHARE));
  assert.equal(h.standIn.callsTo('DELETE', /./).length, before);
});

test('/blackout report is refused to non-admins', async () => {
  const reply = await run(h.standIn.ids.users.bob, MEMBER, single('report'));
  assert.equal((reply.data.flags ?? 0) & MessageFlags.Ephemeral, MessageFlags.Ephemeral);
  assert.match(reply.data.embeds[0]!.description, /Manage Server|Gérer le serveur/);
});
