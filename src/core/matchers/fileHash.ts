/** `sha256[]`: the SHA-256 of a leaked file, compared with attachments' hashes (any case). */
import { z } from 'zod';
import { buildExactIndex, matchExact, type ExactIndex } from './exactSet.ts';
import type { MatcherDefinition } from './matcher.ts';

export const fileHashEntry = z
  .string({ error: 'expected a SHA-256 (64 hexadecimal digits)' })
  .regex(/^\s*[0-9a-fA-F]{64}\s*$/, { error: 'expected a SHA-256 (64 hexadecimal digits)' })
  .transform((hash) => hash.trim().toLowerCase());

export const fileHashMatcher: MatcherDefinition<ExactIndex> = {
  kind: 'fileHash',
  configKey: 'sha256',
  material: true,
  entry: fileHashEntry,
  describe: (rule) => `file with SHA-256 ${rule.slice(0, 12)}…`,
  build: buildExactIndex,
  match: (index, features, emit) => matchExact(index, features.sha256, emit),
};
