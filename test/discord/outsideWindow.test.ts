import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHARE, handled, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness({ window: 'past' });
});
after(async () => {
  await h?.close();
});

test('outside every window, a sharing message is only logged: nothing posted, nothing deleted', async () => {
  const { general, users } = h.standIn.ids;
  const before = h.standIn.calls.length;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: SHARE });
  const event = await handled(h, message.id as string);
  assert.equal(event.result?.classification.verdict, 'share');
  assert.equal(event.result?.classification.inBlackout, false);
  assert.deepEqual(event.result?.outcomes.map((o) => o.action), ['log']);
  assert.deepEqual(h.standIn.calls.slice(before).filter((c) => c.method !== 'GET'), []);
  assert.deepEqual(await h.store.listIncidents(), []);
});
