/**
 * OCR's usual misreadings inside words: the digits 0, 1 and 5 read for the letters o, l and s
 * (`c0mité`, `1a`, `dé5ormais`). Leaked texts seldom hold words mixing those digits with letters,
 * so a second reading of the OCR text with them turned back into letters recovers such words; the
 * excerpt matcher is run on both readings, so a wrong guess costs nothing. Other confusions
 * (`rn`/`m`, `l`/`I`) change real words too and are left to the matcher's tolerance of one word in
 * ten altered. Linear in the text.
 */

const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'l', '5': 's', '|': 'l' };

/** Runs of letters, digits and bars (no backtracking: linear). */
const TOKEN = /[\p{L}\d|]+/gu;
const LETTER = /\p{L}/u;
const CONFUSABLE = /[015|]/g;
const HAS_CONFUSABLE = /[015|]/;
const OTHER_DIGIT = /[2-46-9]/;

/**
 * The text with confusable digits inside words read as letters, or `undefined` when no word has
 * any (the second reading would be the same as the first).
 */
export function lettersReading(text: string): string | undefined {
  let changed = false;
  const out = text.replace(TOKEN, (word) => {
    // Numbers stay numbers; `18h`, `2017a`: other digits mean a real number, kept as read.
    if (!HAS_CONFUSABLE.test(word) || !LETTER.test(word) || OTHER_DIGIT.test(word)) return word;
    changed = true;
    return word.replace(CONFUSABLE, (c) => DIGIT_AS_LETTER[c]!);
  });
  return changed ? out : undefined;
}
