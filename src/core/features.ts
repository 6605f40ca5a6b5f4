/**
 * Everything the matchers look at in one message, computed once: links, infohashes, words,
 * hashtags and attachments. Building it is linear in the size of the message.
 */
import { cleanText, foldText, foldValue } from './normalise.ts';
import { findLinks, fileNameOf, type Link } from './links.ts';
import { splitWords } from './words.ts';
import type { MessageInput } from './message.ts';

const HEX40 = /^[0-9a-f]{40}$/;

export interface MessageFeatures {
  links: Link[];
  /** Infohashes (lower-case hex) from magnets and bare hashes. */
  infohashes: string[];
  /** Folded words, in order. */
  words: string[];
  /** Indexes in `words` of hashtags. */
  hashtagIndexes: number[];
  /** Folded file names: attachments' and the last segment of links that look like files. */
  fileNames: string[];
  /** Lower-case hex SHA-256 of attachments. */
  sha256: string[];
}

/** Extracts the features of a message. */
export function messageFeatures(message: Pick<MessageInput, 'text' | 'attachments'>): MessageFeatures {
  const clean = cleanText(message.text ?? '');
  const { links, infohashes } = findLinks(clean);
  const { list: words, hashtagIndexes } = splitWords(foldText(clean));
  // A bare infohash (40 hex digits) is enough to fetch a torrent from the DHT.
  for (const w of words) if (w.length === 40 && HEX40.test(w)) infohashes.push(w);
  const fileNames: string[] = [];
  const sha256: string[] = [];
  for (const link of links) {
    const name = fileNameOf(link);
    if (name !== undefined) fileNames.push(foldValue(name));
  }
  for (const a of message.attachments ?? []) {
    if (a.name) fileNames.push(foldValue(a.name));
    if (a.sha256) sha256.push(a.sha256.toLowerCase());
  }
  return { links, infohashes, words, hashtagIndexes, fileNames, sha256 };
}
