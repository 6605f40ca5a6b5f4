import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { discordHistory } from '../../src/discord/history.ts';
import { SweepService } from '../../src/sweep/service.ts';
import JSZip from 'jszip';
import { closeProcessInspector } from '../../src/inspect/shared.ts';
import { CLEAN, LEAKED_FILE, MENTION, SHARE, startHarness, type Harness } from '../discord/harness.ts';

let h: Harness;
let sweeps: SweepService;

before(async () => {
  h = await startHarness({ window: 'now' });
  sweeps = new SweepService({ live: h.live, store: h.store, logger: h.logger, hashKey: 'test-hash-key', leaseMs: 2_000 });
});
after(async () => {
  await sweeps?.close();
  await h?.close();
  await closeProcessInspector();
});

function source() {
  const client = h.bot!.client;
  return discordHistory({
    client,
    guild: client.guilds.cache.get(h.standIn.ids.guild)!,
    config: () => h.live.config,
    logger: h.logger,
    webOrigin: 'https://discord.com',
    archivedWithinMs: 72 * 3_600_000,
  });
}

/** Messages stored in the stand-in as if posted while the bot was not looking. */
function postedEarlier(channelId: string, content: string, minutesAgo = 30) {
  return h.standIn.post({ channelId, authorId: h.standIn.ids.users.alice, content, dispatch: false, atMs: Date.now() - minutesAgo * 60_000 });
}

const deletes = (id: string) => h.standIn.callsTo('DELETE', new RegExp(`/messages/${id}$`));

test('a sweep removes links posted before it and records incidents that say they came from a sweep', async () => {
  const { general } = h.standIn.ids;
  const shared = postedEarlier(general, SHARE);
  const clean = postedEarlier(general, CLEAN);
  const mention = postedEarlier(general, MENTION);
  const [report] = await sweeps.sweep({ id: 'test:removes', reason: 'test', sinceMs: Date.now() - 3_600_000 }, [source()]);
  assert.equal(deletes(shared.id as string).length, 1);
  assert.equal(deletes(clean.id as string).length, 0);
  assert.equal(deletes(mention.id as string).length, 0);
  const incident = (await h.store.listIncidents()).find((i) => i.messageId === shared.id);
  assert.equal(incident?.origin, 'sweep');
  assert.ok(report!.scanned >= 3);
  assert.equal(report!.removed, 1);
});

test('each swept channel gets one notice that mentions nobody, and the moderators one digest', async () => {
  const { general, alerts } = h.standIn.ids;
  postedEarlier(general, SHARE);
  postedEarlier(general, `${SHARE} encore`);
  const before = h.standIn.calls.length;
  await sweeps.sweep({ id: 'test:notice', reason: 'test', sinceMs: Date.now() - 3_600_000 }, [source()]);
  const posts = h.standIn.calls.slice(before).filter((c) => c.method === 'POST' && /\/messages$/.test(c.path));
  const notices = posts.filter((c) => c.path === `/channels/${general}/messages`);
  assert.equal(notices.length, 1);
  assert.equal(notices[0]!.body.content, undefined, 'no one is mentioned');
  assert.deepEqual(notices[0]!.body.allowed_mentions, { parse: [] });
  assert.match(notices[0]!.body.embeds[0].description, /2 messages relayant/);
  const digests = posts.filter((c) => c.path === `/channels/${alerts}/messages`);
  assert.equal(digests.length, 1);
  assert.match(digests[0]!.body.embeds[0].description, /2 trouvé\(s\), 2 retiré\(s\)/);
});

test('a sweep looks inside attachments as live moderation does: a zip holding the leaked file is removed', async () => {
  const zip = new JSZip();
  zip.file('dossier/notes-de-reunion.txt', LEAKED_FILE);
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const { general, users } = h.standIn.ids;
  const posted = h.standIn.post({ channelId: general, authorId: users.bob, content: 'pour info', dispatch: false, atMs: Date.now() - 600_000, attachments: [{ name: 'archive.zip', data }] });
  await sweeps.sweep({ id: 'test:attachments', reason: 'test', sinceMs: Date.now() - 3_600_000, channelIds: [general] }, [source()]);
  assert.equal(deletes(posted.id as string).length, 1);
});

