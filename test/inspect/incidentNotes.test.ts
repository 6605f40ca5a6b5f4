/**
 * A moderated message whose attachments were not all inspected says so in its incident and its
 * log line: the real discord.js client against the stand-in, the real pool, a real SQLite store.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { createLogger } from '../../src/log/logger.ts';
import { LEAKED_BODY, LEAKED_EMAIL, damagedPdf, pdfOf } from './files.ts';
import { handled, incidentFor, startHarness, type Harness } from '../discord/harness.ts';

let h: Harness;
let leaks: string;

before(async () => {
  leaks = await mkdtemp(join(tmpdir(), 'blackout-leak-'));
  await mkdir(join(leaks, 'mails'));
  await writeFile(join(leaks, 'mails', '0007.eml'), LEAKED_EMAIL);
  h = await startHarness({
    config: {
      leaks: [{ id: 'emleaks', hashtags: ['MacronLeaks'], documents: [join(leaks, 'mails')] }],
      attachments: { inspect: 'inWindow' },
    },
  });
});
after(async () => {
  await h?.close();
  await rm(leaks, { recursive: true, force: true });
});

/** Posts a leaked PDF with a damaged one; resolves to the message id once the bot is done. */
async function postLeakWithDamagedFile(): Promise<string> {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({
    channelId: general,
    authorId: users.alice,
    content: 'regardez',
    attachments: [
      { name: 'compte-rendu.pdf', data: await pdfOf(LEAKED_BODY, 'copie') },
      { name: 'rapport.pdf', data: await damagedPdf() },
    ],
  });
  await handled(h, message.id as string);
  return message.id as string;
}

test('the incident of a message with an attachment not inspected carries the note, and keeps it in SQLite', async () => {
  const id = await postLeakWithDamagedFile();
  const incident = await incidentFor(h, id);
  assert.equal(incident.verdict, 'share');
  assert.deepEqual(incident.notes, ['not inspected: damaged (rapport.pdf)']);
  // Read again through a store of its own on the same SQLite file.
  const other = await openStore({ sqlitePath: h.live.config.store.sqlitePath, logger: createLogger({ level: 'silent' }), spoolDir: join(h.dir, 'spool-2') });
  try {
    const stored = (await other.listIncidents()).find((i) => i.id === incident.id);
    assert.deepEqual(stored?.notes, ['not inspected: damaged (rapport.pdf)']);
  } finally {
    await other.close();
  }
});

test('the "message moderated" log line lists the files not inspected', async () => {
  const id = await postLeakWithDamagedFile();
  const line = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'message moderated' && l.message === id);
  assert.ok(line, 'logged');
  assert.deepEqual(line.notes, ['not inspected: damaged (rapport.pdf)']);
});

test('the incident of a message whose attachments were all inspected has no notes', async () => {
  const { general, users } = h.standIn.ids;
  const message = h.standIn.post({ channelId: general, authorId: users.alice, content: 'voilà', attachments: [{ name: 'copie.pdf', data: await pdfOf(LEAKED_BODY, 'autre') }] });
  await handled(h, message.id as string);
  const incident = await incidentFor(h, message.id as string);
  assert.equal(incident.verdict, 'share');
  assert.equal(incident.notes, undefined);
});
