/**
 * Checks on untrusted fields of exported messages: each returns the value in the shape the scan
 * needs, or a short reason it cannot be used (the reason names the field, never its content).
 */
import { parseIsoTime, ZoneClock } from './isoTime.ts';
import type { Attachment } from '../core/index.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(reason: string): Checked<T> => ({ ok: false, reason });

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An ISO time (`2017-05-06T12:00`, `…:00Z`, `…:00.123+02:00`) as epoch ms; a time without an
 * offset is read in `zone`.
 */
export function isoTime(value: unknown, field: string, zone: string): Checked<number> {
  if (value === undefined) return bad(`missing "${field}"`);
  if (typeof value !== 'string') return bad(`"${field}" must be an ISO time such as 2017-05-06T12:00:00+02:00`);
  const clock = ZoneClock.of(zone);
  if (clock === undefined) return bad(`unknown time zone ${zone}`);
  const parsed = parseIsoTime(value, clock);
  if ('ms' in parsed) return ok(parsed.ms);
  return bad(
    parsed.error === 'format'
      ? `"${field}" is not an ISO time (expected e.g. 2017-05-06T12:00:00+02:00)`
      : `"${field}" is not a valid time (unit out of range)`,
  );
}

/** A text field; absent counts as empty when `optional`. */
export function text(value: unknown, field: string, optional = false): Checked<string> {
  if (typeof value === 'string') return ok(value);
  if (value === undefined && optional) return ok('');
  return bad(value === undefined ? `missing "${field}"` : `"${field}" must be text`);
}

/** An id: text, or a whole number (some tools write numeric ids). Empty text is refused. */
export function id(value: unknown, field: string): Checked<string> {
  if (typeof value === 'string' && value.length > 0 && value.length <= 256) return ok(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return ok(String(value));
  return bad(value === undefined ? `missing "${field}"` : `"${field}" must be a non-empty id (text or whole number)`);
}

/** An optional id: undefined when absent or null. */
export function optionalId(value: unknown, field: string): Checked<string | undefined> {
  if (value === undefined || value === null) return ok(undefined);
  return id(value, field);
}

const SHA256 = /^[0-9a-fA-F]{64}$/;

/** JSON Lines `attachments`: an array of `{name, sha256?}`. */
export function attachments(value: unknown, field: string): Checked<Attachment[]> {
  if (value === undefined || value === null) return ok([]);
  if (!Array.isArray(value)) return bad(`"${field}" must be an array of {name, sha256}`);
  const out: Attachment[] = [];
  for (const [i, item] of value.entries()) {
    if (!isObject(item) || typeof item.name !== 'string') return bad(`"${field}[${i}]" must be an object with a "name"`);
    if (item.sha256 === undefined || item.sha256 === null) out.push({ name: item.name });
    else if (typeof item.sha256 === 'string' && SHA256.test(item.sha256)) out.push({ name: item.name, sha256: item.sha256 });
    else return bad(`"${field}[${i}].sha256" must be 64 hexadecimal digits`);
  }
  return ok(out);
}

/** Slack's `ts` ("1494064800.000200", seconds with microseconds) as epoch ms. */
export function slackTs(value: unknown, field: string): Checked<number> {
  const ms = typeof value === 'string' ? slackTsMs(value) : -1;
  if (ms < 0) return bad(value === undefined ? `missing "${field}"` : `"${field}" must be a Slack timestamp such as "1494064800.000200"`);
  return ok(ms);
}

const DIGIT_0 = 48;

/**
 * `ts` (1 to 12 digits, then optionally a dot and 1 to 6 digits) as epoch ms, or -1. Read digit by
 * digit, once per message: parseFloat would round the microseconds, and a regular expression
 * plus a split cost more than the rest of the record.
 */
function slackTsMs(ts: string): number {
  const dot = ts.indexOf('.');
  const end = dot === -1 ? ts.length : dot;
  if (end < 1 || end > 12) return -1;
  let seconds = 0;
  for (let i = 0; i < end; i++) {
    const d = ts.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    seconds = seconds * 10 + d;
  }
  let millis = 0;
  if (dot !== -1) {
    const digits = ts.length - dot - 1;
    if (digits < 1 || digits > 6) return -1;
    for (let i = 1; i <= digits; i++) {
      const d = ts.charCodeAt(dot + i) - DIGIT_0;
      if (d < 0 || d > 9) return -1;
      if (i <= 3) millis += d * (i === 1 ? 100 : i === 2 ? 10 : 1);
    }
  }
  return seconds * 1000 + millis;
}
