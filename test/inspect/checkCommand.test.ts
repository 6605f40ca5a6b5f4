/**
 * `blackout-guard check --attachment FILE` inspects the files as the bots would, run as a user
 * runs it: through bin/blackout-guard.js, whose worker threads load the TypeScript sources themselves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LEAKED_BODY, UNRELATED_BODY, damagedPdf, pdfOf, screenshotOf, folderWithLeakedMail } from './files.ts';
import { runCli } from '../fixtures/exports/harness.ts';

const dir = await folderWithLeakedMail('bg-inspect-check-');
const config = join(dir, 'blackout.yaml');
await writeFile(
  config,
  `windows: [{ id: t2, name: Second tour, start: 2017-05-06T00:00, end: 2017-05-07T20:00 }]
leaks: [{ id: macronleaks, documents: [mails] }]
`,
);

/** Runs `blackout-guard check --config CONFIG ARGS`. */
const check = (args: string[]) => runCli(['check', '--config', config, ...args], { LOG_LEVEL: 'silent', BLACKOUT_CONFIG: '' });

test('a screenshot of a leaked e-mail given with --attachment makes the message a share, found via OCR', async () => {
  const shot = join(dir, 'capture.png');
  await writeFile(shot, await screenshotOf(LEAKED_BODY));
  const r = await check(['--at', '2017-05-06T12:00', '--attachment', shot, 'regardez']);
  assert.match(r.stdout, /^SHARE/, r.stderr);
  assert.match(r.stdout, /excerpt of mails\/0007\.eml via OCR of capture\.png \[excerpt, macronleaks\]/);
  assert.equal(r.code, 4);
});

test('several attachments are each inspected; a damaged one is noted as not inspected', async () => {
  const memo = join(dir, 'conseil.pdf');
  const broken = join(dir, 'rapport.pdf');
  await writeFile(memo, await pdfOf(UNRELATED_BODY));
  await writeFile(broken, await damagedPdf());
  const r = await check(['--at', '2017-05-06T12:00', '--json', '--attachment', memo, '--attachment', broken, 'regardez']);
  const result = JSON.parse(r.stdout);
  assert.equal(result.verdict, 'none');
  assert.deepEqual(result.notes, ['not inspected: damaged (rapport.pdf)']);
});

test('outside every window attachments are not inspected by default (attachments.inspect: inWindow)', async () => {
  const copy = join(dir, 'copie.pdf');
  await writeFile(copy, await pdfOf(LEAKED_BODY));
  const r = await check(['--at', '2017-06-01T12:00', '--attachment', copy, 'regardez']);
  assert.match(r.stdout, /^NONE/);
});
