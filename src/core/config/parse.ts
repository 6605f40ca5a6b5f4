/**
 * Reads configuration text (YAML) and validates it with the schema. Errors say the file, the key,
 * the line and what was expected. Pure: the caller reads the file.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';
import { ConfigError, formatPath, SHOWN_PROBLEMS, type ConfigProblem } from './problems.ts';
import { aliasProblem } from './aliases.ts';
import { issuesInSlices } from './slices.ts';

/** The YAML as plain data (before validation) and the validated configuration. */
export interface ParsedConfig {
  raw: unknown;
  config: Config;
  /** Line and column of a key path in the file (for problems found after validation). */
  where(path: readonly (string | number)[]): { line?: number; column?: number };
}

/**
 * Parses and validates; throws `ConfigError` naming `file` when anything is wrong.
 *
 * A valid file is read with js-yaml (about ten times faster on rule sets of 100,000 entries);
 * only when something is wrong is it read again with `yaml`, which keeps every node's position,
 * so that each problem can be given its line. Both read YAML 1.2's core schema (no implicit dates).
 * Aliases that copy too much (an alias bomb) are refused before anything walks the copies.
 */
export function parseConfigText(text: string, file: string): ParsedConfig {
  let raw: unknown;
  try {
    raw = load(text, { schema: CORE_SCHEMA, filename: file }) ?? {};
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(file);
    return parseWithPositions(text, file);
  }
  refuseAliasBombs(raw, text, file);
  const mapping = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
  const result = mapping ? safeParse(raw) : undefined;
  if (!result?.success) return parseWithPositions(text, file, mapping && result === undefined);
  let source: { doc: Document; lineCounter: LineCounter } | undefined;
  const where = (path: readonly (string | number)[]) => {
    if (!source) {
      const lineCounter = new LineCounter();
      source = { doc: parseDocument(text, { lineCounter }), lineCounter };
    }
    return locate(source, path);
  };
  return { raw, config: result.data, where };
}

/** zod's result, or undefined when zod overflowed its stack on too many problems. */
function safeParse(raw: unknown): ReturnType<typeof configSchema.safeParse> | undefined {
  try {
    return configSchema.safeParse(raw);
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

function refuseAliasBombs(raw: unknown, text: string, file: string): void {
  const problem = aliasProblem(raw, text, file);
  if (problem) throw new ConfigError([problem]);
}

function tooDeep(file: string): ConfigError {
  return new ConfigError([{ file, path: '', message: 'nested too deeply to read (lists or mappings inside each other thousands of times)' }]);
}

/** The slow reading that knows where every node is: for files with problems. */
function parseWithPositions(text: string, file: string, overflows = false): ParsedConfig {
  try {
    return parseWithPositionsOrOverflow(text, file, overflows);
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(file);
    throw err;
  }
}

function parseWithPositionsOrOverflow(text: string, file: string, overflows: boolean): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({
        file,
        path: '',
        line: e.linePos?.[0]?.line,
        column: e.linePos?.[0]?.col,
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  // Aliases share their value here too (no copies); the budget is checked right after.
  const raw: unknown = doc.toJS({ maxAliasCount: -1 }) ?? {};
  refuseAliasBombs(raw, text, file);
  const source = { doc, lineCounter };
  return { raw, config: validate(raw, file, source, overflows), where: (path) => locate(source, path) };
}

/**
 * Validates plain configuration data. With the YAML document, problems carry their line.
 */
export function validateConfig(
  raw: unknown,
  file: string,
  source?: { doc: Document; lineCounter: LineCounter },
): Config {
  return validate(raw, file, source, false);
}

/** `validateConfig`; with `overflows`, zod is known to overflow on the whole and is run in slices. */
function validate(
  raw: unknown,
  file: string,
  source: { doc: Document; lineCounter: LineCounter } | undefined,
  overflows: boolean,
): Config {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([{ file, path: '', line: 1, message: 'expected a mapping of keys (timezone, windows, leaks, …)' }]);
  }
  const result = overflows ? undefined : safeParse(raw);
  if (result?.success) return result.data;
  // Past about 100,000 problems zod overflows its stack: it is then run a slice at a time.
  const issues = result ? result.error.issues : issuesInSlices(configSchema, raw);
  // Only the problems shown are placed in the file (placing each costs a walk of the document).
  throw new ConfigError(issues.flatMap((issue, i) => problemsOf(issue, file, i < SHOWN_PROBLEMS ? source : undefined)));
}

function problemsOf(
  issue: z.core.$ZodIssue,
  file: string,
  source: { doc: Document; lineCounter: LineCounter } | undefined,
): ConfigProblem[] {
  const path = issue.path as (string | number)[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      path: formatPath([...path, key]),
      ...locate(source, path, key),
      message: `unknown key "${key}" (misspelt? unknown keys are refused)`,
    }));
  }
  const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
  return [
    {
      file,
      path: formatPath(path),
      ...locate(source, path),
      message: missing ? `missing; ${issue.message}` : issue.message,
    },
  ];
}

/** Line and column of the node at `path` (or of `key` inside it), else of its nearest ancestor. */
function locate(
  source: { doc: Document; lineCounter: LineCounter } | undefined,
  path: readonly (string | number)[],
  key?: string,
): { line?: number; column?: number } {
  if (!source) return {};
  for (let depth = path.length; depth >= 0; depth--) {
    const node = source.doc.getIn(path.slice(0, depth), true);
    if (!isNode(node)) continue;
    let offset = node.range?.[0];
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
      if (pair && isNode(pair.key)) offset = pair.key.range?.[0];
    }
    if (offset === undefined) continue;
    const pos = source.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
  return {};
}
