/**
 * How OCR text is matched (the main-thread half of the OCR inspector), on text misread the way
 * OCR misreads: words with 0, 1 and 5 for o, l and s, beyond the one word in ten the excerpt
 * matcher tolerates by itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileEngine, parseConfigText, type Engine } from '../../src/core/index.ts';
import { imageOcrInspector } from '../../src/inspect/inspectors/imageOcr.ts';
import type { FileEvidence } from '../../src/inspect/types.ts';
import { LEAKED_BODY, LEAKED_EMAIL_ID, UNRELATED_BODY } from './files.ts';

const engine: Engine = compileEngine(parseConfigText('leaks: [{ id: macronleaks }]', 'test.yaml').config, [
  { leak: 'macronleaks', id: LEAKED_EMAIL_ID, text: LEAKED_BODY },
]);

/** Every other word holding an o, l or s misread as a digit: far more than one word in ten. */
function misread(text: string): string {
  let n = 0;
  return text.replace(/\p{L}+/gu, (word) => (/[ols]/.test(word) && n++ % 2 === 0 ? word.replace(/o/g, '0').replace(/l/g, '1').replace(/s/g, '5') : word));
}

function matches(ocrText: string): string[] {
  const file: FileEvidence = { path: 'capture.png', name: 'capture.png', type: 'png', depth: 0, bytes: 1, ocrText };
  const out: string[] = [];
  imageOcrInspector.match(file, engine, (s) => out.push(s.description));
  return out;
}

test('OCR text with digits misread for letters in many words still matches the leaked e-mail', () => {
  const text = misread(LEAKED_BODY);
  assert.notEqual(text, LEAKED_BODY);
  assert.deepEqual(matches(text), [`excerpt of ${LEAKED_EMAIL_ID} via OCR of capture.png`]);
});

test('unrelated text read by OCR, misread the same way, matches nothing', () => {
  assert.deepEqual(matches(misread(UNRELATED_BODY)), []);
});
