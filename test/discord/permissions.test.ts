import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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
