/**
 * Fingerprints of known documents: 32-bit hashes of every run of `SHINGLE_WORDS` consecutive
 * words, kept in an open-addressing hash table on typed arrays (a few bytes a shingle, so a
 * thousand documents fit in tens of megabytes and lookups cost the same whatever their number).
 * Only these hashes are kept; the documents' text is not.
 */

/** Words per shingle. */
export const SHINGLE_WORDS = 4;

/** FNV-1a of a word, 32 bits. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of the shingle starting at `i` in `wordHashes`; never 0 (0 marks an empty slot). */
export function shingleHash(wordHashes: ArrayLike<number>, i: number): number {
  let h = 0x9747b28c;
  for (let k = 0; k < SHINGLE_WORDS; k++) {
    h ^= wordHashes[i + k]!;
    h = Math.imul(h, 0x01000193);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return h === 0 ? 1 : h;
}

export interface ShingleTable {
  /**
   * One bit per 4,096-wide bucket of hash values, set when a shingle of the bucket is held: a
   * small array (128 kB) that stays in cache and rules out most absent shingles before the big
   * key array is touched.
   */
  presence: Uint32Array;
  mask: number;
  keys: Uint32Array;
  /** Index of the (last) document holding the shingle. */
  docs: Int32Array;
  /** How many documents hold the shingle (saturates at 65535). */
  docCounts: Uint16Array;
  size: number;
}

/** A table sized for `expected` shingles (load factor at most one half). */
export function createShingleTable(expected: number): ShingleTable {
  let capacity = 16;
  while (capacity < expected * 2) capacity *= 2;
  return {
    presence: new Uint32Array(32_768),
    mask: capacity - 1,
    keys: new Uint32Array(capacity),
    docs: new Int32Array(capacity),
    docCounts: new Uint16Array(capacity),
    size: 0,
  };
}

/** Adds a shingle of document `doc`; documents must be added one after another. */
export function addShingle(table: ShingleTable, hash: number, doc: number): void {
  let slot = hash & table.mask;
  for (;;) {
    const key = table.keys[slot]!;
    if (key === 0) {
      table.presence[hash >>> 17]! |= 1 << ((hash >>> 12) & 31);
      table.keys[slot] = hash;
      table.docs[slot] = doc;
      table.docCounts[slot] = 1;
      table.size++;
      return;
    }
    if (key === hash) {
      if (table.docs[slot] !== doc) {
        table.docs[slot] = doc;
        if (table.docCounts[slot]! < 65535) table.docCounts[slot]!++;
      }
      return;
    }
    slot = (slot + 1) & table.mask;
  }
}

/** The slot holding `hash`, or -1. */
export function findShingle(table: ShingleTable, hash: number): number {
  if (((table.presence[hash >>> 17]! >>> ((hash >>> 12) & 31)) & 1) === 0) return -1;
  let slot = hash & table.mask;
  for (;;) {
    const key = table.keys[slot]!;
    if (key === hash) return slot;
    if (key === 0) return -1;
    slot = (slot + 1) & table.mask;
  }
}

/**
 * Every shingle hash of a text, in order: the text is folded and cut into words exactly as a
 * message is, so a pasted passage gives the same hashes as the document it comes from.
 */
export function textShingles(folded: readonly string[]): Uint32Array {
  const hashes = Uint32Array.from(folded, hashWord);
  const shingles = new Uint32Array(Math.max(0, hashes.length - SHINGLE_WORDS + 1));
  for (let i = 0; i < shingles.length; i++) shingles[i] = shingleHash(hashes, i);
  return shingles;
}
