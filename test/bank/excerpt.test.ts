/** Pasted excerpts are found from a bank's sampled fingerprints, short phrases are not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../src/core/index.ts';
import { foldValue } from '../../src/core/normalise.ts';
import { wordsOf } from '../../src/core/words.ts';
import { bankOf, EMAIL, engineWithBank } from './support.ts';

const engine = engineWithBank(bankOf([{ path: 'dump.zip!/mails/0001.eml', name: '0001.eml', text: EMAIL }]));
const verdictOf = (text: string) => classify(engine, { text, at: 0 }).verdict;
// Words as the matcher counts them (`d'avril` is two).
const words = wordsOf(foldValue(EMAIL));
const raw = EMAIL.split(/\s+/);

test('every pasted passage of 20 words of a banked document is a share', () => {
  for (let start = 0; start + 20 <= words.length; start++) {
    assert.equal(verdictOf(`regardez : ${words.slice(start, start + 20).join(' ')} !`), 'share', `passage at word ${start}`);
  }
});

test('every passage of 20 words with one word in ten altered is still a share', () => {
  for (let start = 0; start + 20 <= words.length; start++) {
    for (let first = 0; first < 10; first++) {
      const passage = words.slice(start, start + 20);
      passage[first] = 'XXXX';
      passage[first + 10] = 'YYYY';
      assert.equal(verdictOf(passage.join(' ')), 'share', `passage at word ${start}, altered at ${first} and ${first + 10}`);
    }
  }
});

test('a banked passage is found with case, accents, punctuation and line breaks changed', () => {
  const pasted = raw
    .slice(12, 34)
    .join(' ')
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/,/g, ' ;\n');
  assert.equal(verdictOf(pasted), 'share');
});

test('the signal names the banked document, not the text', () => {
  const c = classify(engine, { text: words.slice(0, 25).join(' '), at: 0 });
  assert.deepEqual(c.signals, [{ kind: 'excerpt', leak: 'macronleaks', rule: 'dump.zip!/mails/0001.eml', material: true }]);
});

test('no phrase of under 8 words of a banked document is a share', () => {
  for (let start = 0; start + 7 <= words.length; start++) {
    assert.equal(verdictOf(`Je vous dis : ${words.slice(start, start + 7).join(' ')}, voilà.`), 'none', `phrase at word ${start}`);
  }
});

test('a passage with a word dropped or split is still a share', () => {
  const passage = raw.slice(40, 64).join(' ').replace("d'avril", 'davril').replace('à la trésorerie', 'à la tréso rerie');
  assert.equal(verdictOf(passage), 'share');
});

test('a paraphrase of a banked document is not a share', () => {
  assert.equal(
    verdictOf(
      "Apparemment après une réunion mardi au siège, on a envoyé un nouveau planning des voyages de la semaine d'après, avec des salles à Lyon et Marseille à confirmer avant jeudi par un prestataire.",
    ),
    'none',
  );
});
