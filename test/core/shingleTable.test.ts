import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildShingleTable,
  createPresenceFilter,
  filterCandidates,
  findCandidates,
  findShingle,
  mayHold,
  slotDocument,
  type ShingleTable,
} from '../../src/core/matchers/shingleTable.ts';
import { random } from '../support/random.ts';

/** Looks up `count` hashes in `table` as the excerpt matcher does: its filter, then its slots; how many were found. */
function findShingles(table: ShingleTable, hashes: Uint32Array, count: number, positions: Int32Array, slots: Int32Array): number {
  const candidates = filterCandidates(table.presence, hashes, count, positions, slots);
  return findCandidates(table, hashes, positions, candidates, positions, slots);
}

/** Distinct non-zero 32-bit hashes, as shingle hashes are. */
function hashes(rand: () => number, n: number): Uint32Array {
  const seen = new Set<number>();
  while (seen.size < n) seen.add(Math.floor(rand() * 0xffffffff) + 1);
  return Uint32Array.from(seen);
}

test('a shingle table looked up in a batch finds exactly the shingles it holds, with their documents', () => {
  const rand = random(17);
  const all = hashes(rand, 250_000);
  const held = all.subarray(0, 200_000);
  // Two documents: the first 100,000 shingles are the first's, the rest the second's.
  const table = buildShingleTable([held.subarray(0, 100_000), held.subarray(100_000)], [0, 1]);
  // Messages of 40 shingles mixing held and absent ones, in a random order.
  const absent = all.subarray(200_000);
  const message = new Uint32Array(40);
  const positions = new Int32Array(40);
  const slots = new Int32Array(40);
  for (let m = 0; m < 2_000; m++) {
    const expected: number[] = [];
    for (let i = 0; i < message.length; i++) {
      const isHeld = rand() < 0.25;
      message[i] = isHeld ? held[Math.floor(rand() * held.length)]! : absent[Math.floor(rand() * absent.length)]!;
      if (isHeld) expected.push(i);
    }
    const found = findShingles(table, message, message.length, positions, slots);
    assert.deepEqual(Array.from(positions.subarray(0, found)), expected);
    for (let f = 0; f < found; f++) {
      const hash = message[positions[f]!]!;
      assert.equal(slots[f], findShingle(table, hash));
      assert.equal(slotDocument(table, slots[f]!), held.indexOf(hash) < 100_000 ? 0 : 1);
    }
  }
});

test('the presence filter of a full shingle table rules out nearly every absent shingle', () => {
  const rand = random(23);
  const all = hashes(rand, 600_000);
  const table = buildShingleTable([all.subarray(0, 400_000)], [0]);
  const absent = all.subarray(400_000);
  const positions = new Int32Array(absent.length);
  const slots = new Int32Array(absent.length);
  assert.equal(findShingles(table, absent, absent.length, positions, slots), 0);
  // What passes the filter goes on to the slots: at most 3 in 100 absent shingles may.
  let passed = 0;
  for (const hash of absent) if (mayHold(table, hash)) passed++;
  assert.ok(passed / absent.length < 0.03, `${((100 * passed) / absent.length).toFixed(1)}% passed the filter`);
});

test('two tables sharing one presence filter each find only the shingles they hold', () => {
  const rand = random(29);
  const all = hashes(rand, 300_000);
  const first = all.subarray(0, 100_000);
  const second = all.subarray(100_000, 200_000);
  const absent = all.subarray(200_000);
  const presence = createPresenceFilter(first.length + second.length);
  const a = buildShingleTable([first], [0], presence);
  const b = buildShingleTable([second], [0], presence);
  assert.equal(a.presence, b.presence);
  const message = Uint32Array.from([first[5]!, second[7]!, absent[3]!, first[9]!, second[11]!]);
  const candidates = new Int32Array(message.length);
  const scratch = new Int32Array(message.length);
  const n = filterCandidates(presence, message, message.length, candidates, scratch);
  // The filter lets through both tables' shingles (and rarely an absent one); each table then keeps its own.
  assert.ok(n >= 4);
  const positions = new Int32Array(message.length);
  const slots = new Int32Array(message.length);
  assert.deepEqual(Array.from(positions.subarray(0, findCandidates(a, message, candidates, n, positions, slots))), [0, 3]);
  assert.deepEqual(Array.from(positions.subarray(0, findCandidates(b, message, candidates, n, positions, slots))), [1, 4]);
});
