/**
 * The fingerprint of the rules in force when a report is made: SHA-256 of the configuration's
 * windows, leak sets, policy and attachment limits (file plus changes made by command), written
 * as canonical JSON (keys sorted) so that the same rules always give the same fingerprint. The
 * report's footer carries it, so a filed report says which rules produced its incidents' verdicts.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../core/index.ts';

/** Hex SHA-256 of the rules of `config`. */
export function configFingerprint(config: Pick<Config, 'timezone' | 'windows' | 'leaks' | 'policy' | 'attachments'>): string {
  const rules = { timezone: config.timezone, windows: config.windows, leaks: config.leaks, policy: config.policy, attachments: config.attachments };
  return createHash('sha256').update(canonicalJson(rules)).digest('hex');
}

/** JSON with object keys in sorted order at every depth. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
