/**
 * `pdq[]` and the images of banks: PDQ hashes (Meta's perceptual image hash, 256 bits) of leaked
 * photos, compared with the PDQ hashes of attachments. Two images match within a Hamming distance
 * of `PDQ_MAX_DISTANCE` bits, both hashes of quality at least `PDQ_MIN_QUALITY` (Meta's advice).
 * Pure: the core receives hashes, never images (hashing is `src/image/pdq.ts`, in workers).
 *
 * The index is multi-index hashing (Norouzi, Punjani and Fleet, CVPR 2012): each hash is cut into
 * 16 chunks of 16 bits, and each chunk position has a table from chunk value to hashes. Two
 * hashes within 31 bits differ by at most one bit in some chunk (16 chunks × 2 bits would be 32),
 * so a lookup tries each chunk as it is and with each bit flipped (17 × 16 buckets) and checks
 * the full distance of the few hashes found there, instead of comparing with every hash.
 * @see https://github.com/facebook/ThreatExchange/tree/main/pdq
 * @see https://www.cs.toronto.edu/~norouzi/research/papers/multi_index_hashing.pdf
 */
import { z } from 'zod';
import type { MatcherDefinition, RuleEntry } from './matcher.ts';

/** Largest Hamming distance at which two PDQ hashes are the same image. */
export const PDQ_MAX_DISTANCE = 31;
/** Hashes of lower quality (flat or tiny images) are not matched. */
export const PDQ_MIN_QUALITY = 50;

const CHUNKS = 16;
const HEX64 = /^[0-9a-f]{64}$/;

export const pdqEntry = z
  .string({ error: 'expected a PDQ hash (64 hexadecimal digits)' })
  .transform((text) => text.trim().toLowerCase())
  .refine((hash) => HEX64.test(hash), { error: 'expected a PDQ hash (64 hexadecimal digits)' });

/** A PDQ hash as 16 chunks of 16 bits, or undefined when it is not 64 hex digits. */
export function pdqChunks(hash: string): Uint16Array | undefined {
  const hex = hash.toLowerCase();
  if (!HEX64.test(hex)) return undefined;
  const out = new Uint16Array(CHUNKS);
  for (let c = 0; c < CHUNKS; c++) out[c] = Number.parseInt(hex.slice(c * 4, c * 4 + 4), 16);
  return out;
}

function bits16(x: number): number {
  x -= (x >>> 1) & 0x5555;
  x = (x & 0x3333) + ((x >>> 2) & 0x3333);
  x = (x + (x >>> 4)) & 0x0f0f;
  return (x + (x >>> 8)) & 0x1f;
}

/** Number of differing bits between two hashes in chunk form. */
export function chunkDistance(a: ArrayLike<number>, aAt: number, b: ArrayLike<number>): number {
  let d = 0;
  for (let c = 0; c < CHUNKS; c++) d += bits16(a[aAt + c]! ^ b[c]!);
  return d;
}

/**
 * The indexed hashes within {@link PDQ_MAX_DISTANCE} of `hash`, each once, with their distance.
 * Multi-index hashing: two hashes within 31 bits agree, to one bit at most, on at least one of
 * their 16 chunks of 16 bits, so only the entries sharing a chunk value (or one bit from it) are
 * compared, never every hash.
 */
export function nearPdq(index: PdqIndex, hash: string): { id: number; distance: number }[] {
  const query = pdqChunks(hash);
  if (!query) return [];
  const out: { id: number; distance: number }[] = [];
  const checked = new Set<number>();
  for (let c = 0; c < CHUNKS; c++) {
    const starts = index.starts[c]!;
    const ids = index.ids[c]!;
    for (let flip = -1; flip < 16; flip++) {
      const value = flip < 0 ? query[c]! : query[c]! ^ (1 << flip);
      for (let k = starts[value]!; k < starts[value + 1]!; k++) {
        const id = ids[k]!;
        if (checked.has(id)) continue;
        checked.add(id);
        const distance = chunkDistance(index.chunks, id * CHUNKS, query);
        if (distance <= PDQ_MAX_DISTANCE) out.push({ id, distance });
      }
    }
  }
  return out;
}

export interface PdqIndex {
  /** Every hash, 16 chunks each. */
  chunks: Uint16Array;
  /** Per chunk position: where each chunk value's hashes start in `ids` (65,537 entries). */
  starts: Uint32Array[];
  /** Per chunk position: hash numbers, grouped by chunk value. */
  ids: Uint32Array[];
  rules: { leak: string; rule: string }[];
}

export const pdqMatcher: MatcherDefinition<PdqIndex> = {
  kind: 'image',
  configKey: 'pdq',
  material: true,
  entry: pdqEntry,
  describe: (rule) => (HEX64.test(rule) ? `image with PDQ ${rule.slice(0, 12)}…` : `image like ${rule}`),
  build(entries) {
    const kept: { entry: RuleEntry; chunks: Uint16Array }[] = [];
    for (const entry of entries) {
      if (entry.quality !== undefined && entry.quality < PDQ_MIN_QUALITY) continue;
      const chunks = pdqChunks(entry.hash ?? entry.value);
      if (chunks) kept.push({ entry, chunks });
    }
    const n = kept.length;
    const chunks = new Uint16Array(n * CHUNKS);
    for (const [i, k] of kept.entries()) chunks.set(k.chunks, i * CHUNKS);
    const starts: Uint32Array[] = [];
    const ids: Uint32Array[] = [];
    for (let c = 0; c < CHUNKS; c++) {
      // Counting sort of the hashes by their chunk `c`.
      const start = new Uint32Array(65_537);
      for (let i = 0; i < n; i++) start[chunks[i * CHUNKS + c]! + 1]!++;
      for (let v = 0; v < 65_536; v++) start[v + 1]! += start[v]!;
      const fill = start.slice(0, 65_536);
      const list = new Uint32Array(n);
      for (let i = 0; i < n; i++) list[fill[chunks[i * CHUNKS + c]!]!++] = i;
      starts.push(start);
      ids.push(list);
    }
    return { chunks, starts, ids, rules: kept.map(({ entry }) => ({ leak: entry.leak, rule: entry.value })) };
  },
  match(index, features, emit) {
    if (index.rules.length === 0) return;
    for (const image of features.pdq) {
      if (image.quality < PDQ_MIN_QUALITY) continue;
      for (const { id } of nearPdq(index, image.hash)) {
        const r = index.rules[id]!;
        emit(r.leak, r.rule);
      }
    }
  },
};