test('threads and forum posts are swept like channels', async () => {
  const { thread, forumPost } = h.standIn.ids;
  const inThread = postedEarlier(thread, SHARE);
  const inForum = postedEarlier(forumPost, SHARE);
  await sweeps.sweep({ id: 'test:threads', reason: 'test', sinceMs: Date.now() - 3_600_000 }, [source()]);
  assert.equal(deletes(inThread.id as string).length, 1);
  assert.equal(deletes(inForum.id as string).length, 1);
});

test('a message posted before the sweep looks back is left alone', async () => {
  const old = postedEarlier(h.standIn.ids.general, SHARE, 180);
  await sweeps.sweep({ id: 'test:lookback', reason: 'test', sinceMs: Date.now() - 3_600_000 }, [source()]);
  assert.equal(deletes(old.id as string).length, 0);
});

test('where the bot may not delete, the message is left up and the digest links to it', async () => {
  const { noManage, alerts, guild } = h.standIn.ids;
  const shared = postedEarlier(noManage, SHARE);
  const before = h.standIn.calls.length;
  const [report] = await sweeps.sweep({ id: 'test:noManage', reason: 'test', sinceMs: Date.now() - 3_600_000, channelIds: [noManage] }, [source()]);
  assert.equal(report!.leftUp, 1);
  assert.equal(deletes(shared.id as string).length, 0);
  const digest = h.standIn.calls.slice(before).find((c) => c.method === 'POST' && c.path === `/channels/${alerts}/messages`);
  assert.ok(digest?.body.embeds[0].description.includes(`https://discord.com/channels/${guild}/${noManage}/${shared.id}`));
});

test('the same sweep run twice acts on each message once', async () => {
  const shared = postedEarlier(h.standIn.ids.general, SHARE);
  h.standIn.fail({ method: 'DELETE', path: new RegExp(`/messages/${shared.id}$`), status: 500, times: 10 });
  await sweeps.sweep({ id: 'test:twice', reason: 'test', sinceMs: Date.now() - 3_600_000 }, [source()]);
  const first = (await h.store.listIncidents()).filter((i) => i.messageId === shared.id).length;
  await sweeps.sweep({ id: 'test:twice', reason: 'test', sinceMs: Date.now() - 3_600_000 }, [source()]);
  await sweeps.sweep({ id: 'test:twice-again', reason: 'test', sinceMs: Date.now() - 3_600_000 }, [source()]);
  assert.equal((await h.store.listIncidents()).filter((i) => i.messageId === shared.id).length, first);
  assert.equal(first, 1);
});

test('a sweep cut after its first page resumes from the saved cursor without acting twice', async () => {
  const { general } = h.standIn.ids;
  const shares = Array.from({ length: 150 }, (_, i) => postedEarlier(general, `${SHARE} ${i}`, 50 - i * 0.1));
  const real = source();
  let pages = 0;
  const cut = { ...real, page: async (...args: Parameters<typeof real.page>) => {
    if (++pages > 1) throw new Error('the instance died');
    return real.page(...args);
  } };
  await sweeps.sweep({ id: 'test:resume', reason: 'test', sinceMs: Date.now() - 3_600_000, channelIds: [general] }, [cut]);
  const afterCut = shares.filter((m) => deletes(m.id as string).length > 0).length;
  assert.ok(afterCut > 0 && afterCut < 150, `the first page was handled (${afterCut})`);
  await new Promise((r) => setTimeout(r, 2_100)); // the claim's lease runs out
  await sweeps.sweep({ id: 'test:resume', reason: 'test', sinceMs: Date.now() - 3_600_000, channelIds: [general] }, [real]);
  for (const m of shares) assert.equal(deletes(m.id as string).length, 1, `message ${m.id} deleted once`);
});
