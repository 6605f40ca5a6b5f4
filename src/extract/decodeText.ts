/**
 * Bytes to text: UTF-8 (with or without BOM, UTF-16 with BOM), else windows-1252, the usual
 * charset of French e-mails and documents of the 2010s that are not UTF-8. (ISO-8859-1 is a
 * subset of windows-1252 for every printable character, so one fallback reads both.)
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/** Decodes `bytes` as text, guessing the charset. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return utf8.decode(body);
  } catch {
    return windows1252.decode(body);
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Number of words (maximal runs of letters and digits, as in `src/core/words.ts`) in `text`.
 * ASCII is tested by code; only other characters go through the Unicode class.
 */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let word: boolean;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    else if (c >= 0xd800 && c <= 0xdbff) {
      word = WORD_CHAR.test(text.slice(i, i + 2));
      i++;
    } else word = WORD_CHAR.test(text[i]!);
    if (word && !inWord) n++;
    inWord = word;
  }
  return n;
}
