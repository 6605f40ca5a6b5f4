/**
 * `hashtags[]`: a hashtag such as #MacronLeaks, found written as a hashtag or as a plain word,
 * ignoring case and accents. Like a keyword, it is a mention, not the material.
 */
import { z } from 'zod';
import { foldValue } from '../normalise.ts';
import { wordsOf } from '../words.ts';
import type { MatcherDefinition } from './matcher.ts';
import { buildPhraseIndex, matchPhrases, type PhraseIndex } from './phraseIndex.ts';

export const hashtagEntry = z
  .string({ error: 'expected a hashtag such as MacronLeaks' })
  .transform((text, ctx) => {
    const words = wordsOf(foldValue(text.trim().replace(/^#/, '')));
    if (words.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a hashtag (expected one word of letters and digits)` });
      return z.NEVER;
    }
    return words[0]!;
  });

export const hashtagMatcher: MatcherDefinition<PhraseIndex> = {
  kind: 'hashtag',
  configKey: 'hashtags',
  material: false,
  entry: hashtagEntry,
  describe: (rule) => `hashtag #${rule}`,
  build: buildPhraseIndex,
  match: (index, features, emit) => matchPhrases(index, features.words, emit),
};
