/**
 * `pastebin·com`, `pastebin•com`: characters that look like a dot but that neither NFKC nor browsers
 * read as one (the ideographic full stops `。` and `｡` are already dots in the clean text).
 */
import type { Disguise } from './disguise.ts';

const LOOKALIKE = /[\u00b7\u2022\u2027\u2219\u22c5\u30fb\u2e31\u2e33]/g;

export const dotLookalikes: Disguise = {
  name: 'dot lookalikes',
  example: 'pastebin·com/emleaks-2017',
  hint: /[\u00b7\u2022\u2027\u2219\u22c5\u30fb\u2e31\u2e33]/,
  undo: (text) => text.replace(LOOKALIKE, '.'),
};
