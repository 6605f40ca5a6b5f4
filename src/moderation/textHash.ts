/**
 * The only trace of a message's text the store may keep: a keyed hash (HMAC-SHA256), which lets
 * a legal team prove that a given text was the one moderated without the store holding it.
 */
import { createHmac } from 'node:crypto';

/** HMAC-SHA256 of the text with `key`, hex; null when no key is configured. */
export function keyedTextHash(text: string, key: string | undefined): string | null {
  if (!key) return null;
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}
