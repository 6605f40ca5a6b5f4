import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blackoutEnd, classify, lastWindow, nextWindow } from '../../src/core/index.ts';
import { engineFrom } from '../support/engine.ts';

const engine = engineFrom(`
timezone: Europe/Paris
windows:
  - id: metropole
    start: 2017-05-06T00:00
    end: 2017-05-07T20:00
  - id: antilles
    start: 2017-05-05T00:00
    end: 2017-05-06T19:00
    timezone: America/Martinique
  - id: utc-written
    start: 2022-04-08T22:00:00+00:00
    end: 2022-04-10T18:00:00+00:00
  - id: across-dst
    start: 2017-03-25T12:00
    end: 2017-03-26T12:00
`);
const windowsAt = (iso: string) => classify(engine, { text: '', at: Date.parse(iso) }).windows;

test('a window starts at its local start time in its own zone', () => {
  assert.ok(windowsAt('2017-05-05T22:00:00Z').includes('metropole'));
  assert.ok(!windowsAt('2017-05-05T21:59:59.999Z').includes('metropole'));
});

test('the end instant is outside the window', () => {
  assert.deepEqual(windowsAt('2017-05-07T18:00:00Z'), []);
  assert.deepEqual(windowsAt('2017-05-07T17:59:59.999Z'), ['metropole']);
});

test('an overseas window in its own zone starts a day earlier', () => {
  assert.deepEqual(windowsAt('2017-05-05T04:00:00Z'), ['antilles']);
});

test('a time inside two overlapping windows is in both', () => {
  assert.deepEqual(windowsAt('2017-05-06T12:00:00Z').sort(), ['antilles', 'metropole']);
});

test('a window written with an offset is read at that offset', () => {
  assert.deepEqual(windowsAt('2022-04-08T22:00:00Z'), ['utc-written']);
  assert.deepEqual(windowsAt('2022-04-10T18:00:00Z'), []);
});

test('a window across the spring daylight-saving change lasts 23 hours', () => {
  const w = engine.windows.find((x) => x.id === 'across-dst')!;
  assert.equal(w.endMs - w.startMs, 23 * 3_600_000);
});

test('the blackout in force ends when the last overlapping window ends', () => {
  assert.equal(blackoutEnd(engine.windows, Date.parse('2017-05-05T12:00:00Z')), Date.parse('2017-05-07T18:00:00Z'));
});

test('outside every window there is no blackout end', () => {
  assert.equal(blackoutEnd(engine.windows, Date.parse('2017-06-01T00:00:00Z')), undefined);
});

test('the next window is the one starting soonest after a time', () => {
  assert.equal(nextWindow(engine.windows, Date.parse('2017-04-01T00:00:00Z'))?.id, 'antilles');
});

test('the last window is the one that ended most recently', () => {
  assert.equal(lastWindow(engine.windows, Date.parse('2017-06-01T00:00:00Z'))?.id, 'metropole');
});
