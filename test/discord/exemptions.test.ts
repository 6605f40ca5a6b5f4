import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHARE, handled, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness({ config: (ids) => ({ policy: { exemptRoles: [ids.roles.press], exemptChannels: [ids.forum] } }) });
});
after(async () => {
  await h?.close();
});

test('a member with an exempt role may share: nothing is posted or deleted', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.reporter, content: SHARE });
  const event = await handled(h, message.id as string);
  assert.equal(event.result?.decision.exemptBecause, 'role');
  assert.deepEqual(event.result?.outcomes, []);
  assert.equal(h.standIn.callsTo('DELETE', new RegExp(`/${message.id}$`)).length, 0);
});

test('a post in a forum whose channel is exempt is left alone', async () => {
  const { forumPost, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: forumPost, authorId: users.alice, content: SHARE });
  const event = await handled(h, message.id as string);
  assert.equal(event.result?.decision.exemptBecause, 'channel');
  assert.equal(h.standIn.callsTo('POST', new RegExp(`^/channels/${forumPost}/messages$`)).length, 0);
});

test('a member without an exempt role sharing in a channel that is not exempt is moderated', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: SHARE });
  const event = await handled(h, message.id as string);
  assert.ok(event.result?.outcomes.some((o) => o.action === 'delete' && o.outcome === 'done'));
});
