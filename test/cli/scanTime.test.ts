import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { parseIsoTime, ZoneClock } from '../../src/chatExports/isoTime.ts';

const ZONES = ['Europe/Paris', 'America/Martinique', 'America/St_Johns', 'Australia/Lord_Howe', 'UTC'];
const two = (n: number) => String(n).padStart(2, '0');

const isoTimes = fc.record({
  year: fc.integer({ min: 1970, max: 2040 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.option(fc.integer({ min: 0, max: 59 })),
  fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)),
  offset: fc.option(fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45)).map(([s, h, m]) => `${s}${two(h)}:${two(m)}`))),
  zone: fc.constantFrom(...ZONES),
});

test('ISO times are read to the same instant as luxon reads them, with or without an offset', () => {
  fc.assert(
    fc.property(isoTimes, (t) => {
      let s = `${t.year}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}`;
      if (t.second !== null) s += `:${two(t.second)}${t.fraction !== null ? `.${t.fraction}` : ''}`;
      if (t.offset !== null) s += t.offset;
      const expected = DateTime.fromISO(s, { zone: t.zone });
      const got = parseIsoTime(s, ZoneClock.of(t.zone)!);
      if (!expected.isValid) return 'error' in got;
      return 'ms' in got && got.ms === expected.toMillis();
    }),
    { numRuns: 3000 },
  );
});

test('a local time in a daylight-saving gap or overlap is resolved as luxon resolves it', () => {
  const clock = ZoneClock.of('Europe/Paris')!;
  for (const s of ['2017-03-26T02:30', '2017-10-29T02:30', '2017-10-29T01:59:59', '2017-03-26T03:00']) {
    assert.deepEqual(parseIsoTime(s, clock), { ms: DateTime.fromISO(s, { zone: 'Europe/Paris' }).toMillis() }, s);
  }
});

test('impossible dates and malformed times are refused', () => {
  const clock = ZoneClock.of('Europe/Paris')!;
  for (const s of ['2017-02-29T10:00', '2017-04-31T10:00', '2017-05-06T10:60', '2017-05-06T25:00Z', '2017-05-06T10:00+02:', '2017-05-06', 'yesterday', '2017-05-06T10:00:00.1234567890Z']) {
    assert.ok('error' in parseIsoTime(s, clock), s);
  }
});
