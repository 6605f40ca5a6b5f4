import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lettersReading } from '../../src/inspect/ocr/confusables.ts';

test('digits OCR reads for letters inside words are read back as letters', () => {
  assert.equal(lettersReading('la réuni0n du c0mité, 1a tournée dé5ormais'), 'la réunion du comité, la tournée désormais');
});

test('numbers, and words with other digits, stay as read', () => {
  assert.equal(lettersReading('le 10 mai à 18h, en 2017, réf. 2017a'), undefined);
});

test('text without any confusion gives no second reading', () => {
  assert.equal(lettersReading('Bonjour à tous'), undefined);
});
