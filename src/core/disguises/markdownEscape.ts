/** `pastebin\.com`, `pastebin\(.)com`, `https:\/\/host\/x`: Markdown and JSON backslash escapes. */
import { unescapePunctuation } from '../links.ts';
import type { Disguise } from './disguise.ts';

export const markdownEscape: Disguise = {
  name: 'backslash escapes',
  example: 'pastebin\\.com/emleaks-2017',
  hint: /\\/,
  undo: unescapePunctuation,
};
