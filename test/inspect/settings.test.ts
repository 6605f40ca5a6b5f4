import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfigText } from '../../src/core/index.ts';
import { shouldInspect } from '../../src/inspect/index.ts';

const configOf = (yaml: string) => parseConfigText(yaml, 'test.yaml').config;

test('by default attachments are inspected inside a window only, with OCR in French and English', () => {
  const { attachments } = configOf('{}');
  assert.equal(attachments.inspect, 'inWindow');
  assert.equal(attachments.ocr, true);
  assert.deepEqual(attachments.ocrLanguages, ['fra', 'eng']);
});

test('attachments.inspect decides whether a message inside or outside a window has its attachments inspected', () => {
  const cases = { always: [true, true], inWindow: [true, false], never: [false, false] } as const;
  for (const [mode, [inside, outside]] of Object.entries(cases)) {
    const config = configOf(`attachments: { inspect: ${mode} }`);
    assert.equal(shouldInspect(config, true), inside, `${mode} inside`);
    assert.equal(shouldInspect(config, false), outside, `${mode} outside`);
  }
});

test('an OCR language that is not installed, or an unknown mode, is refused with the key and what was expected', () => {
  assert.throws(
    () => configOf('attachments:\n  ocrLanguages: [deu]\n'),
    (err: unknown) => err instanceof ConfigError && /attachments\.ocrLanguages\[0\].*"fra" or "eng"/.test(err.message),
  );
  assert.throws(
    () => configOf('attachments:\n  inspect: sometimes\n'),
    (err: unknown) => err instanceof ConfigError && /attachments\.inspect.*"always", "inWindow" or "never"/.test(err.message),
  );
});
