/**
 * Links in disguise: the families of `registry.ts` are undone in a copy of the clean text, links
 * are looked for in it, and only those whose host is a leak host are kept. Prose with "dot",
 * commas or brackets may turn into candidate links such as `apples.oranges`; none is a leak host,
 * so none is kept. Every step is linear in the text and nothing is built from configuration.
 */
import { findLinks, type HostLookup, type Link } from '../links.ts';
import { DISGUISES } from './registry.ts';

// What `mayHideLink` looks for. A comma followed by a space or a digit, and `<` or `>` away from a
// dot, are prose and Slack markup: alone they do not make a message suspicious. Two small patterns
// scan faster than one with every alternative.
const SUSPICIOUS_CHARACTERS = /[[\](){}\\%^\u00b7\u2022\u2027\u2219\u22c5\u30fb\u2e31\u2e33]|,(?=[^\s\d])|DOT|[xX]{2}/;
const SUSPICIOUS_SPACING = /[./](?:(?<=\s[./])|(?<=\/)\s| *>)|< *\./;

/**
 * A quick test run on every message: whether it has any character a disguise is made of, or the
 * `xx` of `hxxp`. Most messages have none and cost this one scan (and no defanging either, see
 * `features.ts`). Words are tested separately: see `wordsMayHideLink`.
 */
export function mayHideLink(text: string): boolean {
  return SUSPICIOUS_CHARACTERS.test(text) || SUSPICIOUS_SPACING.test(text);
}

/** Words for a dot or a slash (their initials are tested first, below). */
const STAND_INS = new Set(['dot', 'punkt', 'point', 'punto', 'slash']);

/** Whether the folded words have a word for a dot or a slash, or four one-letter words in a row. */
export function wordsMayHideLink(words: readonly string[]): boolean {
  let singles = 0;
  for (const w of words) {
    const n = w.length;
    if (n === 1) {
      if (++singles >= 4) return true;
      continue;
    }
    singles = 0;
    // The first letter is compared first: most words of three or five letters are not these.
    if (n === 3 || n === 5) {
      const c = w.charCodeAt(0);
      if ((c === 100 /* d */ || c === 112 /* p */ || c === 115) /* s */ && STAND_INS.has(w)) return true;
    }
  }
  return false;
}

/**
 * Links to leak hosts that the clean text hides behind a disguise, other than those in `found`.
 * `suspicious` is `mayHideLink` of the text; `words` are its folded words (for the quick test).
 */
export function disguisedLinks(
  clean: string,
  suspicious: boolean,
  words: readonly string[],
  knows: HostLookup,
  found: readonly Link[],
): Link[] {
  if (!suspicious && !wordsMayHideLink(words)) return [];
  let text = clean;
  for (const disguise of DISGUISES) if (disguise.hint.test(text)) text = disguise.undo(text);
  if (text === clean) return [];
  const out: Link[] = [];
  for (const link of findLinks(text, knows, true).links) {
    if (!found.some((f) => sameLink(f, link)) && !out.some((f) => sameLink(f, link))) out.push(link);
  }
  return out;
}

function sameLink(a: Link, b: Link): boolean {
  return a.host === b.host && a.segments.length === b.segments.length && a.segments.every((s, i) => s === b.segments[i]);
}
