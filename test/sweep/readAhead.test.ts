import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as turn } from 'node:timers/promises';
import type { HistoryPage } from '../../src/platform/index.ts';
import { readAhead } from '../../src/sweep/readAhead.ts';

/** A history of `count` pages; each read is recorded with its cursor. */
function history(count: number) {
  const reads: (string | undefined)[] = [];
  const read = async (cursor: string | undefined): Promise<HistoryPage> => {
    reads.push(cursor);
    const n = cursor === undefined ? 0 : Number(cursor);
    return { messages: [], ...(n + 1 < count && { next: String(n + 1) }) };
  };
  return { reads, read };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await turn();
}

test('pages come in order, each read from the cursor of the one before, to the last', async () => {
  const h = history(5);
  const cursors: (string | undefined)[] = [];
  for await (const page of readAhead(h.read, undefined, 2)) cursors.push(page.next);
  assert.deepEqual(cursors, ['1', '2', '3', '4', undefined]);
  assert.deepEqual(h.reads, [undefined, '1', '2', '3', '4']);
});

test('while a page is handled, the next pages are read, no more than the depth ahead', async () => {
  const h = history(10);
  const pages = readAhead(h.read, undefined, 2);
  await pages.next();
  await settle();
  // The page being handled, and two waiting.
  assert.equal(h.reads.length, 3);
  await pages.return(undefined);
});

test('a failed read ends the pages with its error, after the pages read before it', async () => {
  let reads = 0;
  const read = async (cursor: string | undefined): Promise<HistoryPage> => {
    reads += 1;
    if (cursor === '2') throw new Error('history unavailable');
    return { messages: [], next: String(reads) };
  };
  const seen: (string | undefined)[] = [];
  await assert.rejects(async () => {
    for await (const page of readAhead(read, undefined, 2)) seen.push(page.next);
  }, /history unavailable/);
  assert.deepEqual(seen, ['1', '2']);
});
