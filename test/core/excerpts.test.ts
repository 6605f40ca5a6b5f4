import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, type LeakDocument } from '../../src/core/index.ts';
import { engineFrom } from '../support/engine.ts';

// A stand-in for a leaked e-mail (invented text, the shape of the 2017 dump's messages).
const EMAIL = `Bonjour à tous, suite à notre réunion de mardi dernier au siège, je vous transmets le
planning révisé des déplacements de la semaine prochaine. Merci de vérifier les créneaux réservés
pour Lyon et Marseille avant jeudi midi, car le prestataire doit confirmer les salles. Les notes de
frais du mois d'avril sont à envoyer à la trésorerie avec les justificatifs originaux. Pour la
soirée de samedi, la liste des invités sera arrêtée vendredi soir par l'équipe du pôle événements.
Bien cordialement, Jean-Baptiste, coordination des déplacements et de la logistique régionale.`;

const documents: LeakDocument[] = [{ leak: 'macronleaks', id: 'dump/mail-0001.eml', text: EMAIL }];
const engine = engineFrom('leaks:\n  - id: macronleaks\n    documents: [dump]\n', documents);
const verdictOf = (text: string) => classify(engine, { text, at: 0 }).verdict;
const words = EMAIL.split(/\s+/);

test('a pasted passage of 20 words from a known document is a share', () => {
  assert.equal(verdictOf(`regardez ça : ${words.slice(10, 30).join(' ')} !!`), 'share');
});

test('a pasted passage is found with case, accents, punctuation and line breaks changed', () => {
  const pasted = words
    .slice(10, 32)
    .join(' ')
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/,/g, ' ;\n');
  assert.equal(verdictOf(pasted), 'share');
});

test('a pasted passage is found with one word in ten altered', () => {
  const passage = words.slice(20, 40);
  passage[4] = 'XXXX';
  passage[14] = 'YYYY';
  assert.equal(verdictOf(passage.join(' ')), 'share');
});

test('the signal names the document, not the text', () => {
  const c = classify(engine, { text: words.slice(0, 25).join(' '), at: 0 });
  assert.deepEqual(c.signals, [{ kind: 'excerpt', leak: 'macronleaks', rule: 'dump/mail-0001.eml', material: true }]);
});

test('a common phrase of under 8 words from the document is not a share', () => {
  assert.equal(verdictOf(`Je vous dis : bonjour à tous, suite à notre réunion de ce matin, tout va bien.`), 'none');
});

test('two short phrases of the document in one message are not a share', () => {
  assert.equal(verdictOf(`${words.slice(0, 7).join(' ')} et aussi ${words.slice(40, 47).join(' ')}`), 'none');
});

test('a paraphrase of the document is not a share', () => {
  assert.equal(
    verdictOf(
      "Apparemment après une réunion mardi au siège, on a envoyé un nouveau planning des voyages de la semaine d'après, avec des salles à Lyon et Marseille à confirmer avant jeudi par un prestataire.",
    ),
    'none',
  );
});
