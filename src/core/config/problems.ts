/**
 * A configuration that cannot be used, described for people: the file, the key path, the line
 * and what was expected, one problem per line.
 */
export interface ConfigProblem {
  file: string;
  /** Key path such as `windows[0].end`, or empty for the whole file. */
  path: string;
  /** 1-based line and column, when the problem can be placed in the file. */
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  return `${where}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

/** Problems listed in a `ConfigError`'s message; the rest are counted. */
export const SHOWN_PROBLEMS = 20;

export class ConfigError extends Error {
  /** Every problem (the message lists the first `SHOWN_PROBLEMS`). */
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  ${formatProblem(p)}`);
    const rest = problems.length - shown.length;
    if (rest > 0) shown.push(`  … and ${rest.toLocaleString('en-GB')} more problem${rest === 1 ? '' : 's'}`);
    super(`invalid configuration:\n${shown.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** `windows[0].end` from `['windows', 0, 'end']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
