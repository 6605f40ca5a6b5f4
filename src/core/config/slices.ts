/**
 * Validation of configurations too large for zod to report on at once. zod gathers the problems of
 * a list with `push(...problems)`, which overflows the stack past about 100,000 problems under one
 * key (200,000 invalid hashes crashed the loader). Each large list (or mapping) is then validated
 * a slice at a time, with the other large ones cut to their first entry, and the problems of
 * every slice are put back at their place. Used only after zod has overflowed.
 */
import type { z } from 'zod';

/** Entries of a large list or mapping validated at once. */
const SLICE = 10_000;

type Path = (string | number)[];

interface Large {
  path: Path;
  value: unknown[] | Record<string, unknown>;
  size: number;
}

/** Every problem zod finds in `raw`, gathered slice by slice. */
export function issuesInSlices(schema: z.ZodType, raw: unknown): z.core.$ZodIssue[] {
  const large = largeValues(raw);
  const issues: z.core.$ZodIssue[] = [];
  const seen = new Set<string>();
  const add = (found: readonly z.core.$ZodIssue[], rebase: (path: Path) => Path) => {
    for (const issue of found) {
      const path = rebase(issue.path as Path);
      const key = `${JSON.stringify(path)}\u0000${issue.code}\u0000${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ ...issue, path } as z.core.$ZodIssue);
    }
  };
  const firsts = large.map((l) => slice(l, 0, 1));
  if (large.length === 0) {
    add(safeIssues(schema, raw), (p) => p);
    return issues;
  }
  large.forEach((target, t) => {
    for (let from = 0; from < target.size; from += SLICE) {
      const copy = replaceAll(
        raw,
        large.map((l, i) => (i === t ? slice(l, from, from + SLICE) : firsts[i])),
        large,
      );
      add(safeIssues(schema, copy), (path) => rebase(path, target, from));
    }
  });
  return issues;
}

function safeIssues(schema: z.ZodType, value: unknown): readonly z.core.$ZodIssue[] {
  try {
    const result = schema.safeParse(value);
    return result.success ? [] : result.error.issues;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return [{ code: 'custom', path: [], message: 'too many problems to list; fix the first ones and try again', input: undefined }];
  }
}

/** The outermost lists and mappings with more than `SLICE` entries (iterative walk). */
function largeValues(raw: unknown): Large[] {
  const out: Large[] = [];
  const stack: { value: unknown; path: Path }[] = [{ value: raw, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    if (entries.length > SLICE) {
      out.push({ path, value: value as Large['value'], size: entries.length });
      continue;
    }
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return out;
}

function slice(large: Large, from: number, to: number): unknown {
  if (Array.isArray(large.value)) return large.value.slice(from, to);
  return Object.fromEntries(Object.entries(large.value).slice(from, to));
}

/** A copy of `raw` with each large value replaced, copying only the containers along the way. */
function replaceAll(raw: unknown, replacements: unknown[], large: readonly Large[]): unknown {
  let root = raw;
  large.forEach((l, i) => {
    root = replaceAt(root, l.path, replacements[i]);
  });
  return root;
}

function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    copy[key as number] = replaceAt(copy[key as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  copy[key as string] = replaceAt(copy[key as string], rest, replacement);
  return copy;
}

/** A path found in a slice starting at `from`, as a path in the whole value. */
function rebase(path: Path, target: Large, from: number): Path {
  if (!Array.isArray(target.value) || path.length <= target.path.length) return path;
  for (let i = 0; i < target.path.length; i++) if (path[i] !== target.path[i]) return path;
  const index = path[target.path.length];
  if (typeof index !== 'number') return path;
  return [...target.path, index + from, ...path.slice(target.path.length + 1)];
}
