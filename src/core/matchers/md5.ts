/**
 * `md5[]`: the MD5 of a leaked file. Shared hash lists often carry MD5 only; compared with
 * attachments' MD5 (any case). MD5 is broken for collisions, so it only adds to SHA-256.
 */
import { z } from 'zod';
import { buildExactIndex, matchExact, type ExactIndex } from './exactSet.ts';
import type { MatcherDefinition } from './matcher.ts';

export const md5Entry = z
  .string({ error: 'expected an MD5 (32 hexadecimal digits)' })
  .regex(/^\s*[0-9a-fA-F]{32}\s*$/, { error: 'expected an MD5 (32 hexadecimal digits)' })
  .transform((hash) => hash.trim().toLowerCase());

export const md5Matcher: MatcherDefinition<ExactIndex> = {
  kind: 'fileHash',
  configKey: 'md5',
  material: true,
  entry: md5Entry,
  describe: (rule) => `file with MD5 ${rule.slice(0, 12)}…`,
  build: buildExactIndex,
  match: (index, features, emit) => matchExact(index, features.md5, emit),
};
