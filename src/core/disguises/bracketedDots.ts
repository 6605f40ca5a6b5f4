/**
 * `pastebin[.com`, `pastebin[.)com`, `pastebin}.{com`, `www[.[pastebin[.[com`, `pastebin^.com`,
 * `pastebin ( . ) com`: a dot with brackets, carets or backslashes on one side or both, matched or
 * not (the matched `[.]`, `(.)` and `{.}` are already repaired in the clean text).
 */
import type { Disguise } from './disguise.ts';

// Each alternative starts at the first decoration of a run (or at the dot), so a run is read once.
const DECORATED_DOT =
  /(?<![[\](){}<>^\\])[[\](){}<>^\\]+[ \t]*\.[ \t]*[[\](){}<>^\\]*|\.[ \t]*[[\](){}<>^\\]+/g;

export const bracketedDots: Disguise = {
  name: 'odd or half brackets around a dot',
  example: 'pastebin[.com/emleaks-2017',
  hint: /[[\](){}<>^\\][ \t]*\.|\.[ \t]*[[\](){}<>^\\]/,
  undo: (text) => text.replace(DECORATED_DOT, '.'),
};
