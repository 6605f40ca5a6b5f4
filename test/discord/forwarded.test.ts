/** A forwarded message carries the original in `message_snapshots`: it is checked like content. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHARE, handled, startHarness } from './harness.ts';

test('a forwarded message whose only content is a leaked link in its snapshot is deleted', async () => {
  const h = await startHarness();
  try {
    const { general, guild, users } = h.standIn.ids;
    const message = h.standIn.post({ channelId: general, authorId: users.alice, content: '', dispatch: false });
    const forwarded = {
      ...message,
      message_reference: { type: 1, channel_id: general, guild_id: guild, message_id: '1' },
      message_snapshots: [{ message: { type: 0, content: SHARE, attachments: [], embeds: [], timestamp: message.timestamp, edited_timestamp: null, flags: 0, mentions: [], mention_roles: [] } }],
    };
    h.standIn.messages.set(message.id as string, forwarded);
    h.standIn.dispatch(guild, 'MESSAGE_CREATE', forwarded);
    const event = await handled(h, message.id as string);
    assert.equal(event.result?.classification.verdict, 'share');
    assert.ok(h.standIn.calls.some((c) => c.method === 'DELETE' && c.path === `/channels/${general}/messages/${message.id}`));
  } finally {
    await h.close();
  }
});
