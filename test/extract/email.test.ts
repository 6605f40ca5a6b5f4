import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { at, collect, FRENCH, one } from './collect.ts';
import { makeEmail, makeMbox, makePdf, type Charset, type TransferEncoding } from './files.ts';

const ENCODINGS: TransferEncoding[] = ['7bit', 'quoted-printable', 'base64'];
const CHARSETS: Charset[] = ['utf-8', 'windows-1252', 'iso-8859-1'];

for (const encoding of ENCODINGS) {
  for (const charset of CHARSETS) {
    test(`a ${charset} e-mail sent ${encoding} is read with its French accents`, async () => {
      const mail = makeEmail({ subject: 'Réunion de clôture', text: FRENCH, charset, encoding });
      const found = await one('mail.eml', mail);
      assert.equal(found.type, 'eml');
      assert.equal(found.error, undefined);
      assert.ok(found.text?.includes(FRENCH), found.text);
      assert.ok(found.text?.startsWith('Réunion de clôture'));
    });
  }
}

test('an HTML-only e-mail is fingerprinted by its text, without the tags', async () => {
  const html = `<html><body><p>${FRENCH.replace('trésorier', '<b>trésorier</b>')}</p><img src="cid:x"></body></html>`;
  const found = await one('mail.eml', makeEmail({ subject: 'html', html, charset: 'windows-1252', encoding: 'quoted-printable' }));
  assert.ok(found.text?.includes(FRENCH), found.text);
  assert.doesNotMatch(found.text!, /<b>|<p>/);
});

test('an e-mail with text and HTML parts is read from its text part', async () => {
  const found = await one('mail.eml', makeEmail({ subject: 's', text: 'la version texte', html: '<p>la version HTML</p>' }));
  assert.match(found.text!, /la version texte/);
  assert.doesNotMatch(found.text!, /version HTML/);
});

test("an e-mail's attachment is opened as a file inside it", async () => {
  const pdf = await makePdf([['Note sur les dépenses de campagne']]);
  const records = await collect({ name: 'mail.eml', bytes: makeEmail({ subject: 's', text: 'voir PJ', attachments: [{ name: 'note.pdf', contentType: 'application/pdf', bytes: pdf }] }) });
  const attachment = at(records, 'mail.eml!/note.pdf');
  assert.equal(attachment.type, 'pdf');
  assert.equal(attachment.sha256, createHash('sha256').update(pdf).digest('hex'));
  assert.match(attachment.text!, /Note sur les dépenses de campagne/);
  assert.equal(at(records, 'mail.eml').text?.includes('voir PJ'), true);
});

test('a container is listed after the files it holds', async () => {
  const records = await collect({ name: 'mail.eml', bytes: makeEmail({ subject: 's', text: 't', attachments: [{ name: 'a.txt', contentType: 'text/plain', bytes: Buffer.from('x') }] }) });
  assert.deepEqual(records.map((r) => r.path), ['mail.eml!/a.txt', 'mail.eml']);
});

test('an mbox yields each of its e-mails, decoded', async () => {
  const mails = [
    makeEmail({ subject: 'un', text: 'premier message', encoding: 'base64' }),
    makeEmail({ subject: 'deux', text: FRENCH, charset: 'iso-8859-1', encoding: 'quoted-printable' }),
    makeEmail({ subject: 'trois', text: 'From the start, a line that looks like a separator\nand more', encoding: '7bit' }),
  ];
  const records = await collect({ name: 'archive.mbox', bytes: makeMbox(mails) });
  assert.deepEqual(records.map((r) => r.path), ['archive.mbox!/message-00001.eml', 'archive.mbox!/message-00002.eml', 'archive.mbox!/message-00003.eml', 'archive.mbox']);
  assert.match(records[0]!.text!, /premier message/);
  assert.ok(records[1]!.text!.includes(FRENCH));
  assert.match(records[2]!.text!, /^From the start, a line/m);
  assert.equal(records[3]!.type, 'mbox');
});

test('words are counted, and the text can be left out of the records', async () => {
  const found = await one('mail.eml', makeEmail({ subject: 'Deux mots', text: 'trois autres mots' }), { text: false });
  assert.equal(found.text, undefined);
  assert.equal(found.words, 5);
});

test('the same attachment forwarded in two e-mails is read in both', async () => {
  const pdf = await makePdf([['Le même document, transféré']]);
  const attachments = [{ name: 'doc.pdf', contentType: 'application/pdf', bytes: pdf }];
  const mbox = makeMbox([makeEmail({ subject: 'un', text: 'a', attachments }), makeEmail({ subject: 'Fwd: un', text: 'b', attachments })]);
  const records = await collect({ name: 'box.mbox', bytes: mbox });
  const copies = records.filter((r) => r.name === 'doc.pdf');
  assert.equal(copies.length, 2);
  for (const copy of copies) assert.match(copy.text!, /Le même document, transféré/);
  assert.equal(copies[0]!.sha256, copies[1]!.sha256);
});
