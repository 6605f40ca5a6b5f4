import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { splitJsonArray, type SplitEvent } from '../../src/chatExports/jsonSplitter.ts';

/** The elements (parsed), fields and errors the splitter gives for `text` read in pieces of `size` bytes. */
async function split(text: string, size: number, arrayKey?: string): Promise<{ elements: unknown[]; fields: Record<string, unknown>; error?: string }> {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  const elements: unknown[] = [];
  const fields: Record<string, unknown> = {};
  try {
    for await (const event of splitJsonArray(Readable.from(pieces), { arrayKey, fields: ['channel'], batchBytes: 64 })) {
      collect(event, elements, fields);
    }
  } catch (err) {
    return { elements, fields, error: (err as Error).message };
  }
  return { elements, fields };
}

function collect(event: SplitEvent, elements: unknown[], fields: Record<string, unknown>): void {
  if (event.kind === 'field') fields[event.key] = event.value;
  if (event.kind === 'elements') {
    const bytes = Buffer.from(event.bytes);
    event.ends.forEach((end, i) => {
      const start = i === 0 ? 0 : event.ends[i - 1]! + 1;
      elements.push(JSON.parse(bytes.toString('utf8', start, end)));
    });
  }
}

test('array elements come out whole however the input is cut, strings with escapes and brackets included', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), async (values, size) => {
      const text = JSON.stringify(values, null, size % 3 === 0 ? 2 : undefined);
      const { elements, error } = await split(text, size);
      assert.equal(error, undefined);
      assert.deepEqual(elements, JSON.parse(text));
    }),
    { numRuns: 300 },
  );
});

test('long strings with quotes and backslashes anywhere in them come out whole however the input is cut', async () => {
  // Strings up to 200 characters of quotes, backslashes, brackets and letters, read in pieces of up
  // to 300 bytes: escapes fall on every side of a piece's end, and far into a string.
  const char = fc.constantFrom('"', '\\', '[', '}', 'a', 'é', ' ', '\n');
  const text = fc.string({ unit: char, maxLength: 200 });
  await fc.assert(
    fc.asyncProperty(fc.array(fc.record({ id: text, content: text }), { maxLength: 6 }), fc.integer({ min: 1, max: 300 }), async (values, size) => {
      const json = JSON.stringify(values);
      const { elements, error } = await split(json, size);
      assert.equal(error, undefined);
      assert.deepEqual(elements, JSON.parse(json));
    }),
    { numRuns: 300 },
  );
});

test('the elements of one property of the top-level object come out, with the fields asked for', async () => {
  const doc = { guild: { name: 'x ] } "' }, channel: { id: '1', name: 'c' }, messages: [{ id: '1', content: 'a\\"]' }, { id: '2' }], messageCount: 2 };
  for (const size of [1, 3, 7, 1000]) {
    const { elements, fields, error } = await split(JSON.stringify(doc), size, 'messages');
    assert.equal(error, undefined);
    assert.deepEqual(elements, doc.messages);
    assert.deepEqual(fields.channel, doc.channel);
  }
});

test('a document cut off inside an element keeps the elements before the cut and says it ends early', async () => {
  const { elements, error } = await split('[{"a":1},{"b":2},{"c":"unfinished', 5);
  assert.deepEqual(elements, [{ a: 1 }, { b: 2 }]);
  assert.match(error ?? '', /ends inside a string/);
});

test('elements are handed on in batches of bounded size even when every read ends inside an element', async () => {
  const messages = Array.from({ length: 2_000 }, (_, i) => ({ id: String(i), content: `message ${i}` }));
  const bytes = Buffer.from(JSON.stringify({ messages }));
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 37) pieces.push(bytes.subarray(i, i + 37));
  let largest = 0;
  let count = 0;
  for await (const event of splitJsonArray(Readable.from(pieces), { arrayKey: 'messages', batchBytes: 1_000 })) {
    if (event.kind !== 'elements') continue;
    largest = Math.max(largest, event.bytes.length);
    count += event.ends.length;
  }
  assert.equal(count, 2_000);
  assert.ok(largest < 1_100, `a batch of ${largest} bytes`);
});

test('the elements of one property come out however the input is cut, with properties of any shape around it', async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 8 }), fc.jsonValue(), fc.integer({ min: 1, max: 40 }), async (before, messages, after, size) => {
      const text = JSON.stringify({ guild: before, channel: { id: '1' }, messages, after }, null, size % 2 === 0 ? 2 : undefined);
      const { elements, fields, error } = await split(text, size, 'messages');
      assert.equal(error, undefined);
      assert.deepEqual(elements, JSON.parse(text).messages);
      assert.deepEqual(fields.channel, { id: '1' });
    }),
    { numRuns: 300 },
  );
});
