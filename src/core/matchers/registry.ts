/** Every matcher, in one list: the engine builds an index for each and runs them in this order. */
import type { MatcherDefinition } from './matcher.ts';
import { urlMatcher } from './url.ts';
import { domainMatcher } from './domain.ts';
import { fileHashMatcher } from './fileHash.ts';
import { md5Matcher } from './md5.ts';
import { fileNameMatcher } from './fileName.ts';
import { magnetMatcher } from './magnet.ts';
import { excerptMatcher } from './excerpt.ts';
import { pdqMatcher } from './pdq.ts';
import { keywordMatcher } from './keyword.ts';
import { hashtagMatcher } from './hashtag.ts';

// biome-ignore lint/suspicious/noExplicitAny: one list of matchers whose indexes have different types; each matcher's own file is typed
export const MATCHERS: readonly MatcherDefinition<any>[] = [
  urlMatcher,
  domainMatcher,
  fileHashMatcher,
  md5Matcher,
  fileNameMatcher,
  magnetMatcher,
  excerptMatcher,
  pdqMatcher,
  keywordMatcher,
  hashtagMatcher,
];
