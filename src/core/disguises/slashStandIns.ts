/**
 * `pastebin.com[/]x`, `pastebin.com(/)x`, `pastebin dot com slash x`: a bracketed slash, or the word
 * "slash" between two words (`\/` is a backslash escape, see `markdownEscape.ts`).
 */
import type { Disguise } from './disguise.ts';

const STAND_IN = /[[({<]\s*(?:\/|slash)\s*[\])}>]|(?<=[\p{L}\p{N}])(?:\s+|[_-])slash(?:\s+|[_-])(?=[^\s/])/giu;

export const slashStandIns: Disguise = {
  name: 'disguised slashes',
  example: 'pastebin[.]com[/]emleaks-2017',
  hint: /[[({<]\s*\/|slash/i,
  undo: (text) => text.replace(STAND_IN, '/'),
};
