/** When a message's attachments are inspected, and how the finds join its verdict. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { classify, compileEngine, parseConfigText, type Engine } from '../../src/core/index.ts';
import { AttachmentInspector, inspectMessage, type InspectedClassification } from '../../src/inspect/index.ts';
import { LEAKED_BODY, LEAKED_EMAIL_ID, pdfOf } from './files.ts';

const IN_WINDOW = Date.parse('2017-05-06T12:00:00+02:00');
const OUTSIDE = Date.parse('2017-05-20T12:00:00+02:00');

function engineWith(inspect: string): Engine {
  const yaml = `
windows: [{ id: t2, start: 2017-05-06T00:00, end: 2017-05-07T20:00 }]
leaks: [{ id: macronleaks, urls: [pastebin.com/abc] }]
attachments: { inspect: ${inspect} }
`;
  return compileEngine(parseConfigText(yaml, 'test.yaml').config, [{ leak: 'macronleaks', id: LEAKED_EMAIL_ID, text: LEAKED_BODY }]);
}

let inspector: AttachmentInspector;
let pdf: Buffer;
before(async () => {
  inspector = new AttachmentInspector({ threads: 1 });
  pdf = await pdfOf(LEAKED_BODY);
});
after(async () => {
  await inspector?.close();
});

async function verdictOf(engine: Engine, text: string, at: number) {
  const held = [{ name: 'copie.pdf', bytes: new Uint8Array(pdf) }];
  return inspectMessage(inspector, engine, classify(engine, { text, at }), held) as Promise<InspectedClassification>;
}

test('inside a window, a message whose attachment holds a leaked text becomes a share', async () => {
  const result = await verdictOf(engineWith('inWindow'), 'regardez', IN_WINDOW);
  assert.equal(result.verdict, 'share');
  assert.deepEqual(result.signals.map((s) => s.rule), [LEAKED_EMAIL_ID]);
});

test('with attachments.inspect: inWindow, attachments of a message outside every window are not inspected', async () => {
  const result = await verdictOf(engineWith('inWindow'), 'regardez', OUTSIDE);
  assert.equal(result.verdict, 'none');
  assert.equal(result.inspection, undefined);
});

test('with attachments.inspect: always, they are inspected outside windows too', async () => {
  const result = await verdictOf(engineWith('always'), 'regardez', OUTSIDE);
  assert.equal(result.verdict, 'share');
});

test('with attachments.inspect: never, they are not inspected at all', async () => {
  const result = await verdictOf(engineWith('never'), 'regardez', IN_WINDOW);
  assert.equal(result.verdict, 'none');
});

test('a message already sharing by its text is not inspected further', async () => {
  const result = await verdictOf(engineWith('always'), 'https://pastebin.com/abc', IN_WINDOW);
  assert.equal(result.verdict, 'share');
  assert.deepEqual(result.signals.map((s) => s.kind), ['url']);
});
