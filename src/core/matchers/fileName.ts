/**
 * `fileNames[]`: the name of a leaked file, compared (case- and accent-insensitively) with
 * attachments' names and with the file a link points to.
 */
import { z } from 'zod';
import { foldValue } from '../normalise.ts';
import { buildExactIndex, matchExact, type ExactIndex } from './exactSet.ts';
import type { MatcherDefinition } from './matcher.ts';

export const fileNameEntry = z
  .string({ error: 'expected a file name such as EMLEAKS.zip' })
  .transform((name) => foldValue(name.trim()))
  .refine((name) => name.length > 0, { error: 'expected a file name, got an empty text' });

export const fileNameMatcher: MatcherDefinition<ExactIndex> = {
  kind: 'fileName',
  configKey: 'fileNames',
  material: true,
  entry: fileNameEntry,
  describe: (rule) => `file named ${rule}`,
  build: buildExactIndex,
  match: (index, features, emit) => matchExact(index, features.fileNames, emit),
};
