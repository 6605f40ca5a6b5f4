/**
 * `scan --media` inspects the files an export carries, as the bots inspect attachments: the
 * media folder DiscordChatExporter writes beside its JSON, and the files of a Slack export
 * (slackdump's `__uploads/<id>/`, `<channel>/attachments/<id>-<name>`), folder and zip. Run as a
 * user runs it, through bin/blackout-guard.js, on real files made here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LEAKED_BODY, UNRELATED_BODY, pdfOf, photoOf, zipOf, folderWithLeakedMail } from '../inspect/files.ts';
import { runCli } from '../fixtures/exports/harness.ts';

const dir = await folderWithLeakedMail('bg-scan-media-');
const config = join(dir, 'blackout.yaml');
await writeFile(
  config,
  `timezone: Europe/Paris
windows: [{ id: t2, name: Second tour, start: 2017-05-06T00:00, end: 2017-05-07T20:00 }]
leaks: [{ id: macronleaks, documents: [mails] }]
`,
);

const leakedPdf = await pdfOf(LEAKED_BODY, 'copie');
const photo = await photoOf(7);

// A DiscordChatExporter export made with --media: files in channel.json_Files/ beside it.
const discordDir = join(dir, 'discord');
await mkdir(join(discordDir, 'politique.json_Files'), { recursive: true });
await writeFile(join(discordDir, 'politique.json_Files', 'document-1A2B3.pdf'), leakedPdf);
await writeFile(join(discordDir, 'politique.json_Files', 'vacances-4C5D6.jpg'), photo);
const discordMessage = (id: string, attachments: { fileName: string; url: string }[], content = '') => ({
  id,
  type: 'Default',
  timestamp: '2017-05-06T12:00:00.000+02:00',
  timestampEdited: null,
  content,
  author: { id: '200000000000000002', name: 'anon' },
  attachments: attachments.map((a, i) => ({ id: `32000000000000000${i}`, fileSizeBytes: 1, ...a })),
  embeds: [],
});
const discordExport = join(discordDir, 'politique.json');
await writeFile(
  discordExport,
  JSON.stringify({
    guild: { id: '301234567890123456', name: 'Rédaction' },
    channel: { id: '301234567890999999', name: 'politique' },
    messages: [
      discordMessage('310000000000000001', [], 'bonjour'),
      discordMessage('310000000000000002', [{ fileName: 'document.pdf', url: 'politique.json_Files/document-1A2B3.pdf' }]),
      discordMessage('310000000000000003', [], 'à demain'),
      discordMessage('310000000000000004', [{ fileName: 'vacances.jpg', url: 'politique.json_Files\\vacances-4C5D6.jpg' }]),
      discordMessage('310000000000000005', [{ fileName: 'perdu.png', url: 'politique.json_Files/perdu-7E8F9.png' }]),
      discordMessage('310000000000000006', [{ fileName: 'ailleurs.pdf', url: 'https://cdn.discordapp.com/attachments/1/2/ailleurs.pdf' }]),
    ],
  }),
);

// A Slack export made with its files (slackdump's standard layout).
const slackMessages = JSON.stringify([
  { type: 'message', text: 'le voilà', user: 'U0BOB', ts: '1494064800.000100', files: [{ id: 'F0LEAK1', name: 'rapport.pdf' }] },
  { type: 'message', text: 'mes vacances', user: 'U0ANN', ts: '1494064900.000200', files: [{ id: 'F0PHOTO', name: 'plage.jpg' }] },
  { type: 'message', text: 'encore', user: 'U0BOB', ts: '1494065000.000300', files: [{ id: 'F0COPY2', name: 'copie.pdf' }] },
]);
const slackFiles: Record<string, string | Buffer> = {
  'channels.json': JSON.stringify([{ id: 'C0GENERAL', name: 'general' }]),
  'general/2017-05-06.json': slackMessages,
  '__uploads/F0LEAK1/rapport.pdf': leakedPdf,
  '__uploads/F0PHOTO/plage.jpg': photo,
  'general/attachments/F0COPY2-copie.pdf': await pdfOf(LEAKED_BODY, 'autre copie'),
};
const slackDir = join(dir, 'slack');
for (const [path, content] of Object.entries(slackFiles)) {
  await mkdir(join(slackDir, path, '..'), { recursive: true });
  await writeFile(join(slackDir, path), content);
}
const slackZip = join(dir, 'slack.zip');
await writeFile(slackZip, await zipOf(slackFiles));
// Slack's own export: the same messages, no files.
const bareZip = join(dir, 'slack-bare.zip');
await writeFile(bareZip, await zipOf({ 'channels.json': slackFiles['channels.json']!, 'general/2017-05-06.json': slackMessages }));

/** Runs `blackout-guard scan --config CONFIG ARGS`. */
const scan = (args: string[]) => runCli(['scan', '--config', config, ...args], { LOG_LEVEL: 'silent', BLACKOUT_CONFIG: '' });

const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));

test('with --media, a leaked PDF saved beside a DiscordChatExporter export makes its message a share, saying which attachment and what was found', async () => {
  const r = await scan(['--media', '--json', discordExport]);
  assert.equal(r.code, 0, r.stderr);
  const result = lines(r.stdout).find((l) => l.id === '310000000000000002');
  assert.equal(result.verdict, 'share');
  assert.deepEqual(result.leaks, ['macronleaks']);
  assert.deepEqual(result.signals, [
    { kind: 'excerpt', leak: 'macronleaks', rule: 'mails/0007.eml', attachment: 'document.pdf', path: 'document.pdf', found: 'excerpt of mails/0007.eml in document.pdf' },
  ]);
});

