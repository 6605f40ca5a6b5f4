/** `http%3A%2F%2Fpastebin%2Ecom%2Fx`: the dots, colons and slashes of a link percent-encoded. */
import type { Disguise } from './disguise.ts';

const ESCAPE = /%(2[eEfF]|3[aA]|5[cC])/g;

export const percentEncoding: Disguise = {
  name: 'percent-encoding',
  example: 'http%3A%2F%2Fpastebin%2Ecom%2Femleaks-2017',
  hint: /%(?:2[eEfF]|3[aA])/,
  undo: (text) => text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
};
