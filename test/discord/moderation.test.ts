import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, LEAK_URL, MENTION, SHARE, handled, incidentFor, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const warningsIn = (channelId: string) => h.standIn.callsTo('POST', new RegExp(`^/channels/${channelId}/messages$`));

test('a sharing message in a window is deleted after a warning mentioning its author is posted', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: SHARE });
  await handled(h, message.id as string);
  const warning = await h.standIn.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${general}/messages` && c.body?.content?.includes(`<@${users.alice}>`));
  const deletion = await h.standIn.waitForCall((c) => c.method === 'DELETE' && c.path === `/channels/${general}/messages/${message.id}`);
  assert.ok(warning.atMs < deletion.atMs, 'the warning is posted before the delete');
  assert.equal(deletion.status, 204);
  assert.equal(warning.body.message_reference, undefined, 'the warning does not reply to the deleted message');
  assert.ok(!JSON.stringify(warning.body).includes(LEAK_URL), 'the warning never quotes the material');
  assert.ok(!JSON.stringify(warning.body).includes('pastebin'), 'the warning never names the link');
});

test('the warning is an embed with the title, the commission statement and the end of the blackout', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.bob, content: SHARE });
  await handled(h, message.id as string);
  const warning = warningsIn(general).find((c) => c.body?.content === `<@${users.bob}>`);
  assert.ok(warning, 'a warning for bob');
  const embed = warning.body.embeds[0];
  assert.equal(embed.title, 'Période de réserve électorale');
  assert.match(embed.description, /Commission/);
  assert.match(embed.description, /prend fin le/);
  assert.deepEqual(warning.body.allowed_mentions, { parse: [], users: [users.bob] });
});

test('the moderators are alerted with the channel, the author and the rule, never the material', async () => {
  const { general, alerts, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: `encore ${LEAK_URL}` });
  await handled(h, message.id as string);
  const alert = h.standIn.callsTo('POST', new RegExp(`^/channels/${alerts}/messages$`)).find((c) => JSON.stringify(c.body).includes(message.id as string));
  assert.ok(alert, 'an alert naming the message');
  const text = JSON.stringify(alert.body);
  assert.ok(text.includes(`<#${general}>`));
  assert.ok(text.includes(`<@${users.alice}>`));
  assert.ok(text.includes('link to pastebin.example/emleaks-2017'), 'the configured rule that matched');
  assert.ok(!text.includes('encore'), 'no message text');
  assert.deepEqual(alert.body.allowed_mentions, { parse: [] });
});

test('an incident is recorded with ids, verdict and the keyed text hash, and the log holds no message text', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: `secret ${LEAK_URL} zqxj` });
  const incident = await incidentFor(h, message.id as string);
  assert.equal(incident.platform, 'discord');
  assert.equal(incident.workspaceId, h.standIn.ids.guild);
  assert.equal(incident.channelId, general);
  assert.equal(incident.authorId, users.alice);
  assert.equal(incident.verdict, 'share');
  assert.equal(incident.windowId, 'test-window');
  assert.match(incident.textHash ?? '', /^[0-9a-f]{64}$/);
  const actions = incident.actions.map((a) => `${a.action}:${a.outcome}`);
  assert.ok(actions.includes('delete:done') && actions.includes('alert:done'), actions.join());
  assert.ok(!h.logs.join('').includes('zqxj'), 'logs never hold message text');
});

test('a user warned recently in a channel is not warned again, but every sharing message is deleted', async () => {
  const { thread, users } = h.standIn.ids;
  const first = h.standIn.post({ channelId: thread, authorId: users.bob, content: SHARE });
  await handled(h, first.id as string);
  const second = h.standIn.post({ channelId: thread, authorId: users.bob, content: SHARE });
  await handled(h, second.id as string);
  assert.equal(warningsIn(thread).filter((c) => c.body?.content === `<@${users.bob}>`).length, 1);
  assert.equal(h.standIn.callsTo('DELETE', new RegExp(`^/channels/${thread}/messages/(${first.id}|${second.id})$`)).length, 2);
});

test('a message mentioning the leak is left alone by default', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: MENTION });
  const event = await handled(h, message.id as string);
  assert.equal(event.result?.classification.verdict, 'mention');
  assert.equal(h.standIn.callsTo('DELETE', new RegExp(`/${message.id}$`)).length, 0);
  assert.deepEqual(event.result?.outcomes, []);
});

test('a clean message is left alone', async () => {
  const { general, users } = h.standIn.ids;
  const before = h.standIn.calls.length;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: CLEAN });
  const event = await handled(h, message.id as string);
  assert.equal(event.result?.classification.verdict, 'none');
  assert.deepEqual(
    h.standIn.calls.slice(before).filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`),
    [],
  );
});

test('a sharing message in a forum post is deleted and warned about in the post', async () => {
  const { forumPost, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: forumPost, authorId: users.alice, content: SHARE });
  const event = await handled(h, message.id as string);
  assert.deepEqual(event.result?.outcomes.map((o) => `${o.action}:${o.outcome}`), ['warn:done', 'delete:done', 'alert:done', 'record:done']);
  assert.equal(warningsIn(forumPost).length, 1);
});

test('the bot ignores its own messages as they come back from the gateway', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.moderator, content: SHARE });
  await handled(h, message.id as string);
  const own = [...h.standIn.messages.values()].filter((m) => (m.author as { id: string }).id === h.standIn.botId);
  assert.ok(own.length > 0, 'the bot posted messages');
  for (const m of own) {
    const event = await handled(h, m.id as string);
    assert.equal(event.ignored, 'bot');
  }
});

test('messages of other bots are ignored', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.bob, content: SHARE, bot: true });
  const event = await handled(h, message.id as string);
  assert.equal(event.ignored, 'bot');
  assert.equal(h.standIn.callsTo('DELETE', new RegExp(`/${message.id}$`)).length, 0);
});
