/** A bank's fingerprints as rules of a leak set, added to the configuration's own (engine's `extra`). */
import type { ExtraRules, RuleEntry } from '../core/index.ts';
import type { Bank } from './bank.ts';

/** Appends the rules of `bank`, for leak set `leak`, to `into` (lists are created as needed). */
export function addBankRules(into: Record<string, RuleEntry[]>, bank: Bank, leak: string): void {
  const push = (key: keyof ExtraRules, entry: RuleEntry) => {
    into[key] ??= [];
    into[key].push(entry);
  };
  for (const value of bank.sha256) push('sha256', { leak, value });
  for (const value of bank.md5) push('md5', { leak, value });
  for (const value of bank.fileNames) push('fileNames', { leak, value });
  for (const value of bank.urls) push('urls', { leak, value });
  for (const value of bank.domains) push('domains', { leak, value });
  for (const value of bank.infohashes) push('infohashes', { leak, value });
  for (const d of bank.documents) push('documents', { leak, value: d.id, shingles: d.shingles, sampled: true });
  for (const i of bank.images) push('pdq', { leak, value: i.id, hash: i.hash, quality: i.quality });
}
