/**
 * The index shared by matchers that compare one value exactly (a hash, a file name, an
 * infohash, a word): a hash map from the canonical value to the leak sets that list it.
 */
import { addLeak, type RuleEntry } from './matcher.ts';

export type ExactIndex = Map<string, string[]>;

export function buildExactIndex(entries: readonly RuleEntry[]): ExactIndex {
  const index: ExactIndex = new Map();
  for (const { leak, value } of entries) addLeak(index, value, leak);
  return index;
}

export function matchExact(index: ExactIndex, values: readonly string[], emit: (leak: string, rule: string) => void): void {
  if (index.size === 0) return;
  for (const value of values) {
    const leaks = index.get(value);
    if (leaks) for (const leak of leaks) emit(leak, value);
  }
}
