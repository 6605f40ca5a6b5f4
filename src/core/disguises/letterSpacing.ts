/**
 * `p a s t e b i n . c o m / x`: a link typed one character at a time with a space between each.
 * A single space between two one-character tokens is dropped. Runs before the families that read
 * spaces around dots and slashes, which would otherwise glue the characters into the wrong tokens.
 */
import type { Disguise } from './disguise.ts';

const SPACE_BETWEEN_SINGLES = /(?<=(?:^|\s)\S) (?=\S(?:\s|$))/g;

export const letterSpacing: Disguise = {
  name: 'letter spacing',
  example: 'p a s t e b i n . c o m / e m l e a k s - 2 0 1 7',
  hint: /(?:^|\s)\S \S \S \S(?:\s|$)/,
  undo: (text) => text.replace(SPACE_BETWEEN_SINGLES, ''),
};
