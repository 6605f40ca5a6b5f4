/** `leaks[].documents` reads every format the walker reads, and keeps fingerprints only. */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify } from '../../src/core/index.ts';
import { loadConfig, type LoadedConfig } from '../../src/runtimeConfig/load.ts';
import { makeDocx, makeEmail, makePdf, makeZip } from '../extract/files.ts';

const MAIL = `Chers amis, la réunion du comité de soutien régional aura lieu jeudi soir à la permanence de
Bordeaux, merci de prévenir les bénévoles du quartier des Chartrons et de préparer les affiches
commandées la semaine dernière chez l'imprimeur habituel de la rue Sainte-Catherine.`;
const REPORT = `Le rapport trimestriel du pôle numérique montre une hausse nette des inscriptions sur la
plateforme des adhérents, surtout après les meetings de Lyon et de Pau, et recommande de renforcer
l'équipe de modération des forums avant le premier tour du scrutin présidentiel.`;
const MEMO = `Note interne à l'attention des responsables départementaux : les remboursements des frais
kilométriques seront désormais traités par la trésorerie centrale, sur présentation des tickets
de péage et d'un relevé signé par le coordinateur local de chaque circonscription concernée.`;
const ZIPPED = `Compte rendu du déjeuner avec les élus locaux de Haute-Garonne, qui souhaitent une visite
du candidat dans les communes rurales du Comminges avant la fin du mois, avec un temps d'échange
consacré aux services publics, aux écoles et à la couverture du réseau mobile.`;

const dir = await mkdtemp(join(tmpdir(), 'bg-documents-'));
after(() => rm(dir, { recursive: true, force: true }));
let loaded: LoadedConfig;

before(async () => {
  await mkdir(join(dir, 'dump'));
  await writeFile(join(dir, 'dump', 'mail.eml'), makeEmail({ subject: 'Réunion', text: MAIL, encoding: 'quoted-printable', charset: 'windows-1252' }));
  await writeFile(join(dir, 'dump', 'rapport.pdf'), await makePdf([REPORT.split('\n')]));
  await writeFile(join(dir, 'dump', 'note.docx'), await makeDocx(MEMO.split('\n')));
  await writeFile(join(dir, 'dump', 'archive.zip'), await makeZip({ 'cr/dejeuner.txt': ZIPPED }));
  await writeFile(join(dir, 'blackout.yaml'), 'leaks:\n  - id: macronleaks\n    documents: [dump]\n');
  loaded = await loadConfig(join(dir, 'blackout.yaml'));
});

const excerpt = (text: string) => text.split(/\s+/).slice(3, 27).join(' ');
const signalsFor = (text: string) => classify(loaded.engine, { text: excerpt(text), at: 0 }).signals.map((s) => s.rule);

test('an excerpt of a quoted-printable windows-1252 e-mail in documents is a share', () => {
  assert.deepEqual(signalsFor(MAIL), ['dump/mail.eml']);
});

test('an excerpt of a PDF in documents is a share', () => {
  assert.deepEqual(signalsFor(REPORT), ['dump/rapport.pdf']);
});

test('an excerpt of a DOCX in documents is a share', () => {
  assert.deepEqual(signalsFor(MEMO), ['dump/note.docx']);
});

test('an excerpt of a file inside a zip in documents is a share naming its place in the archive', () => {
  assert.deepEqual(signalsFor(ZIPPED), ['dump/archive.zip!/cr/dejeuner.txt']);
});

test('the loaded configuration keeps fingerprints of the documents, not their text', () => {
  assert.ok(loaded.rules.documents.length >= 4);
  for (const entry of loaded.rules.documents) {
    assert.equal(entry.text, undefined);
    assert.ok(entry.shingles instanceof Uint32Array);
  }
});
