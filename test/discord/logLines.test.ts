/** Log lines of the Discord bot name their platform exactly once (pino keeps duplicate keys). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHARE, handled, startHarness } from './harness.ts';

test('every log line of a moderated message names the platform once, as discord', async () => {
  const h = await startHarness();
  try {
    const { general, users } = h.standIn.ids;
    const message = h.standIn.post({ channelId: general, authorId: users.alice, content: SHARE });
    await handled(h, message.id as string);
    const moderated = h.logs.filter((l) => l.includes('"msg":"message moderated"'));
    assert.equal(moderated.length, 1);
    for (const line of h.logs) assert.ok((line.match(/"platform":/g) ?? []).length <= 1, line);
    assert.equal((moderated[0]!.match(/"platform":"discord"/g) ?? []).length, 1, moderated[0]);
  } finally {
    await h.close();
  }
});

test('message links in alerts point at the web origin of the configured API', async () => {
  const h = await startHarness();
  try {
    const { general, alerts, users } = h.standIn.ids;
    const message = h.standIn.post({ channelId: general, authorId: users.bob, content: SHARE });
    await handled(h, message.id as string);
    const alert = h.standIn.calls.find((c) => c.method === 'POST' && c.path === `/channels/${alerts}/messages`);
    const origin = new URL(h.standIn.apiUrl).origin;
    assert.ok(JSON.stringify(alert?.body).includes(`${origin}/channels/${h.standIn.ids.guild}/${general}/${message.id}`), JSON.stringify(alert?.body));
    assert.ok(!JSON.stringify(alert?.body).includes('https://discord.com/channels/'));
  } finally {
    await h.close();
  }
});
