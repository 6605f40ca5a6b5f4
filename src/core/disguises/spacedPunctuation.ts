/**
 * `http:// pastebin .com /x`, `pastebin . com / x`, `http ://`: spaces around the dots, slashes
 * and `://` of a link. A space only after a dot is left alone: that is every sentence's end.
 */
import type { Disguise } from './disguise.ts';

// Each pattern is anchored on the character before the spaces, so a run of spaces is read once.
const SCHEME = /(?<=\S)[ \t]*:[ \t]*\/[ \t]*\/[ \t]*/g;
const DOT = /(?<=[\p{L}\p{N}])[ \t]+\.[ \t]*(?=[\p{L}\p{N}])/gu;
const SLASH = /(?<=[\p{L}\p{N}.])[ \t]+\/[ \t]*(?=[^\s/])|(?<=[\p{L}\p{N}])\/[ \t]+(?=[^\s/])/gu;

export const spacedPunctuation: Disguise = {
  name: 'spaces around dots and slashes',
  example: 'http:// pastebin .com /emleaks-2017',
  hint: /\s[.:/]|[:/]\s/,
  undo: (text) => text.replace(SCHEME, '://').replace(DOT, '.').replace(SLASH, '/'),
};
