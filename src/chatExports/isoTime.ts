/**
 * ISO 8601 times to epoch milliseconds without building a luxon `DateTime` per message: a time
 * with an offset (`Z`, `+02:00`) is plain arithmetic; a time without one is read in a zone whose
 * offsets are looked up once per quarter hour and cached. A profile of `scan` had a third of its
 * time in luxon's per-message parsing.
 */
import { IANAZone } from 'luxon';

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;

export type IsoParse = { ms: number } | { error: 'format' | 'range' };

/** A zone's UTC offsets, cached by quarter hour (zone transitions fall on quarter hours). */
export class ZoneClock {
  private readonly zone: IANAZone;
  private readonly cache = new Map<number, number>();

  private constructor(zone: IANAZone) {
    this.zone = zone;
  }

  private static readonly clocks = new Map<string, ZoneClock>();

  /** The clock of an IANA zone, resolved once per process; undefined when the zone is unknown. */
  static of(name: string): ZoneClock | undefined {
    let clock = ZoneClock.clocks.get(name);
    if (clock === undefined) {
      const zone = IANAZone.create(name);
      if (!zone.isValid) return undefined;
      clock = new ZoneClock(zone);
      ZoneClock.clocks.set(name, clock);
    }
    return clock;
  }

  /** Offset from UTC in minutes at the UTC instant `ts`. */
  offsetAt(ts: number): number {
    const bucket = Math.floor(ts / QUARTER_HOUR);
    const cached = this.cache.get(bucket);
    if (cached !== undefined) return cached;
    const start = this.zone.offset(bucket * QUARTER_HOUR);
    // A bucket with a change inside (only in old local mean times) is never cached.
    if (this.zone.offset(bucket * QUARTER_HOUR + QUARTER_HOUR - 1) !== start) return this.zone.offset(ts);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(bucket, start);
    return start;
  }

  /**
   * The UTC instant of a local wall time (given as if it were UTC), as luxon resolves it: in a
   * gap the time moves forward; in an overlap luxon starts from the zone's offset now, so the
   * instant of the offset in force today wins (the same steps as luxon's `objToTS`).
   */
  utcOf(localTs: number): number {
    const o = this.offsetAt(Date.now());
    let guess = localTs - o * MINUTE;
    const o2 = this.offsetAt(guess);
    if (o === o2) return guess;
    guess -= (o2 - o) * MINUTE;
    const o3 = this.offsetAt(guess);
    if (o2 === o3) return guess;
    return localTs - Math.min(o2, o3) * MINUTE;
  }
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Reads `n` decimal digits of `s` from `at`; -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Epoch ms of an ISO time: `2017-05-06T12:00`, `…:00Z`, `…:00.123+02:00`, `… 12:00:00,5-0300`
 * (`T` may be a space); without an offset it is read on `clock`. Read character by character:
 * a regular expression with captures cost as much as the rest of a message's parsing.
 */
export function parseIsoTime(s: string, clock: ZoneClock): IsoParse {
  const FORMAT = { error: 'format' } as const;
  if (s.length < 16 || s.length > 40) return FORMAT;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  let hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const sep = s[10];
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return FORMAT;
  if (s[4] !== '-' || s[7] !== '-' || s[13] !== ':' || (sep !== 'T' && sep !== 't' && sep !== ' ')) return FORMAT;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (s[i] === ':') {
    second = digits(s, i + 1, 2);
    if (second < 0) return FORMAT;
    i += 3;
    if (s[i] === '.' || s[i] === ',') {
      const from = ++i;
      while (i < s.length && i - from < 9 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === from) return FORMAT;
      // Fractions are cut to milliseconds, as luxon does.
      millis = Number(s.slice(from, Math.min(i, from + 3)).padEnd(3, '0'));
    }
  }
  let offset: number | undefined;
  const zone = s[i];
  if (zone === 'Z' || zone === 'z') {
    offset = 0;
    i += 1;
  } else if (zone === '+' || zone === '-') {
    const oh = digits(s, i + 1, 2);
    if (oh < 0) return FORMAT;
    i += 3;
    let om = 0;
    const colon = s[i] === ':';
    if (colon) i += 1;
    if (colon || i < s.length) {
      om = digits(s, i, 2);
      if (om < 0) return FORMAT;
      i += 2;
    }
    if (oh > 23 || om > 59) return { error: 'range' };
    offset = (zone === '-' ? -1 : 1) * (oh * 60 + om);
  }
  if (i !== s.length) return FORMAT;
  if (month < 1 || month > 12) return { error: 'range' };
  if (day < 1 || day > (month === 2 && isLeap(year) ? 29 : DAYS[month - 1]!)) return { error: 'range' };
  if (minute > 59 || second > 59) return { error: 'range' };
  // 24:00 is the end of the day (the next midnight); 24:01 is nothing.
  let nextDay = 0;
  if (hour === 24 && minute === 0 && second === 0 && millis === 0) {
    hour = 0;
    nextDay = 86_400_000;
  } else if (hour > 23) return { error: 'range' };
  let local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100) local = new Date(local).setUTCFullYear(year);
  local += nextDay;
  return { ms: offset === undefined ? clock.utcOf(local) : local - offset * MINUTE };
}