test('with --media, an unrelated photo saved beside the export is inspected and leaves its message none', async () => {
  const r = await scan(['--media', '--json', discordExport]);
  const result = lines(r.stdout).find((l) => l.id === '310000000000000004');
  assert.equal(result.verdict, 'none');
  assert.deepEqual(result.signals, []);
  assert.equal(result.notes, undefined);
});

test('with --media, results keep the order of a large export classified on several threads, messages with files among those without', async () => {
  // About 3 MB: cut into several chunks, classified by worker threads.
  const filler = UNRELATED_BODY.replace(/\n/g, ' ');
  const messages = Array.from({ length: 4000 }, (_, i) =>
    i % 500 === 250
      ? discordMessage(String(400000000000000000n + BigInt(i)), [{ fileName: 'document.pdf', url: 'politique.json_Files/document-1A2B3.pdf' }])
      : discordMessage(String(400000000000000000n + BigInt(i)), [], filler),
  );
  const large = join(discordDir, 'grand.json');
  await writeFile(large, JSON.stringify({ channel: { id: '1', name: 'politique' }, messages }));
  const r = await scan(['--media', '--json', '--jobs', '2', large]);
  assert.equal(r.code, 0, r.stderr);
  const results = lines(r.stdout);
  assert.deepEqual(results.map((l) => l.id), messages.map((m) => m.id));
  assert.deepEqual(
    results.flatMap((l, i) => (l.verdict === 'share' ? [i] : [])),
    [250, 750, 1250, 1750, 2250, 2750, 3250, 3750],
  );
});

test('a file the export references but does not hold is noted as not inspected: missing, and the scan goes on', async () => {
  const r = await scan(['--media', '--json', discordExport]);
  assert.equal(r.code, 0);
  const result = lines(r.stdout).find((l) => l.id === '310000000000000005');
  assert.equal(result.verdict, 'none');
  assert.deepEqual(result.notes, ['not inspected: missing (perdu.png)']);
});

test('an attachment given by an https URL is not fetched: no file, no note', async () => {
  const r = await scan(['--media', '--json', discordExport]);
  const result = lines(r.stdout).find((l) => l.id === '310000000000000006');
  assert.equal(result.verdict, 'none');
  assert.equal(result.notes, undefined);
});

test('without --media, the files beside the export are not read', async () => {
  const r = await scan(['--json', discordExport]);
  const result = lines(r.stdout).find((l) => l.id === '310000000000000002');
  assert.equal(result.verdict, 'none');
});

test('the summary says how many attachments were inspected and why the others were not', async () => {
  const r = await scan(['--media', discordExport]);
  assert.match(r.stdout, /^Attachments: 2 inspected, 1 not inspected \(1 missing\)\.$/m);
  assert.match(r.stdout, /blackout-guard scan --only share --media /);
});

test('attachments of messages outside every window are not inspected (attachments.inspect: inWindow), and counted as not needed', async () => {
  const late = join(discordDir, 'plus-tard.json');
  const message = { ...discordMessage('310000000000000009', [{ fileName: 'document.pdf', url: 'politique.json_Files/document-1A2B3.pdf' }]), timestamp: '2017-06-01T12:00:00.000+02:00' };
  await writeFile(late, JSON.stringify({ channel: { id: '1', name: 'politique' }, messages: [message] }));
  const r = await scan(['--media', late]);
  assert.match(r.stdout, /^Attachments: 0 inspected, none not inspected, 1 not needed/m);
});

test('with --media, a file of an unpacked Slack export found by its id under __uploads/ makes its message a share', async () => {
  const r = await scan(['--media', '--json', slackDir]);
  assert.equal(r.code, 0, r.stderr);
  const [leak, holiday] = lines(r.stdout);
  assert.equal(leak.verdict, 'share');
  assert.equal(leak.signals[0].attachment, 'rapport.pdf');
  assert.equal(leak.signals[0].found, 'excerpt of mails/0007.eml in rapport.pdf');
  assert.equal(holiday.verdict, 'none');
});

test('with --media, files of a Slack export zip are found under __uploads/ and <channel>/attachments/', async () => {
  const r = await scan(['--media', '--json', slackZip]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    lines(r.stdout).map((l) => [l.id, l.verdict, l.signals.map((s: { attachment: string }) => s.attachment)]),
    [
      ['1494064800.000100', 'share', ['rapport.pdf']],
      ['1494064900.000200', 'none', []],
      ['1494065000.000300', 'share', ['copie.pdf']],
    ],
  );
});

test("with --media, Slack's own export (no files in it) notes each file as missing", async () => {
  const r = await scan(['--media', bareZip]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Attachments: 0 inspected, 3 not inspected \(3 missing\)\.$/m);
});

test('with --media, the files of an unpacked Slack export wrapped in one more folder are found under __uploads/<id>/ and <channel>/attachments/', async () => {
  // As unzipping into a folder of its own leaves it: export/<workspace>/__uploads/<id>/<name>.
  const wrapped = join(dir, 'wrapped');
  for (const [path, content] of Object.entries(slackFiles)) {
    await mkdir(join(wrapped, 'workspace', path, '..'), { recursive: true });
    await writeFile(join(wrapped, 'workspace', path), content);
  }
  const r = await scan(['--media', '--json', wrapped]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    lines(r.stdout).map((l) => [l.id, l.verdict, l.signals.map((s: { attachment: string }) => s.attachment), l.notes]),
    [
      ['1494064800.000100', 'share', ['rapport.pdf'], undefined],
      ['1494064900.000200', 'none', [], undefined],
      ['1494065000.000300', 'share', ['copie.pdf'], undefined],
    ],
  );
});
