/**
 * Collects the fingerprints of the files found in a dump into a bank: hashes and names of every
 * file, winnowed shingles of documents, PDQ hashes of images. The text of a document is turned
 * into fingerprints at once and not kept.
 */
import { foldValue } from '../core/normalise.ts';
import { documentShingles } from '../core/matchers/excerpt.ts';
import { winnow } from '../core/matchers/winnow.ts';
import type { Bank } from './bank.ts';

/** What the builder needs of a found file (`FoundFile` of `src/extract`). */
export interface FingerprintInput {
  path: string;
  name: string;
  sha256?: string;
  md5?: string;
  text?: string;
  pdq?: { hash: string; quality: number };
}

/** The kinds of a shared hash list, and the bank list each goes to. */
export type ListKind = 'sha256' | 'md5' | 'filename' | 'url' | 'domain' | 'infohash' | 'pdq';

/** The bank list each kind of a shared list goes to (`pdq` goes to the images). */
const LIST_KEYS = {
  sha256: 'sha256',
  md5: 'md5',
  filename: 'fileNames',
  url: 'urls',
  domain: 'domains',
  infohash: 'infohashes',
} as const satisfies Record<Exclude<ListKind, 'pdq'>, string>;

/** Sampled fingerprint of a document's text: see `src/core/matchers/winnow.ts`. */
export function documentFingerprint(text: string): Uint32Array {
  return winnow(documentShingles(text));
}

export class BankBuilder {
  readonly #bank: Bank;
  readonly #seen = new Map<string, Set<string>>();
  readonly #documents = new Map<string, number>();
  readonly #images = new Map<string, number>();

  /** Starts from `bank` (empty, or an existing bank to append to). */
  constructor(bank: Bank) {
    this.#bank = bank;
    for (const key of ['sha256', 'md5', 'fileNames', 'urls', 'domains', 'infohashes'] as const) {
      this.#seen.set(key, new Set(bank[key]));
    }
    for (const [i, d] of bank.documents.entries()) this.#documents.set(d.id, i);
    for (const [i, d] of bank.images.entries()) this.#images.set(d.id, i);
  }

  /** Adds one file found in the dump. */
  addFile(file: FingerprintInput): void {
    this.#bank.info.files++;
    if (file.sha256) this.#add('sha256', file.sha256.toLowerCase());
    if (file.md5) this.#add('md5', file.md5.toLowerCase());
    const name = foldValue(file.name.trim());
    if (name !== '') this.#add('fileNames', name);
    if (file.text) {
      const shingles = documentFingerprint(file.text);
      if (shingles.length > 0) this.#put(this.#documents, this.#bank.documents, { id: file.path, shingles });
    }
    if (file.pdq) this.#put(this.#images, this.#bank.images, { id: file.path, ...file.pdq });
  }

  /** Adds one value of a shared list, already checked and made canonical. */
  addListed(kind: ListKind, value: string, quality?: number): void {
    if (kind === 'pdq') this.#put(this.#images, this.#bank.images, { id: value, hash: value, quality: quality ?? 100 });
    else this.#add(LIST_KEYS[kind], value);
  }

  /** The bank with everything added, stamped `now`. */
  finish(now: Date = new Date()): Bank {
    this.#bank.info.updated = now.toISOString();
    return this.#bank;
  }

  #add(key: 'sha256' | 'md5' | 'fileNames' | 'urls' | 'domains' | 'infohashes', value: string): void {
    const seen = this.#seen.get(key)!;
    if (seen.has(value)) return;
    seen.add(value);
    this.#bank[key].push(value);
  }

  /** Adds or (same id: a file fingerprinted again) replaces an entry. */
  #put<T extends { id: string }>(ids: Map<string, number>, list: T[], entry: T): void {
    const at = ids.get(entry.id);
    if (at !== undefined) list[at] = entry;
    else {
      ids.set(entry.id, list.length);
      list.push(entry);
    }
  }
}
