/**
 * The rules that can make a message a share (links, domains, file hashes and names, infohashes,
 * documents and banks), as comparable strings, so that a configuration change that adds some
 * starts a sweep of recent history. Keywords and hashtags only make mentions: they never start one.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../core/index.ts';

const SHARE_LISTS = ['urls', 'domains', 'sha256', 'fileNames', 'infohashes', 'documents', 'banks'] as const;

/**
 * Every share rule of the configuration, as `leak/list/value`, and every bank in force by its
 * stamp (a replaced bank counts as new rules: its content is not compared entry by entry).
 */
export function shareRules(config: Config, banks: readonly { path: string; mtimeMs: number; size: number }[] = []): Set<string> {
  const rules = new Set<string>(banks.map((b) => `bank/${b.path}/${b.mtimeMs}/${b.size}`));
  for (const leak of config.leaks) {
    const lists = leak as unknown as Record<string, unknown>;
    for (const list of SHARE_LISTS) {
      const entries = lists[list];
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) rules.add(`${leak.id}/${list}/${typeof entry === 'string' ? entry : JSON.stringify(entry)}`);
    }
  }
  return rules;
}

/** Rules in `next` that were not in `previous`. */
export function addedRules(previous: ReadonlySet<string>, next: ReadonlySet<string>): string[] {
  return [...next].filter((r) => !previous.has(r)).sort();
}

/** A name for a sweep caused by these added rules, the same on every instance. */
export function rulesSweepId(added: readonly string[]): string {
  return `rules:${createHash('sha256').update(added.join('\n')).digest('hex').slice(0, 16)}`;
}
