/**
 * What was read from a document or an image, by SHA-256, for the files a dump holds many times
 * (the attachment forwarded in a hundred e-mails): the second copy is hashed, not parsed again.
 * Bounded by entries and by characters of text; least recently used first out. One per thread.
 */
import type { FileType } from './types.ts';

export interface CachedResult {
  type: FileType;
  text?: string;
  pdq?: { hash: string; quality: number };
  error?: string;
}

const MAX_ENTRIES = 4096;
const MAX_TEXT_CHARS = 32 * 1024 * 1024;

const cache = new Map<string, CachedResult>();
let textChars = 0;

export function cachedResult(sha256: string): CachedResult | undefined {
  const hit = cache.get(sha256);
  if (hit) {
    cache.delete(sha256);
    cache.set(sha256, hit);
  }
  return hit;
}

export function rememberResult(sha256: string, result: CachedResult): void {
  const size = result.text?.length ?? 0;
  if (size > MAX_TEXT_CHARS / 8 || cache.has(sha256)) return;
  cache.set(sha256, result);
  textChars += size;
  while (cache.size > MAX_ENTRIES || textChars > MAX_TEXT_CHARS) {
    const [oldest, value] = cache.entries().next().value as [string, CachedResult];
    cache.delete(oldest);
    textChars -= value.text?.length ?? 0;
  }
}

/** Forgets every result (a thread inspecting chat attachments keeps nothing from one to the next). */
export function forgetResults(): void {
  cache.clear();
  textChars = 0;
}
