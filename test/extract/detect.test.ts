import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectType } from '../../src/extract/detect.ts';
import { gzip, makeDocx, makeEmail, makeMbox, makeOdt, makePdf, makePptx, makeTar, makeXlsx, makeZip } from './files.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');

test('a PDF named .txt is detected as a PDF', async () => {
  assert.equal(detectType(await makePdf([['bonjour']]), 'notes.txt'), 'pdf');
});

test('a text file named .pdf is detected as text', () => {
  assert.equal(detectType(bytes('juste du texte, pas un PDF\n'), 'rapport.pdf'), 'text');
});

test('office documents are told apart from plain zips by their parts', async () => {
  assert.equal(detectType(await makeDocx(['a'])), 'docx');
  assert.equal(detectType(await makeXlsx([['a']])), 'xlsx');
  assert.equal(detectType(await makePptx(['a'])), 'pptx');
  assert.equal(detectType(await makeOdt(['a'])), 'odt');
  assert.equal(detectType(await makeZip({ 'a.txt': 'x' })), 'zip');
});

test('gzip and tar are detected by their magic bytes', async () => {
  const tar = await makeTar({ 'a.txt': 'x' });
  assert.equal(detectType(tar), 'tar');
  assert.equal(detectType(gzip(tar)), 'gzip');
});

test('images are detected by their signatures', () => {
  assert.equal(detectType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'jpeg');
  assert.equal(detectType(bytes('\x89PNG\r\n\x1a\n\0\0\0\rIHDR')), 'png');
  assert.equal(detectType(bytes('GIF89a\x01\0\x01\0')), 'gif');
  assert.equal(detectType(bytes('RIFF\x24\0\0\0WEBPVP8 ')), 'webp');
  assert.equal(detectType(bytes('II*\0\x08\0\0\0')), 'tiff');
  assert.equal(detectType(bytes('MM\0*\0\0\0\x08')), 'tiff');
});

test('an e-mail is detected by its headers, whatever its name', () => {
  assert.equal(detectType(makeEmail({ subject: 'x', text: 'y' }), 'message.txt'), 'eml');
});

test('an mbox is detected by its From line followed by headers', () => {
  assert.equal(detectType(makeMbox([makeEmail({ subject: 'x', text: 'y' })])), 'mbox');
});

test('a text beginning with "From " but without headers is text', () => {
  assert.equal(detectType(bytes('From time to time we meet.\nThat is all.\n')), 'text');
});

test('HTML and RTF are detected by their start', () => {
  assert.equal(detectType(bytes('\n  <!DOCTYPE html><html><body>x</body></html>')), 'html');
  assert.equal(detectType(bytes('<html lang="fr"><p>x</p></html>')), 'html');
  assert.equal(detectType(bytes('{\\rtf1\\ansi x}')), 'rtf');
});

test('windows-1252 text is text, binary noise is unknown', () => {
  assert.equal(detectType(bytes('r\xe9union \xe0 Besan\xe7on, d\xe9j\xe0 pr\xe9vue\n')), 'text');
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  assert.equal(detectType(noise), 'unknown');
});
