/**
 * Shared hash lists, as hash-sharing programs export them: a CSV of `kind,value` lines (kinds
 * `sha256`, `md5`, `pdq`, `url`, `domain`, `infohash`, `filename`; a `pdq` line may carry its
 * quality in a third column). A header line `kind,value`, blank lines and `#` comments are
 * skipped. Each value is checked and made canonical by the same schema as the configuration's
 * entry of that kind, and a bad line is reported with its number.
 */
import type { z } from 'zod';
import { fileHashEntry } from '../core/matchers/fileHash.ts';
import { md5Entry } from '../core/matchers/md5.ts';
import { pdqEntry } from '../core/matchers/pdq.ts';
import { urlEntry } from '../core/matchers/url.ts';
import { domainEntry } from '../core/matchers/domain.ts';
import { magnetEntry } from '../core/matchers/magnet.ts';
import { fileNameEntry } from '../core/matchers/fileName.ts';
import type { ListKind } from './builder.ts';

const ENTRIES: Record<ListKind, z.ZodType<string, string>> = {
  sha256: fileHashEntry,
  md5: md5Entry,
  pdq: pdqEntry,
  url: urlEntry,
  domain: domainEntry,
  infohash: magnetEntry,
  filename: fileNameEntry,
};

export const LIST_KINDS = Object.keys(ENTRIES) as ListKind[];

export interface ListedValue {
  kind: ListKind;
  value: string;
  quality?: number;
}

export interface ListProblem {
  line: number;
  message: string;
}

/** Parses a list; every line is checked, and the problems are returned with the values. */
export function parseList(text: string): { values: ListedValue[]; problems: ListProblem[] } {
  const values: ListedValue[] = [];
  const problems: ListProblem[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const problem = parseLine(raw, i + 1, values);
    if (problem !== undefined) problems.push({ line: i + 1, message: problem });
  }
  return { values, problems };
}

/** Adds the value of one line to `values`; returns what is wrong with the line, if anything. */
function parseLine(raw: string, line: number, values: ListedValue[]): string | undefined {
  if (raw.trim() === '' || raw.trimStart().startsWith('#')) return undefined;
  const fields = splitCsvLine(raw);
  if (fields === undefined) return 'unterminated quoted field';
  const kind = (fields[0] ?? '').trim().toLowerCase();
  if (line === 1 && kind === 'kind') return undefined; // header
  if (!(kind in ENTRIES)) return `unknown kind "${fields[0]?.trim() ?? ''}" (expected one of ${LIST_KINDS.join(', ')})`;
  const value = (fields[1] ?? '').trim();
  if (value === '') return `no value after "${kind},"`;
  const parsed = ENTRIES[kind as ListKind].safeParse(value);
  if (!parsed.success) return `${kind}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`;
  const entry: ListedValue = { kind: kind as ListKind, value: parsed.data };
  const quality = fields[2]?.trim() ?? '';
  if (kind === 'pdq' && quality !== '') {
    const q = Number(quality);
    if (!Number.isInteger(q) || q < 0 || q > 100) return `pdq quality must be a whole number from 0 to 100, got "${quality}"`;
    entry.quality = q;
  }
  values.push(entry);
  return undefined;
}

/** The fields of one CSV line (RFC 4180 quoting), or undefined when a quote is not closed. */
function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return undefined;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      const comma = line.indexOf(',', i);
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma < 0 ? undefined : comma));
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}
