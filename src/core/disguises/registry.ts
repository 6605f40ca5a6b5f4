/**
 * Every disguise family, in the order they are undone: escapes and encodings first (they hide the
 * other families' characters), letter spacing before the families that read spaces.
 */
import type { Disguise } from './disguise.ts';
import { markdownEscape } from './markdownEscape.ts';
import { percentEncoding } from './percentEncoding.ts';
import { dotLookalikes } from './dotLookalikes.ts';
import { letterSpacing } from './letterSpacing.ts';
import { bracketedDots } from './bracketedDots.ts';
import { dotWords } from './dotWords.ts';
import { slashStandIns } from './slashStandIns.ts';
import { commaDots } from './commaDots.ts';
import { spacedPunctuation } from './spacedPunctuation.ts';

export const DISGUISES: readonly Disguise[] = [
  markdownEscape,
  percentEncoding,
  dotLookalikes,
  letterSpacing,
  bracketedDots,
  dotWords,
  slashStandIns,
  commaDots,
  spacedPunctuation,
];
