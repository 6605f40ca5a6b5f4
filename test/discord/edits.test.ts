import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, SHARE, handled, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

test('an edit that adds a leaked link is warned about and deleted', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: CLEAN });
  await handled(h, message.id as string);
  h.standIn.edit(message.id as string, `${CLEAN} ${SHARE}`);
  const event = await handled(h, message.id as string, { edited: true });
  assert.deepEqual(event.result?.outcomes.map((o) => `${o.action}:${o.outcome}`), ['warn:done', 'delete:done', 'alert:done', 'record:done']);
  await h.standIn.waitForCall((c) => c.method === 'DELETE' && c.path === `/channels/${general}/messages/${message.id}`);
});

test('a partial edit of a message not in cache is fetched, then moderated', async () => {
  const { thread, users } = h.standIn.ids;
  // Posted before the bot was running: the client never saw it.
  const message = h.standIn.post({ channelId: thread, authorId: users.bob, content: CLEAN, dispatch: false });
  h.standIn.edit(message.id as string, SHARE, { partial: true });
  const event = await handled(h, message.id as string, { edited: true });
  assert.ok(h.standIn.callsTo('GET', new RegExp(`^/channels/${thread}/messages/${message.id}$`)).length >= 1, 'the message was fetched');
  assert.deepEqual(event.result?.outcomes.map((o) => `${o.action}:${o.outcome}`), ['warn:done', 'delete:done', 'alert:done', 'record:done']);
});

test('an update that does not change the text (a link preview resolving) is not moderated again', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.moderator, content: CLEAN });
  await handled(h, message.id as string);
  h.standIn.edit(message.id as string, CLEAN);
  // A later edit is handled; the one before it, with the same text, was not.
  h.standIn.edit(message.id as string, `${CLEAN}!`);
  await handled(h, message.id as string, { edited: true });
  assert.equal(h.handled.filter((e) => e.messageId === message.id && e.edited).length, 1);
});

test('a partial edit of a message deleted in the meantime is survived', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.bob, content: CLEAN, dispatch: false });
  h.standIn.edit(message.id as string, SHARE, { partial: true });
  h.standIn.messages.delete(message.id as string);
  const event = await handled(h, message.id as string, { edited: true });
  assert.equal(event.ignored, 'gone');
});
