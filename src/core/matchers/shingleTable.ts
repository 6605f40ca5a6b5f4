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
   * One bit per bucket of hash values (by their top bits), set when a shingle of the bucket is
   * held: four bits per slot, an eighth of the slots' size, so it stays in the processor's cache
   * where the slots do not, and rules out most absent shingles before the slots are touched.
   */
  presence: Uint32Array;
  /** A hash's presence bit is `hash >>> presenceShift`. */
  presenceShift: number;
  mask: number;
  /** A hash's first slot is its top bits: `hash >>> shift` (so hashes added in order fill the table in order). */
  shift: number;
  /**
   * Two words per slot, side by side so a lookup touches one cache line: the shingle hash (0:
   * empty), then the index of the (last) document holding it times 256 plus how many documents
   * hold it (saturating at 255).
   */
  slots: Uint32Array;
  size: number;
}

/** Documents a table can tell apart (24 bits of the slot's second word). */
export const MAX_DOCUMENTS = 1 << 24;

/** A table sized for `expected` shingles (load factor at most two thirds). */
export function createShingleTable(expected: number): ShingleTable {
  let capacity = 16;
  let bits = 4;
  while (capacity < expected * 1.5) {
    capacity *= 2;
    bits++;
  }
  // Four presence bits per slot, at least 2^20 (128 kB): a table of 8M slots has a 4 MB filter.
  const presenceBits = Math.max(20, Math.min(32, bits + 2));
  return {
    presence: new Uint32Array(2 ** (presenceBits - 5)),
    presenceShift: 32 - presenceBits,
    mask: capacity - 1,
    shift: 32 - bits,
    slots: new Uint32Array(capacity * 2),
    size: 0,
  };
}

/** Adds a shingle of document `doc` (< `MAX_DOCUMENTS`); documents must be added one after another. */
export function addShingle(table: ShingleTable, hash: number, doc: number): void {
  const { slots } = table;
  let slot = hash >>> table.shift;
  for (;;) {
    const key = slots[2 * slot]!;
    if (key === 0) {
      const bit = hash >>> table.presenceShift;
      table.presence[bit >>> 5]! |= 1 << (bit & 31);
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = doc * 256 + 1;
      table.size++;
      return;
    }
    if (key === hash) {
      const held = slots[2 * slot + 1]!;
      if (held >>> 8 !== doc) slots[2 * slot + 1] = doc * 256 + Math.min(255, (held & 255) + 1);
      return;
    }
    slot = (slot + 1) & table.mask;
  }
}

/** The slot holding `hash`, or -1. */
export function findShingle(table: ShingleTable, hash: number): number {
  const bit = hash >>> table.presenceShift;
  if (((table.presence[bit >>> 5]! >>> (bit & 31)) & 1) === 0) return -1;
  const { slots } = table;
  let slot = hash >>> table.shift;
  for (;;) {
    const key = slots[2 * slot]!;
    if (key === hash) return slot;
    if (key === 0) return -1;
    slot = (slot + 1) & table.mask;
  }
}

/** Top bits of the hash that sort shingles into groups before they are added (see `buildShingleTable`). */
const GROUP_BITS = 12;

/**
 * A table of the shingles of several documents (`perDocument[i]` of document `docs[i]`). The
 * shingles are first sorted into 4,096 groups by their top bits (two passes over typed arrays),
 * then added group by group: each group fills its own stretch of the table, which stays in the
 * processor's cache, instead of every addition landing somewhere in a table of tens of megabytes.
 */
export function buildShingleTable(perDocument: readonly Uint32Array[], docs: readonly number[]): ShingleTable {
  let total = 0;
  for (const shingles of perDocument) total += shingles.length;
  const table = createShingleTable(total);
  const groups = 1 << GROUP_BITS;
  const starts = new Uint32Array(groups + 1);
  for (const shingles of perDocument) for (let i = 0; i < shingles.length; i++) starts[(shingles[i]! >>> (32 - GROUP_BITS)) + 1]!++;
  for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
  const hashes = new Uint32Array(total);
  const owners = new Uint32Array(total);
  const next = starts.slice(0, groups);
  for (let d = 0; d < perDocument.length; d++) {
    const shingles = perDocument[d]!;
    const doc = docs[d]!;
    for (let i = 0; i < shingles.length; i++) {
      const h = shingles[i]!;
      const at = next[h >>> (32 - GROUP_BITS)]!++;
      hashes[at] = h;
      owners[at] = doc;
    }
  }
  // Within a group, shingles keep the order of their documents, as `addShingle` expects.
  for (let i = 0; i < total; i++) addShingle(table, hashes[i]!, owners[i]!);
  return table;
}

/** The (last added) document holding the shingle in `slot`. */
export function slotDocument(table: ShingleTable, slot: number): number {
  return table.slots[2 * slot + 1]! >>> 8;
}

/** How many documents hold the shingle in `slot` (at most 255). */
export function slotDocumentCount(table: ShingleTable, slot: number): number {
  return table.slots[2 * slot + 1]! & 255;
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
