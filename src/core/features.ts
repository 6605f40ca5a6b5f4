/**
 * Everything the matchers look at in one message, computed once: links, infohashes, words,
 * hashtags and attachments. Building it is linear in the size of the message.
 */
import { compatibleText, foldText, foldValue, isAscii, repairDefanged } from './normalise.ts';
import { findLinks, fileNameOf, type HostLookup, type Link } from './links.ts';
import { disguisedLinks, mayHideLink } from './disguises/undisguise.ts';
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
  /** Lower-case hex MD5 of attachments, when computed. */
  md5: string[];
  /** PDQ hashes (64 hex digits) and qualities of image attachments, when computed. */
  pdq: { hash: string; quality: number }[];
}

/**
 * Extracts the features of a message. With `knownHosts` (the leak sets' hosts, see
 * `disguises/knownHosts.ts`), links in disguise are found too, where their host is a leak host.
 */
export function messageFeatures(message: Pick<MessageInput, 'text' | 'attachments'>, knownHosts?: HostLookup): MessageFeatures {
  const text = message.text ?? '';
  // Most messages are ASCII (repairs keep them so): checked once here rather than at each step.
  const ascii = isAscii(text);
  // `cleanText` in two halves: a text with no character a disguise is made of has no defanged link.
  const compatible = ascii ? text : compatibleText(text);
  const suspicious = mayHideLink(compatible);
  const clean = suspicious ? repairDefanged(compatible) : compatible;
  const { links, infohashes } = findLinks(clean, knownHosts);
  const { list: words, hashtagIndexes } = splitWords(foldText(clean, ascii), ascii);
  if (knownHosts) for (const link of disguisedLinks(clean, suspicious, words, knownHosts, links)) links.push(link);
  // A bare infohash (40 hex digits) is enough to fetch a torrent from the DHT.
  for (const w of words) if (w.length === 40 && HEX40.test(w)) infohashes.push(w);
  const fileNames: string[] = [];
  const sha256: string[] = [];
  const md5: string[] = [];
  const pdq: { hash: string; quality: number }[] = [];
  for (const link of links) {
    const name = fileNameOf(link);
    if (name !== undefined) fileNames.push(foldValue(name));
  }
  for (const a of message.attachments ?? []) {
    if (a.name) fileNames.push(foldValue(a.name));
    if (a.sha256) sha256.push(a.sha256.toLowerCase());
    if (a.md5) md5.push(a.md5.toLowerCase());
    if (a.pdq) pdq.push(a.pdq);
  }
  return { links, infohashes, words, hashtagIndexes, fileNames, sha256, md5, pdq };
}
