import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMISSION_STATEMENT, renderMentionReminder, renderReminder, renderWarning } from '../../src/core/index.ts';
import { engineFrom } from '../support/engine.ts';

const engine = engineFrom(`
windows:
  - {id: t2, name: Second tour, start: 2017-05-06T00:00, end: 2017-05-07T20:00, timezone: Europe/Paris}
warnings:
  en:
    title: Blackout, {window}
`);
const window = engine.windows[0]!;

test('the English warning cites the commission statement', () => {
  const w = renderWarning(engine.config, { language: 'en', mention: '<@42>', window });
  assert.ok(w.body.includes(COMMISSION_STATEMENT.en));
  assert.ok(COMMISSION_STATEMENT.en.includes('is liable to be classified as a criminal offence'));
});

test('the French warning cites the statement in French', () => {
  const w = renderWarning(engine.config, { language: 'fr', mention: '<@42>', window });
  assert.ok(w.body.includes('est susceptible de recevoir une qualification pénale'));
});

test('the warning mentions the author', () => {
  assert.match(renderWarning(engine.config, { language: 'fr', mention: '<@42>', window }).body, /<@42>/);
});

test('the warning says when the blackout ends in the window zone, in French', () => {
  const w = renderWarning(engine.config, { language: 'fr', mention: '<@42>', window });
  assert.match(w.endsAt, /dimanche 7 mai 2017.*20:00/);
});

test('the warning says when the blackout ends in the window zone, in English', () => {
  const w = renderWarning(engine.config, { language: 'en', mention: '<@42>', window });
  assert.match(w.endsAt, /Sunday,? 7 May 2017.*20:00/);
});

test('the warning uses the later end of overlapping windows when given', () => {
  const w = renderWarning(engine.config, { language: 'en', mention: '<@42>', window, endMs: Date.parse('2017-05-08T10:00:00+02:00') });
  assert.match(w.endsAt, /8 May 2017/);
});

test('a configured template replaces the default for its language only', () => {
  assert.equal(renderWarning(engine.config, { language: 'en', mention: 'x', window }).title, 'Blackout, Second tour');
  assert.equal(renderWarning(engine.config, { language: 'fr', mention: 'x', window }).title, 'Période de réserve électorale');
});

test('the gentle reminder for a mention does not cite the statement as a reproach', () => {
  const r = renderMentionReminder(engine.config, { language: 'en', mention: '<@42>', window });
  assert.match(r.body, /You may discuss the news/);
});

test('scheduled reminders say how long until the window opens', () => {
  assert.match(renderReminder('before', window, 'en', 3_600_000), /begins in 1 hour/);
  assert.match(renderReminder('before', window, 'fr', 86_400_000), /commence dans 1\s+jour/);
});

test('the closing reminder says the blackout is over', () => {
  assert.match(renderReminder('close', window, 'en'), /is over/);
});
