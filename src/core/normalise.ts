/**
 * Text normalisation shared by every matcher. Two views of a message are made once:
 * - the *clean* text (compatibility forms folded by NFKC, zero-width characters removed, defanged
 *   links repaired), where links are looked for, since URL paths are case-sensitive;
 * - the *folded* text (clean, lower-case, accents removed), where words are looked for.
 * Every function here is linear in the length of its input.
 */

const NON_ASCII = /[^\x00-\x7f]/;

/** Characters that render as nothing and are used to break up words and links. */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

/** Dots that browsers accept in host names but NFKC leaves alone. */
const IDEOGRAPHIC_DOTS = /[\u3002\uff61]/g;

/**
 * `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)` for a dot; `[:]` for a colon; `hxxp` for http; `[at]` for
 * the `@` of an e-mail address (with the spaces around it), which then never reads as a link.
 * (Other disguises are undone only where they hide a leak host: see `disguises/`.)
 */
const DEFANGED = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\[:\]|\[:\/\/\]|h[xX]{2}p|(?<!\s)\s*[[({]at[\])}]\s*/gi;
const DEFANG_HINT = /[[({]|xx/i;

function repair(match: string): string {
  const lower = match.toLowerCase();
  if (lower.indexOf('at') >= 0) return '@';
  if (lower.charAt(0) === 'h') return 'http';
  if (lower === '[:]') return ':';
  if (lower === '[://]') return '://';
  return '.';
}

/** True when the text has only ASCII characters (most chat messages), the fast path. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** The clean view: NFKC, invisible characters removed, defanged links repaired. */
export function cleanText(text: string): string {
  return repairDefanged(compatibleText(text));
}

/** The first half of `cleanText`: compatibility forms folded (NFKC), invisible characters removed. */
export function compatibleText(text: string): string {
  if (isAscii(text)) return text;
  return text.replace(INVISIBLE, '').normalize('NFKC').replace(IDEOGRAPHIC_DOTS, '.');
}

/**
 * The second half of `cleanText`: defanged links repaired. (A caller that has already found none
 * of `[({` or `xx` in the text may skip it: it would change nothing.)
 */
export function repairDefanged(text: string): string {
  return DEFANG_HINT.test(text) ? text.replace(DEFANGED, repair) : text;
}

const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const LIGATURES = /[œæß]/g;
const LIGATURE_MAP: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/** Accented Latin letters (Latin-1 and Extended-A) and their bare forms, computed once. */
const LATIN_FOLD = new Map<string, string>();
for (let c = 0xc0; c <= 0x17f; c++) {
  const ch = String.fromCharCode(c).toLowerCase();
  const bare = (LIGATURE_MAP[ch] ?? ch.normalize('NFD').replace(MARKS, ''));
  if (ch.length === 1 && !isAscii(ch) && bare !== ch && isAscii(bare)) LATIN_FOLD.set(ch, bare);
}
const LATIN_ACCENTED = new RegExp(`[${[...LATIN_FOLD.keys()].join('')}]`, 'g');

/**
 * The folded view of clean text: lower-case, accents and ligatures undone. `ascii` says the text
 * is known to be ASCII (a caller that has checked spares a scan).
 */
export function foldText(clean: string, ascii = false): string {
  const lower = clean.toLowerCase();
  if (ascii || isAscii(lower)) return lower;
  // French and most Western text is done with a table lookup; other scripts go through NFD.
  const latin = lower.replace(LATIN_ACCENTED, (c) => LATIN_FOLD.get(c)!);
  if (isAscii(latin)) return latin;
  return latin.normalize('NFD').replace(MARKS, '').replace(LIGATURES, (c) => LIGATURE_MAP[c]!);
}

/** Clean then fold: for configuration values (keywords, names) compared with folded words. */
export function foldValue(value: string): string {
  return foldText(cleanText(value));
}
