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

/**
 * A blocked Bloom filter in front of a table's slots: one 32-bit word per bucket of hash values
 * (by their top bits), in which each held shingle sets four bits (`presenceBits`). A fraction of
 * the slots' size, so it stays in the processor's cache where the slots do not; one word read
 * rules out nearly every absent shingle, so few lookups ever touch the slots. Tables that are
 * looked up with the same hashes share one filter (`excerpt.ts`: the configuration's documents
 * and the banks'), so each hash costs one read of it, not one per table.
 */
export interface PresenceFilter {
  words: Uint32Array;
  /** A hash's word is `hash >>> shift`. */
  shift: number;
}

export interface ShingleTable {
  /** Its own filter, or one it shares with other tables (holding their hashes too). */
  presence: PresenceFilter;
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

/** Bits of a table's slot index: at least 4, and a load factor of at most two thirds. */
function slotBits(expected: number): number {
  let bits = 4;
  while (2 ** bits < expected * 1.5) bits++;
  return bits;
}

/**
 * A presence filter sized for `expected` shingles: one word per 4 slots of a table that size (8
 * bits a slot, about 1 absent shingle in 100 let through), at least 2^12 words (16 kB). From 2^23
 * slots on (a bank of millions of shingles, 64 MB of slots), one word per 8 slots: the filter's 8
 * MB would then compete for the cache with everything else a message touches; at half the size it
 * lets through about 1 absent shingle in 20, and looked up alone it costs less, slots included
 * (BENCHMARKS.md, leak bank section).
 */
export function createPresenceFilter(expected: number): PresenceFilter {
  const bits = slotBits(expected);
  const words = Math.max(12, Math.min(30, bits - (bits >= 23 ? 3 : 2)));
  return { words: new Uint32Array(2 ** words), shift: 32 - words };
}

/** A table sized for `expected` shingles, with its own presence filter or the one given. */
export function createShingleTable(expected: number, presence = createPresenceFilter(expected)): ShingleTable {
  const bits = slotBits(expected);
  return { presence, mask: 2 ** bits - 1, shift: 32 - bits, slots: new Uint32Array(2 ** bits * 2), size: 0 };
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
  return (table.presence.words[hash >>> table.presence.shift]! & want) === want;
}

/** Adds a shingle of document `doc` (< `MAX_DOCUMENTS`); documents must be added one after another. */
export function addShingle(table: ShingleTable, hash: number, doc: number): void {
  const { slots } = table;
  let slot = hash >>> table.shift;
  for (;;) {
    const key = slots[2 * slot]!;
    if (key === 0) {
      table.presence.words[hash >>> table.presence.shift]! |= presenceBits(hash);
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
 * Writes to `candidates` the indexes of the first `count` hashes that `filter` may hold, in order,
 * and returns how many (`scratch` is overwritten; both need `count` places). Every filter word is
 * read first in one tight loop: reads that do not depend on one another, so the processor waits
 * for many cache misses at the same time instead of one after another.
 */
export function filterCandidates(filter: PresenceFilter, hashes: Uint32Array, count: number, candidates: Int32Array, scratch: Int32Array): number {
  const { words, shift } = filter;
  // Only the reads in this loop: as many as possible in flight at once.
  for (let i = 0; i < count; i++) scratch[i] = words[hashes[i]! >>> shift]!;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const want = presenceBits(hashes[i]!);
    // Branch-free: the index is written, and kept only when the word holds every bit.
    candidates[n] = i;
    n += (scratch[i]! & want) === want ? 1 : 0;
  }
  return n;
}

/**
 * Of the `count` indexes in `candidates`, those whose hash `table` holds: their indexes to
 * `positions` and their slots to `slots`, in order; returns how many. `positions` may be
 * `candidates` itself (an index is written no later than it is read).
 */
export function findCandidates(
  table: ShingleTable,
  hashes: Uint32Array,
  candidates: Int32Array,
  count: number,
  positions: Int32Array,
  slots: Int32Array,
): number {
  let n = 0;
  for (let c = 0; c < count; c++) {
    const i = candidates[c]!;
    const slot = findSlot(table, hashes[i]!);
    if (slot < 0) continue;
    positions[n] = i;
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
export function buildShingleTable(perDocument: readonly Uint32Array[], docs: readonly number[], presence?: PresenceFilter): ShingleTable {
  const total = shingleCount(perDocument);
  const table = createShingleTable(total, presence);
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

/** How many shingles `perDocument` holds in all (repeats counted). */
export function shingleCount(perDocument: readonly Uint32Array[]): number {
  let total = 0;
  for (const shingles of perDocument) total += shingles.length;
  return total;
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
