import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LEAKED_FILE, LEAKED_SHA256, handled, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness({ config: { attachments: { maxBytes: 1024, timeout: '5s' } } });
});
after(async () => {
  await h?.close();
});

test('an attachment whose SHA-256 is in a leak set makes the message a share, whatever its name', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: 'regardez', attachments: [{ name: 'notes.txt', data: LEAKED_FILE }] });
  const event = await handled(h, message.id as string);
  assert.equal(event.result?.classification.verdict, 'share');
  assert.ok(event.result?.outcomes.some((o) => o.action === 'delete' && o.outcome === 'done'));
  const incident = (await h.store.listIncidents()).find((i) => i.messageId === message.id);
  assert.ok(incident?.signalKinds.includes('fileHash'));
  assert.ok(incident?.rules.some((r) => r.toLowerCase() === LEAKED_SHA256));
});

test('an innocent attachment is downloaded, hashed and left alone', async () => {
  const { general, users } = h.standIn.ids;
  const downloads = h.standIn.downloads.length;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: 'photo', attachments: [{ name: 'photo.jpg', data: 'not a leak' }] });
  const event = await handled(h, message.id as string);
  assert.equal(event.result?.classification.verdict, 'none');
  assert.equal(h.standIn.downloads.length, downloads + 1);
});

test('an attachment announced larger than the size cap is not downloaded; its name is still checked', async () => {
  const { general, users } = h.standIn.ids;
  const downloads = h.standIn.downloads.length;
  const message = h.standIn.post({
    channelId: general,
    authorId: users.bob,
    content: 'archive',
    attachments: [{ name: 'EMLEAKS.zip', data: LEAKED_FILE, announcedSize: 10 * 1024 * 1024 }],
  });
  const event = await handled(h, message.id as string);
  assert.equal(h.standIn.downloads.length, downloads, 'no download');
  assert.equal(event.result?.classification.verdict, 'share');
});
