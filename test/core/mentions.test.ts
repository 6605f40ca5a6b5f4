import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../src/core/index.ts';
import { AT_BLACKOUT, engineFrom, LEAK_YAML } from '../support/engine.ts';

const engine = engineFrom(LEAK_YAML);
const verdictOf = (text: string) => classify(engine, { text, at: AT_BLACKOUT }).verdict;

test('a hashtag of a leak set is a mention', () => {
  assert.equal(verdictOf('Encore des rumeurs #MacronLeaks'), 'mention');
});

test('a hashtag is matched ignoring case', () => {
  assert.equal(verdictOf('#macronleaks trending'), 'mention');
});

test('a hashtag written as a plain word is a mention', () => {
  assert.equal(verdictOf('what are these macronleaks everyone talks about'), 'mention');
});

test('a keyword is matched as a whole word ignoring case', () => {
  assert.equal(verdictOf('the emleaks story'), 'mention');
});

test('a keyword inside a longer word is not matched', () => {
  assert.equal(verdictOf('the emleaksx story'), 'none');
});

test('a keyword of several words is matched ignoring accents', () => {
  assert.equal(verdictOf('La FUITE en Marché fait parler'), 'mention');
});

test('a keyword of several words is not matched when the words are apart', () => {
  assert.equal(verdictOf('une fuite, puis en marche'), 'none');
});

test('a news article about the leak is a mention, not a share', () => {
  assert.equal(verdictOf('Read https://www.lemonde.fr/politique/article/2017/05/06/macronleaks-what-we-know'), 'mention');
});

test('a message with no link and no keyword is none', () => {
  assert.equal(verdictOf('On vote dimanche, pensez à votre procuration.'), 'none');
});

test('material together with a hashtag is a share', () => {
  assert.equal(verdictOf('#MacronLeaks pastebin.com/abc'), 'share');
});
