/**
 * Inspection of attachments end to end on Discord: the real discord.js client against the
 * stand-in, files posted as attachments and downloaded by the bot, inspected in the worker pool.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdqHash } from '../../src/image/pdq.ts';
import {
  LEAKED_BODY,
  LEAKED_EMAIL,
  UNRELATED_BODY,
  damagedPdf,
  pdfOf,
  photoOf,
  resavedPhoto,
  screenshotOf,
  zipBomb,
  zipOf,
} from '../inspect/files.ts';
import { SHARE, handled, startHarness, type Harness } from './harness.ts';

let h: Harness;
let leaks: string;
let leakedPhoto: Buffer;

before(async () => {
  leaks = await mkdtemp(join(tmpdir(), 'blackout-leak-'));
  await mkdir(join(leaks, 'mails'));
  await writeFile(join(leaks, 'mails', '0007.eml'), LEAKED_EMAIL);
  leakedPhoto = await photoOf(2041);
  const { hash } = await pdqHash(leakedPhoto);
  h = await startHarness({
    config: {
      leaks: [{ id: 'emleaks', urls: ['pastebin.example/emleaks-2017'], documents: [join(leaks, 'mails')], pdq: [hash] }],
      attachments: { inspect: 'inWindow' },
    },
  });
});
after(async () => {
  await h?.close();
  await rm(leaks, { recursive: true, force: true });
});

/** Posts a message with one attachment and waits for the bot to finish with it. */
async function postFile(name: string, data: Buffer, content = 'regardez') {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content, attachments: [{ name, data }] });
  const event = await handled(h, message.id as string);
  const deleted = h.standIn.callsTo('DELETE', new RegExp(`^/channels/${general}/messages/${message.id}$`)).length > 0;
  const alert = h.standIn
    .callsTo('POST', new RegExp(`^/channels/${h.standIn.ids.alerts}/messages$`))
    .find((c) => JSON.stringify(c.body).includes(message.id as string));
  // The warnings to the author so far (one per interval: the first test's is the one posted).
  const warnings = h.standIn
    .callsTo('POST', new RegExp(`^/channels/${general}/messages$`))
    .filter((c) => c.body?.content === `<@${users.alice}>`)
    .map((c) => JSON.stringify(c.body));
  return { event, deleted, alert: alert ? JSON.stringify(alert.body) : undefined, warnings };
}

test('a screenshot of a leaked e-mail is deleted; the warning names the file, the alert the file and how it was found', async () => {
  const { event, deleted, alert, warnings } = await postFile('capture.png', await screenshotOf(LEAKED_BODY));
  assert.equal(warnings.length, 1);
  assert.ok(warnings[0]!.includes('Pièce jointe en cause : capture.png'), warnings[0]);
  assert.equal(event.result?.classification.verdict, 'share');
  assert.ok(deleted, 'deleted');
  assert.ok(alert?.includes('via OCR of capture.png'), alert);
  assert.ok(!alert?.includes('réunion du comité'), 'the alert never quotes the text');
});

test('a re-saved PDF of a leaked e-mail is deleted', async () => {
  const { event, deleted } = await postFile('compte-rendu.pdf', await pdfOf(LEAKED_BODY, 'copie'));
  assert.equal(event.result?.classification.verdict, 'share');
  assert.ok(deleted);
});

test('a resized photo of a leaked photo is deleted', async () => {
  const { event, deleted, alert } = await postFile('IMG_0001.jpg', await resavedPhoto(leakedPhoto));
  assert.equal(event.result?.classification.verdict, 'share');
  assert.ok(deleted);
  assert.match(alert ?? '', /photo matching PDQ [0-9a-f]{12}…, distance \d+/);
});

test('a zip holding a leaked e-mail is deleted', async () => {
  const { event, deleted } = await postFile('archive.zip', await zipOf({ 'mails/0007.eml': LEAKED_EMAIL }));
  assert.equal(event.result?.classification.verdict, 'share');
  assert.ok(deleted);
});

test('an unrelated PDF, photo and screenshot are left alone', async () => {
  for (const [name, data] of [
    ['conseil.pdf', await pdfOf(UNRELATED_BODY)],
    ['vacances.jpg', await photoOf(7)],
    ['capture.png', await screenshotOf(UNRELATED_BODY)],
  ] as const) {
    const { event, deleted } = await postFile(name, data);
    assert.equal(event.result?.classification.verdict, 'none', name);
    assert.equal(deleted, false, name);
  }
});

test('a damaged PDF and a zip bomb are "not inspected", and the bot goes on moderating', async () => {
  const damaged = await postFile('rapport.pdf', await damagedPdf());
  assert.deepEqual((damaged.event.result!.classification as { notes?: string[] }).notes, ['not inspected: damaged (rapport.pdf)']);
  const bomb = await postFile('photos.zip', await zipBomb());
  assert.ok((bomb.event.result!.classification as { notes?: string[] }).notes?.some((n) => n.startsWith('not inspected: archive bomb')));
  assert.ok(h.logs.some((l) => l.includes('not inspected: damaged (rapport.pdf)')), 'a log line');
  const next = await postFile('notes.txt', Buffer.from('rien'), SHARE);
  assert.ok(next.deleted, 'a later share is still moderated');
});
