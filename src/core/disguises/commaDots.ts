/** `pastebin,com/x`: a comma for a dot, between a label and a letter with no space around it. */
import type { Disguise } from './disguise.ts';

const COMMA = /(?<=[\p{L}\p{N}]),(?=\p{L})/gu;

export const commaDots: Disguise = {
  name: 'a comma for a dot',
  example: 'pastebin,com/emleaks-2017',
  hint: /[\p{L}\p{N}],\p{L}/u,
  undo: (text) => text.replace(COMMA, '.'),
};
