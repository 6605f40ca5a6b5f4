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
   * A blocked Bloom filter in front of the slots: one 32-bit word per bucket of hash values (by
   * their top bits), in which each held shingle sets four bits (`presenceBits`). Eight bits per
   * slot, a sixteenth of the slots' size, so it stays in the processor's cache where the slots do
   * not; one word read rules out about 99 absent shingles in 100 at the table's fullest (a single
   * bit per shingle, as before, ruled out 7 in 8), so few lookups ever touch the slots.
   */
  presence: Uint32Array;
  /** A hash's presence word is `hash >>> presenceShift`. */
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
  // One presence word per 4 slots (8 bits per slot), at least 2^12 words (16 kB): a table of 8M
  // slots has a 8 MB filter, within the last-level cache where its 64 MB of slots are not.
  const presenceWords = Math.max(12, Math.min(30, bits - 2));
  return {
    presence: new Uint32Array(2 ** presenceWords),
    presenceShift: 32 - presenceWords,
    mask: capacity - 1,
    shift: 32 - bits,
    slots: new Uint32Array(capacity * 2),
    size: 0,
  };
}

/**
 * The presence bits of a hash within its word: four, from the top bits of the hash times an odd
 * constant (they depend on every bit of the hash, so not only on the bits that chose the word).
 */
function presenceBits(hash: number): number {
  const m = Math.imul(hash, 0x9e3779b1);
  return (1 << (m >>> 27)) | (1 << ((m >>> 22) & 31)) | (1 << ((m >>> 17) & 31)) | (1 << ((m >>> 12) & 31));
}

/** Whether `hash` may be held (false: certainly not). One word read. */
export function mayHold(table: ShingleTable, hash: number): boolean {
  const want = presenceBits(hash);
  return (table.presence[hash >>> table.presenceShift]! & want) === want;
}

/** Adds a shingle of document `doc` (< `MAX_DOCUMENTS`); documents must be added one after another. */
export function addShingle(table: ShingleTable, hash: number, doc: number): void {
  const { slots } = table;
  let slot = hash >>> table.shift;
  for (;;) {
    const key = slots[2 * slot]!;
    if (key === 0) {
      table.presence[hash >>> table.presenceShift]! |= presenceBits(hash);
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
  if (!mayHold(table, hash)) return -1;
  return findSlot(table, hash);
}

/** The slot holding `hash`, or -1, without the presence filter. */
function findSlot(table: ShingleTable, hash: number): number {
  const { slots } = table;
  let slot = hash >>> table.shift;
  for (;;) {
    const key = slots[2 * slot]!;
    if (key === hash) return slot;
    if (key === 0) return -1;
    slot = (slot + 1) & table.mask;
  }
}

/**
 * Looks up `count` hashes at once: writes to `positions` the indexes in `hashes` of those held, in
 * order, and to `slots` their slots, and returns how many were found (both arrays need `count`
 * places). First every presence word is read in one tight loop, then the slots of the few that
 * pass: reads that do not depend on one another, so the processor waits for many cache misses at
 * the same time instead of one after another (what a table far larger than the cache costs a
 * message).
 */
export function findShingles(table: ShingleTable, hashes: Uint32Array, count: number, positions: Int32Array, slots: Int32Array): number {
  const { presence, presenceShift } = table;
  // Only the reads in this loop: as many as possible in flight at once.
  for (let i = 0; i < count; i++) slots[i] = presence[hashes[i]! >>> presenceShift]!;
  let candidates = 0;
  for (let i = 0; i < count; i++) {
    const want = presenceBits(hashes[i]!);
    // Branch-free: the position is written, and kept only when the word holds every bit.
    positions[candidates] = i;
    candidates += (slots[i]! & want) === want ? 1 : 0;
  }
  let n = 0;
  for (let c = 0; c < candidates; c++) {
    const i = positions[c]!;
    const slot = findSlot(table, hashes[i]!);
    if (slot < 0) continue;
    positions[n] = i; // n <= c: the candidates still to look at are not overwritten
    slots[n] = slot;
    n++;
  }
  return n;
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
