/** Slack day files handed on whole (as `scan` reads them) and parsed where they are classified read exactly as day files cut while read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { join } from 'node:path';
import { isChunk, type ExportPiece } from '../../src/chatExports/chunks.ts';
import type { ExportTree } from '../../src/chatExports/exportTree.ts';
import { openFolderTree } from '../../src/chatExports/folderTree.ts';
import { parsePieces } from '../../src/chatExports/parsePieces.ts';
import { splitSlackExport } from '../../src/chatExports/slackExport.ts';
import { WHOLE_DAY_BYTES } from '../../src/chatExports/slackDays.ts';
import { openZipTree } from '../../src/chatExports/zipTree.ts';
import { collect, fixture, tempDir, ZONE } from '../fixtures/exports/harness.ts';

/**
 * An export with small day files, one day file over {@link WHOLE_DAY_BYTES}, an empty one, one
 * that is not an array, one whose JSON breaks off, and a message that is not valid JSON.
 */
async function writeExport(dir: string): Promise<void> {
  await writeFile(join(dir, 'channels.json'), JSON.stringify([{ id: 'C1', name: 'general' }, { id: 'C2', name: 'leaks' }]));
  await mkdir(join(dir, 'general'));
  await mkdir(join(dir, 'leaks'));
  const message = (day: number, i: number, text: string) => ({ type: 'message', user: `U${i % 7}`, text, ts: `${1494000000 + day * 86400 + i}.000100` });
  for (let day = 0; day < 6; day++) {
    const messages = Array.from({ length: 40 + day * 30 }, (_, i) => message(day, i, `jour ${day} message ${i} é ${'mot '.repeat(i % 50)}`));
    await writeFile(join(dir, 'general', `2017-05-0${day + 1}.json`), JSON.stringify(messages, null, 4));
  }
  const big = Array.from({ length: 3_000 }, (_, i) => message(9, i, `long ${'x'.repeat(400)} ${i}`));
  const bigText = JSON.stringify(big, null, 4);
  assert.ok(Buffer.byteLength(bigText) > WHOLE_DAY_BYTES);
  await writeFile(join(dir, 'leaks', '2017-05-01.json'), bigText);
  await writeFile(join(dir, 'leaks', '2017-05-02.json'), '');
  await writeFile(join(dir, 'leaks', '2017-05-03.json'), '{"not": "an array"}');
  await writeFile(join(dir, 'leaks', '2017-05-04.json'), `[${JSON.stringify(message(4, 1, 'avant'))}, {"type": "message", "ts": `);
  await writeFile(join(dir, 'leaks', '2017-05-05.json'), `[${JSON.stringify(message(5, 1, 'un'))}, {"type": oops}, ${JSON.stringify(message(5, 3, 'trois'))}]`);
}

async function pieces(tree: ExportTree, wholeDays: boolean | undefined, chunkBytes?: number): Promise<ExportPiece[]> {
  const out: ExportPiece[] = [];
  for await (const piece of splitSlackExport(tree, { zone: ZONE, ...(wholeDays !== undefined && { wholeDays }), ...(chunkBytes !== undefined && { chunkBytes }) })) out.push(piece);
  return out;
}

async function items(open: () => Promise<ExportTree>, wholeDays: boolean, chunkBytes?: number) {
  async function* from(list: ExportPiece[]): AsyncGenerator<ExportPiece> {
    yield* list;
  }
  return collect(parsePieces(from(await pieces(await open(), wholeDays, chunkBytes)), ZONE));
}

test('day files handed on whole give the same records and problems, in the same order, as day files cut while read', async () => {
  const { dir, remove } = await tempDir();
  try {
    await writeExport(dir);
    for (const chunkBytes of [1, 333, 64 * 1024, undefined]) {
      const whole = await items(() => openFolderTree(dir), true, chunkBytes);
      const cut = await items(() => openFolderTree(dir), false, chunkBytes);
      assert.deepEqual(whole, cut, `chunkBytes ${chunkBytes}`);
      assert.equal(whole.records.length, 40 + 70 + 100 + 130 + 160 + 190 + 3_000 + 1 + 2);
      assert.deepEqual(
        whole.problems.map((p) => `${p.file.slice(dir.length + 1)}: ${p.error.replace(/:.*/, '')}`),
        [
          'leaks/2017-05-02.json: unreadable or not valid JSON after 0 message(s)',
          'leaks/2017-05-03.json: expected an array of messages',
          'leaks/2017-05-04.json: unreadable or not valid JSON after 1 message(s)',
          'leaks/2017-05-05.json: message 2', // : not valid JSON
        ],
      );
    }
  } finally {
    await remove();
  }
});

test('day files in zips, damaged or not, read the same handed on whole as cut while read', async () => {
  for (const zip of ['slack-export.zip', 'slack-odd.zip']) {
    const whole = await items(() => openZipTree(fixture(zip)), true);
    assert.ok(whole.records.length > 0);
    assert.deepEqual(whole, await items(() => openZipTree(fixture(zip)), false), zip);
  }
});

test('an export zipped reads as it does unpacked, its day file over a megabyte streamed from the zip', async () => {
  const { dir, remove } = await tempDir();
  try {
    await writeExport(dir);
    const zip = new JSZip();
    for (const path of ['channels.json', ...(await readdir(dir, { recursive: true })).filter((p) => p.endsWith('.json') && p.includes('/'))]) {
      zip.file(path, await readFile(join(dir, path)));
    }
    await writeFile(join(dir, 'export.zip'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const unpacked = await items(() => openFolderTree(dir), false);
    assert.ok(unpacked.records.length > 3_000);
    for (const wholeDays of [false, true]) assert.deepEqual(stripFile(await items(() => openZipTree(join(dir, 'export.zip')), wholeDays)), unpacked);
  } finally {
    await remove();
  }
});

/** Records and problems with the file they come from said the same way for the folder and the zip (`…/export.zip!general/…` as `…/general/…`). */
function stripFile(read: Awaited<ReturnType<typeof items>>) {
  const same = (file: string) => file.replace('/export.zip!', '/');
  return {
    records: read.records.map((r) => ({ ...r, source: { ...r.source, file: same(r.source.file) } })),
    problems: read.problems.map((p) => ({ ...p, file: same(p.file) })),
  };
}

test('small day files go on whole, several to a chunk, and one over a megabyte is cut as it is read', async () => {
  const { dir, remove } = await tempDir();
  try {
    await writeExport(dir);
    // As `scan` reads them: by default.
    const kinds = (await pieces(await openFolderTree(dir), undefined)).filter(isChunk).map((c) => c.kind);
    // general's six days (8 kB to 60 kB each) in a few chunks; then leaks' large day in chunks of messages; then its small files whole.
    assert.ok(kinds.indexOf('slack') > 0 && kinds.slice(0, kinds.indexOf('slack')).every((k) => k === 'slackDays'), kinds.join());
    assert.ok(kinds.indexOf('slack') < 6, `six small day files in ${kinds.indexOf('slack')} chunks`);
    assert.equal(kinds.at(-1), 'slackDays');
    assert.ok((await pieces(await openFolderTree(dir), false)).filter(isChunk).every((c) => c.kind === 'slack'));
  } finally {
    await remove();
  }
});
