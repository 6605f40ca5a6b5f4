/**
 * `keywords[]`: words or short phrases (e.g. EMLEAKS) matched as whole words, ignoring case and
 * accents. A keyword names a leak; it is a mention, not the material.
 */
import { z } from 'zod';
import { foldValue } from '../normalise.ts';
import { wordsOf } from '../words.ts';
import type { MatcherDefinition } from './matcher.ts';
import { buildPhraseIndex, matchPhrases, MAX_PHRASE_WORDS, type PhraseIndex } from './phraseIndex.ts';

export const keywordEntry = z
  .string({ error: 'expected a keyword (one or more words)' })
  .transform((text, ctx) => {
    const words = wordsOf(foldValue(text));
    if (words.length === 0 || words.length > MAX_PHRASE_WORDS) {
      ctx.addIssue({ code: 'custom', message: `"${text}" must have between 1 and ${MAX_PHRASE_WORDS} words` });
      return z.NEVER;
    }
    return words.join(' ');
  });

export const keywordMatcher: MatcherDefinition<PhraseIndex> = {
  kind: 'keyword',
  configKey: 'keywords',
  material: false,
  entry: keywordEntry,
  describe: (rule) => `keyword "${rule}"`,
  build: buildPhraseIndex,
  match: (index, features, emit) => matchPhrases(index, features.words, emit),
};
