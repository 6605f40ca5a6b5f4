/** `scan --json` writes times exactly as `Date#toISOString` does, through its faster formatter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoOrRaw } from '../../src/chatExports/classifyRecord.ts';

/** Epoch ms at the edges: day and year boundaries, leap days, before 1970, years of 5 and 6 digits, Date's own limits. */
const EDGES = [
  0, -0, 1, -1, 999, 1000, -1000, 59_999, 86_399_999, 86_400_000, -86_400_000, -86_400_001,
  Date.parse('2017-05-06T23:59:59.999Z'), Date.parse('2017-05-07T00:00:00.000Z'), Date.parse('2016-02-29T12:34:56.007Z'),
  Date.parse('1969-12-31T23:59:59.990Z'), Date.parse('0000-01-01T00:00:00Z'), -62_198_755_200_001,
  Date.parse('9999-12-31T23:59:59.999Z'), Date.parse('+010000-01-01T00:00:00Z'), 8.64e15, -8.64e15, 1.5, -1.5, 1494064800123.9,
];

test('times at day, year and range edges are written as toISOString writes them', () => {
  for (const ms of EDGES) assert.equal(isoOrRaw(ms), new Date(ms).toISOString(), String(ms));
});

test('a run of times across many days, in and out of order, is written as toISOString writes them', () => {
  // A fixed walk: steps of a few seconds to a few days, forwards and backwards, so the cached day is both kept and replaced.
  let ms = Date.parse('2017-05-01T00:00:00Z');
  let seed = 11;
  for (let i = 0; i < 200_000; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    ms += (seed % 7 === 0 ? -1 : 1) * (seed % (i % 100 === 0 ? 300_000_000 : 9_000_000));
    assert.equal(isoOrRaw(ms), new Date(ms).toISOString(), String(ms));
  }
});

test('any time Date can hold, whole or fractional, is written as toISOString writes it', () => {
  const times = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }));
  fc.assert(fc.property(times, (ms) => isoOrRaw(ms) === new Date(ms).toISOString()), { numRuns: 20_000 });
});

test('times beyond what Date can hold are written as their number', () => {
  for (const ms of [8.64e15 + 1, -8.64e15 - 1, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY, Number.NaN]) {
    assert.equal(isoOrRaw(ms), String(ms));
  }
});
