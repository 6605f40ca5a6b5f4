/**
 * YAML aliases (`*name`) copy what their anchor (`&name`) holds. Parsers share one copy, but
 * everything after them (validation, indexes) walks each copy: a "billion laughs" file of a few
 * hundred bytes, or a list of 20,000 keywords aliased 20,000 times, would take hours and
 * gigabytes. The parsed data is walked once, each shared value counted once, and a file whose
 * aliases copy more than `ALIAS_BUDGET` values in all is refused before validation.
 */
import type { ConfigProblem } from './problems.ts';

/** Values that aliases may copy in all (a few reused lists or policies are far below it). */
export const ALIAS_BUDGET = 100_000;

/**
 * A problem when the aliases of `raw` copy too much or refer to themselves; undefined when the
 * data is fine. Linear in the number of distinct values (iterative: no deep recursion).
 */
export function aliasProblem(raw: unknown, text: string, file: string): ConfigProblem | undefined {
  const copied = copiedValues(raw);
  if (copied === undefined) return undefined;
  const line = firstAliasLine(text);
  const where = { file, path: '', ...(line === undefined ? {} : { line }) };
  if (copied === 'cycle') return { ...where, message: 'an alias refers to a value that contains it (a loop); aliases are refused here' };
  return {
    ...where,
    message:
      `aliases (*name) copy more than ${ALIAS_BUDGET.toLocaleString('en-GB')} values in all ` +
      '(an alias bomb?); write the lists out, or alias fewer or smaller values',
  };
}

interface Frame {
  node: object;
  children: unknown[];
  next: number;
  size: number;
}

/** How many values aliases copy beyond the budget (undefined if within it), or 'cycle'. */
function copiedValues(root: unknown): number | 'cycle' | undefined {
  if (root === null || typeof root !== 'object') return undefined;
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const stack: Frame[] = [];
  const enter = (node: object) => {
    open.add(node);
    stack.push({ node, children: Array.isArray(node) ? node : Object.values(node), next: 0, size: 1 });
  };
  let copied = 0;
  enter(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (child === null || typeof child !== 'object') {
        top.size++;
        continue;
      }
      const size = sizes.get(child);
      if (size !== undefined) {
        // A value met a second time is an alias's copy: parsers share objects only through aliases.
        top.size += size;
        copied += size;
        if (copied > ALIAS_BUDGET) return copied;
        continue;
      }
      if (open.has(child)) return 'cycle';
      enter(child);
      continue;
    }
    stack.pop();
    open.delete(top.node);
    sizes.set(top.node, top.size);
    const parent = stack[stack.length - 1];
    if (parent) parent.size += top.size;
  }
  return undefined;
}

const ALIAS = /(?:^|[\s,[{:-])\*[^\s,[\]{}]/m;

/** The line of the first alias in the text, to point at (a hint: it may be inside a string). */
function firstAliasLine(text: string): number | undefined {
  const m = ALIAS.exec(text);
  if (!m) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < m.index + 1; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
