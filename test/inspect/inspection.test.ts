/**
 * Inspection of attachments held in memory, through the real worker pool (piscina threads that
 * do not inherit this process's `--import tsx` and load the TypeScript sources themselves, as
 * under `bin/blackout-guard.js`), the real walker, PDQ and OCR, against a real engine.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { compileEngine, parseConfigText, type Engine } from '../../src/core/index.ts';
import { pdqHash } from '../../src/image/pdq.ts';
import { AttachmentInspector, withInspection, type AttachmentInspection } from '../../src/inspect/index.ts';
import {
  LEAKED_BODY,
  LEAKED_EMAIL,
  LEAKED_EMAIL_ID,
  LEAKED_EMAIL_SHA256,
  UNRELATED_BODY,
  damagedPdf,
  pdfOf,
  photoOf,
  resavedPhoto,
  screenshotOf,
  zipBomb,
  zipOf,
} from './files.ts';

const CONFIG = `
windows:
  - id: t2
    start: 2017-05-06T00:00
    end: 2017-05-07T20:00
leaks:
  - id: macronleaks
    sha256: ['${LEAKED_EMAIL_SHA256}']
attachments:
  inspect: always
`;

let engine: Engine;
let inspector: AttachmentInspector;
let leakedPhoto: Buffer;

function engineWith(yaml: string): Promise<Engine> {
  return (async () => {
    const config = parseConfigText(yaml, 'test.yaml').config;
    const photo = await pdqHash(leakedPhoto);
    return compileEngine(config, [{ leak: 'macronleaks', id: LEAKED_EMAIL_ID, text: LEAKED_BODY }], {
      pdq: [{ leak: 'macronleaks', value: 'photos/IMG_2041.jpg', hash: photo.hash, quality: photo.quality }],
    });
  })();
}

before(async () => {
  leakedPhoto = await photoOf(2041);
  engine = await engineWith(CONFIG);
  inspector = new AttachmentInspector({ threads: 1, timeLimitMs: 60_000 });
});
after(async () => {
  await inspector?.close();
});

const inspect = (name: string, bytes: Buffer, using = inspector, on = engine): Promise<AttachmentInspection> =>
  using.inspect(on, { name, bytes: new Uint8Array(bytes) });

test('a re-saved PDF of a leaked e-mail (same text, other bytes) is found as an excerpt of it', async () => {
  const pdf = await pdfOf(LEAKED_BODY, 'copie');
  const found = await inspect('compte-rendu.pdf', pdf);
  assert.deepEqual(
    found.signals.map((s) => [s.inspector, s.kind, s.rule, s.description]),
    [['document', 'excerpt', LEAKED_EMAIL_ID, `excerpt of ${LEAKED_EMAIL_ID} in compte-rendu.pdf`]],
  );
  assert.deepEqual(found.notInspected, []);
});

test('a resized and recompressed photo matches the leaked photo by PDQ, with the distance', async () => {
  const found = await inspect('IMG_0001.jpg', await resavedPhoto(leakedPhoto));
  const signal = found.signals.find((s) => s.inspector === 'image-pdq');
  assert.ok(signal, 'a PDQ match');
  assert.equal(signal.rule, 'photos/IMG_2041.jpg');
  assert.ok(signal.distance !== undefined && signal.distance <= 31, `distance ${signal.distance}`);
  assert.equal(signal.description, `photo matching photos/IMG_2041.jpg, distance ${signal.distance}`);
  assert.equal(signal.material, true);
});

test("a zip holding a leaked e-mail matches by the entry's hash and by its text", async () => {
  const zip = await zipOf({ 'docs/lisez-moi.txt': 'rien ici', 'mails/0007.eml': LEAKED_EMAIL });
  const found = await inspect('archive.zip', zip);
  const descriptions = found.signals.map((s) => s.description).sort();
  assert.deepEqual(descriptions, [
    `excerpt of ${LEAKED_EMAIL_ID} in archive.zip!/mails/0007.eml`,
    `leaked file ${LEAKED_EMAIL_SHA256.slice(0, 12)}… as archive.zip!/mails/0007.eml`,
  ]);
  assert.equal(found.files, 3);
});

test('a screenshot of a leaked e-mail (PNG rendered from SVG text) is found via OCR', async () => {
  const png = await screenshotOf(LEAKED_BODY, { header: 'De : Alain Tourret — Objet : Réunion du comité stratégique' });
  const found = await inspect('capture.png', png);
  assert.deepEqual(
    found.signals.filter((s) => s.inspector === 'image-ocr').map((s) => s.description),
    [`excerpt of ${LEAKED_EMAIL_ID} via OCR of capture.png`],
  );
});

test('a dark-mode screenshot in small type is found via OCR too', async () => {
  const png = await screenshotOf(LEAKED_BODY, { dark: true, fontSize: 13 });
  const found = await inspect('Screenshot 2017-05-06.png', png);
  assert.ok(found.signals.some((s) => s.inspector === 'image-ocr' && s.rule === LEAKED_EMAIL_ID));
});

test('an unrelated PDF, photo and screenshot give no signal', async () => {
  const results = [
    await inspect('conseil.pdf', await pdfOf(UNRELATED_BODY, 'conseil')),
    await inspect('vacances.jpg', await photoOf(7)),
    await inspect('capture.png', await screenshotOf(UNRELATED_BODY)),
  ];
  for (const found of results) {
    assert.deepEqual(found.signals, [], found.attachment);
    assert.deepEqual(found.notInspected, [], found.attachment);
  }
});

test('a damaged PDF is "not inspected: damaged" and the next file is inspected as usual', async () => {
  const found = await inspect('rapport.pdf', await damagedPdf());
  assert.equal(found.notInspected.length, 1);
  assert.equal(found.notInspected[0]!.reason, 'damaged');
  assert.deepEqual(found.signals, []);
  const next = await inspect('copie.pdf', await pdfOf(LEAKED_BODY));
  assert.equal(next.signals.length, 1);
});

test('a cut-off screenshot is "not inspected: damaged"', async () => {
  const png = await screenshotOf(LEAKED_BODY);
  const found = await inspect('capture.png', png.subarray(0, Math.floor(png.length / 2)));
  assert.deepEqual(found.notInspected.map((n) => n.reason), ['damaged']);
  assert.deepEqual(found.signals, []);
});

test("a zip bomb is 'not inspected: archive bomb', refused by the walker's limits", async () => {
  const found = await inspect('photos.zip', await zipBomb());
  assert.ok(found.notInspected.some((n) => n.reason === 'archive bomb'), JSON.stringify(found.notInspected));
  assert.deepEqual(found.signals, []);
});

test('when every thread is busy and the queue is full, the overflow is "not inspected: busy" at once', async () => {
  const small = new AttachmentInspector({ threads: 1, maxQueued: 1 });
  try {
    const pdf = await pdfOf(LEAKED_BODY);
    const results = await Promise.all([1, 2, 3].map((n) => inspect(`copie-${n}.pdf`, pdf, small)));
    assert.deepEqual(
      results.map((r) => r.notInspected.map((n) => n.reason)),
      [[], [], ['busy']],
    );
    assert.equal(results[0]!.signals.length, 1, 'the first is inspected');
    assert.equal(results[1]!.signals.length, 1, 'the second waits its turn and is inspected');
  } finally {
    await small.close();
  }
});

test('a file still being inspected at the time limit is "not inspected: time limit"', async () => {
  const hasty = new AttachmentInspector({ threads: 1, timeLimitMs: 1 });
  try {
    const found = await inspect('capture.png', await screenshotOf(LEAKED_BODY), hasty);
    assert.deepEqual(found.notInspected.map((n) => n.reason), ['time limit']);
  } finally {
    await hasty.close();
  }
});

test('a file whose thread runs past its memory cap is "not inspected: memory limit", and this process stays up', async () => {
  const starved = new AttachmentInspector({ threads: 1, memoryMb: 8 });
  try {
    const found = await inspect('rapport.pdf', await pdfOf(LEAKED_BODY), starved);
    assert.deepEqual(found.notInspected.map((n) => n.reason), ['memory limit']);
  } finally {
    await starved.close();
  }
  assert.equal((await inspect('copie.pdf', await pdfOf(LEAKED_BODY))).signals.length, 1);
});

test('with attachments.ocr off, a screenshot is not read', async () => {
  const noOcr = await engineWith(`${CONFIG}  ocr: false\n`);
  const found = await inspect('capture.png', await screenshotOf(LEAKED_BODY), inspector, noOcr);
  assert.deepEqual(found.signals, []);
});

test('signals name the file and the rule, never the text found', async () => {
  const found = await inspect('capture.png', await screenshotOf(LEAKED_BODY));
  const serialised = JSON.stringify(found);
  for (const word of ['réunion', 'stratégique', 'budgétaires', 'discrétion']) assert.ok(!serialised.includes(word), word);
});

test('a share found inside an attachment makes the message a share, and notes say what was not inspected', () => {
  const base = { verdict: 'none' as const, inBlackout: true, windows: ['t2'], leaks: [], signals: [] };
  const merged = withInspection(base, [
    {
      attachment: 'capture.png',
      files: 1,
      notInspected: [],
      signals: [
        {
          kind: 'excerpt',
          leak: 'macronleaks',
          rule: LEAKED_EMAIL_ID,
          material: true,
          inspector: 'image-ocr',
          attachment: 'capture.png',
          path: 'capture.png',
          description: `excerpt of ${LEAKED_EMAIL_ID} via OCR of capture.png`,
        },
      ],
    },
    { attachment: 'big.png', files: 0, signals: [], notInspected: [{ path: 'big.png', reason: 'busy' }] },
  ]);
  assert.equal(merged.verdict, 'share');
  assert.deepEqual(merged.leaks, ['macronleaks']);
  assert.deepEqual(merged.notes, ['not inspected: busy (big.png)']);
});
