import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXTRACTORS, extractorFor } from '../../src/extract/extractors/registry.ts';
import { DEFAULT_LIMITS } from '../../src/extract/limits.ts';
import { FRENCH, one } from './collect.ts';
import { makeDocx, makeEncryptedPdf, makeOdt, makePdf, makePptx, makeXlsx, makeZipBomb } from './files.ts';

test('the text layer of a PDF is extracted, page after page, accents included', async () => {
  const found = await one('note.pdf', await makePdf([['Page un : réunion à Besançon'], ['Page deux : trésorier']]));
  assert.equal(found.type, 'pdf');
  assert.match(found.text!, /Page un : réunion à Besançon[\s\S]*Page deux : trésorier/);
  assert.equal(found.words, 8);
});

test('an encrypted PDF is reported as encrypted, with its hashes', async () => {
  const found = await one('secret.pdf', makeEncryptedPdf());
  assert.equal(found.type, 'pdf');
  assert.equal(found.error, 'encrypted');
  assert.match(found.sha256!, /^[0-9a-f]{64}$/);
  assert.equal(found.text, undefined);
});

test('a truncated PDF is reported as damaged, with its hashes', async () => {
  const pdf = await makePdf([[FRENCH.slice(0, 80)]]);
  const found = await one('cut.pdf', pdf.subarray(0, 400));
  assert.match(found.error!, /^damaged PDF/);
  assert.match(found.md5!, /^[0-9a-f]{32}$/);
});

test('the paragraphs of a DOCX are extracted', async () => {
  const found = await one('note.docx', await makeDocx(['Premier paragraphe', FRENCH]));
  assert.equal(found.type, 'docx');
  assert.ok(found.text!.includes(FRENCH));
  assert.match(found.text!, /^Premier paragraphe\n/);
});

test('the cells of an XLSX are extracted', async () => {
  const found = await one('budget.xlsx', await makeXlsx([['Poste', 'Montant'], ['Fête de clôture', '12000']]));
  assert.equal(found.type, 'xlsx');
  assert.match(found.text!, /Fête de clôture/);
  assert.match(found.text!, /12000/);
});

test('the slides of a PPTX are extracted', async () => {
  const found = await one('meeting.pptx', await makePptx(['Stratégie numérique', 'Calendrier des réunions']));
  assert.equal(found.type, 'pptx');
  assert.match(found.text!, /Stratégie numérique[\s\S]*Calendrier des réunions/);
});

test('the paragraphs of an ODT are extracted', async () => {
  const found = await one('note.odt', await makeOdt([FRENCH]));
  assert.equal(found.type, 'odt');
  assert.ok(found.text!.includes(FRENCH));
});

test('an office document whose parts are a bomb is refused before it is inflated', async () => {
  const bomb = await makeZipBomb(5);
  const docx = await makeDocx(['x']);
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(docx);
  zip.file('word/media/huge.bin', (await JSZip.loadAsync(bomb)).file('zeros.bin')!.async('uint8array'), { compression: 'DEFLATE', compressionOptions: { level: 9 } });
  const found = await one('bomb.docx', await zip.generateAsync({ type: 'nodebuffer' }));
  assert.equal(found.type, 'docx');
  assert.match(found.error!, /^zip bomb refused: ratio \d+:1 > 200:1$/);
});

test('a windows-1252 text file is read with its accents', async () => {
  const found = await one('note.txt', Buffer.from(FRENCH, 'latin1'));
  assert.equal(found.type, 'text');
  assert.equal(found.text, FRENCH);
});

test('a UTF-8 text file is read as UTF-8', async () => {
  const found = await one('note.txt', Buffer.from(`\ufeff${FRENCH}`, 'utf8'));
  assert.equal(found.text, FRENCH);
});

test('an HTML page is read as its visible text', async () => {
  const html = `<!DOCTYPE html><html><head><title>Titre</title><style>p{color:red}</style><script>var x = 1;</script></head><body><p>${FRENCH}</p></body></html>`;
  const found = await one('page.html', Buffer.from(html, 'utf8'));
  assert.equal(found.type, 'html');
  assert.ok(found.text!.includes(FRENCH), found.text);
  assert.doesNotMatch(found.text!, /color:red|var x/);
});

test('an RTF document is read without its control words and font table', async () => {
  const rtf = "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0\\fswiss Arial;}}{\\*\\generator Riched20;}\\f0\\fs24 R\\'e9union \\b secr\\u232?te\\b0\\par Tr\\'e9sorier\\tab OK}";
  const found = await one('note.rtf', Buffer.from(rtf, 'latin1'));
  assert.equal(found.type, 'rtf');
  assert.equal(found.text, 'Réunion secrète\nTrésorier\tOK');
});

test('a long document is cut to the text limit', async () => {
  const found = await one('long.txt', Buffer.from('mot '.repeat(1000)), { limits: { maxTextChars: 100 } });
  assert.equal(found.text!.length, 100);
  assert.equal(found.bytes, 4000);
});

test('every extractor declares its types and a description, and each type has one extractor', () => {
  const seen = new Set<string>();
  for (const e of EXTRACTORS) {
    assert.ok(e.description.length > 10, e.name);
    for (const t of e.types) {
      assert.ok(!seen.has(t), `${t} has two extractors`);
      seen.add(t);
      assert.equal(extractorFor(t), e);
    }
  }
  assert.equal(extractorFor('jpeg'), undefined);
});

test('an extractor can be called directly on bytes in memory', async () => {
  const text = await extractorFor('docx')!.extractText(await makeDocx(['Directement']), DEFAULT_LIMITS);
  assert.equal(text, 'Directement');
});
