import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHARE, eventually, handled, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const done = (actions: { action: string; outcome: string }[] | undefined) => (actions ?? []).map((o) => `${o.action}:${o.outcome}`);

test('a 429 on the warning is waited out (retry_after) and the warning and deletion both happen', async () => {
  const { general, users } = h.standIn.ids;
  h.standIn.fail({ method: 'POST', path: new RegExp(`^/channels/${general}/messages$`), status: 429, retryAfter: 0.3 });
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: SHARE });
  const event = await handled(h, message.id as string);
  assert.deepEqual(done(event.result?.outcomes), ['warn:done', 'delete:done', 'alert:done', 'record:done']);
  const posts = h.standIn.callsTo('POST', new RegExp(`^/channels/${general}/messages$`));
  assert.deepEqual(posts.map((c) => c.status), [429, 200]);
});

test('a 500 once on the delete is retried and the message is deleted', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.bob, content: SHARE });
  h.standIn.fail({ method: 'DELETE', path: new RegExp(`/messages/${message.id}$`), status: 500 });
  const event = await handled(h, message.id as string);
  assert.ok(done(event.result?.outcomes).includes('delete:done'));
  assert.deepEqual(h.standIn.callsTo('DELETE', new RegExp(`/messages/${message.id}$`)).map((c) => c.status), [500, 204]);
});

test('after the gateway drops, the bot resumes and no warning or deletion is lost', async () => {
  const { general, thread, users } = h.standIn.ids;
  h.standIn.dropGateway();
  // Sent while the bot is disconnected: Discord keeps them for the session and replays on RESUME.
  const first = h.standIn.post({ channelId: general, authorId: users.moderator, content: SHARE });
  const second = h.standIn.post({ channelId: thread, authorId: users.moderator, content: SHARE });
  await eventually(() => h.standIn.resumes.length >= 1, 'a RESUME');
  for (const m of [first, second]) {
    const event = await handled(h, m.id as string);
    assert.deepEqual(done(event.result?.outcomes), ['warn:done', 'delete:done', 'alert:done', 'record:done']);
  }
  assert.equal(h.standIn.identifies.length, 1, 'resumed, not identified again');
  // Each message was moderated once.
  assert.equal(h.handled.filter((e) => e.messageId === first.id).length, 1);
});
