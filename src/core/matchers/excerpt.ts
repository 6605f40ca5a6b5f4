/**
 * `documents[]` and the documents of banks: known leaked texts, held as shingle hashes only.
 *
 * Documents named in the configuration keep every shingle. A message carries an excerpt when,
 * within any stretch of `SPAN` consecutive shingles, at least `MIN_MATCHED` are shingles of the
 * documents. With 4-word shingles a pasted passage of 20 words with one word in ten altered keeps
 * at least 9 (each altered word spoils at most 4), while a common phrase of under 8 words yields
 * at most 4 and even two such phrases side by side at most 8; paraphrases share almost none.
 *
 * Documents of a bank keep a winnowed sample (`winnow.ts`): shingles that tile the text, one
 * position in four. A message carries an excerpt of one when two kept shingles of the same
 * document are found within a stretch, not overlapping. A passage of 20 words holds at least four
 * of them and two altered words spoil at most two, while a phrase of under 8 words cannot hold two
 * tiles that do not overlap. (Two verbatim phrases of one document side by side can.)
 */
import { z } from 'zod';
import { foldValue } from '../normalise.ts';
import { wordsOf } from '../words.ts';
import type { Emit, MatcherDefinition, RuleEntry } from './matcher.ts';
import {
  SHINGLE_WORDS,
  buildShingleTable,
  createPresenceFilter,
  filterCandidates,
  findCandidates,
  hashWord,
  MAX_DOCUMENTS,
  shingleCount,
  shingleHash,
  slotDocument,
  slotDocumentCount,
  textShingles,
  type PresenceFilter,
  type ShingleTable,
} from './shingleTable.ts';

/** Matched shingles needed within one stretch (documents keeping every shingle). */
export const MIN_MATCHED = 9;
/** Matched kept shingles of one document needed within one stretch (banked, winnowed documents). */
export const MIN_MATCHED_SAMPLED = 2;
/** Length of the stretch, in shingle positions. */
export const SPAN = 20;
/** A shingle found in more documents than this is boilerplate (signatures, disclaimers). */
const BOILERPLATE_DOCS = 16;
/** Fewer words than this cannot hold an excerpt of a banked document. */
const MIN_WORDS = SHINGLE_WORDS + MIN_MATCHED_SAMPLED * SHINGLE_WORDS - SHINGLE_WORDS;
/** Fewer words than this cannot hold an excerpt of a document keeping every shingle. */
const MIN_WORDS_FULL = SHINGLE_WORDS + MIN_MATCHED - 1;

export const documentEntry = z
  .string({ error: 'expected the path of a file or folder of leaked documents' })
  .min(1, { error: 'expected the path of a file or folder of leaked documents' });

export interface DocumentIndex {
  /**
   * The presence filter both tables share: a message's shingle costs one read of it, not one per
   * table (with a 2017-sized bank, the lookups of a message of the core bench's corpus took 930–980
   * ns with two filters and 520–580 ns with this one, looked up alone).
   */
  presence: PresenceFilter;
  /** Documents keeping every shingle. */
  table: ShingleTable;
  /** Documents keeping a winnowed sample (banks). */
  sampled: ShingleTable;
  /** Per document: leak set id and document id. */
  documents: { leak: string; id: string }[];
}

/** Word and shingle hashes of the message being matched, and lookup results, reused from message to message (grown as needed). */
let wordHashes = new Uint32Array(256);
let shingles = new Uint32Array(256);
let candidateAt = new Int32Array(256);
let foundAt = new Int32Array(256);
let foundSlots = new Int32Array(256);

/** Every shingle hash of a document's text, in order (folded and cut into words as messages are). */
export function documentShingles(text: string): Uint32Array {
  return textShingles(wordsOf(foldValue(text)));
}

/** The shingles of an entry: computed beforehand (banks, the loader) or from its text. */
function shinglesOf(entry: RuleEntry): Uint32Array {
  return entry.shingles ?? documentShingles(entry.text ?? '');
}

export const excerptMatcher: MatcherDefinition<DocumentIndex> = {
  kind: 'excerpt',
  configKey: 'documents',
  material: true,
  entry: documentEntry,
  describe: (rule) => `excerpt of the leaked document ${rule}`,
  build(entries) {
    const perDocument: Uint32Array[] = [];
    const documents: DocumentIndex['documents'] = [];
    for (const entry of entries) {
      perDocument.push(shinglesOf(entry));
      documents.push({ leak: entry.leak, id: entry.value });
    }
    if (documents.length > MAX_DOCUMENTS) throw new RangeError(`more than ${MAX_DOCUMENTS} leaked documents`);
    const full: number[] = [];
    const sampledDocs: number[] = [];
    for (let doc = 0; doc < entries.length; doc++) (entries[doc]!.sampled ? sampledDocs : full).push(doc);
    const fullShingles = full.map((d) => perDocument[d]!);
    const sampledShingles = sampledDocs.map((d) => perDocument[d]!);
    const presence = createPresenceFilter(shingleCount(fullShingles) + shingleCount(sampledShingles));
    const table = buildShingleTable(fullShingles, full, presence);
    const sampled = buildShingleTable(sampledShingles, sampledDocs, presence);
    return { presence, table, sampled, documents };
  },
  match(index, features, emit) {
    const { words } = features;
    const { sampled, table } = index;
    const matchFull = table.size > 0 && words.length >= MIN_WORDS_FULL;
    const matchSampled = sampled.size > 0 && words.length >= MIN_WORDS;
    if (!matchFull && !matchSampled) return;
    if (wordHashes.length < words.length) {
      const size = Math.max(words.length, wordHashes.length * 2);
      wordHashes = new Uint32Array(size);
      shingles = new Uint32Array(size);
      candidateAt = new Int32Array(size);
      foundAt = new Int32Array(size);
      foundSlots = new Int32Array(size);
    }
    for (let i = 0; i < words.length; i++) wordHashes[i] = hashWord(words[i]!);
    const count = words.length - SHINGLE_WORDS + 1;
    for (let i = 0; i < count; i++) shingles[i] = shingleHash(wordHashes, i);
    // Every shingle goes through the shared filter at once; most messages have no candidate left,
    // and nothing is allocated until one matches.
    const candidates = filterCandidates(index.presence, shingles, count, candidateAt, foundSlots);
    if (candidates === 0) return;
    // Documents already reported for this message: made on the first report (most messages have none).
    let reported: Set<number> | undefined;
    if (matchSampled) {
      const found = findCandidates(sampled, shingles, candidateAt, candidates, foundAt, foundSlots);
      let hits: number[] | undefined; // pairs: position, document
      for (let f = 0; f < found; f++) {
        const slot = foundSlots[f]!;
        if (slotDocumentCount(sampled, slot) > BOILERPLATE_DOCS) continue;
        const i = foundAt[f]!;
        const doc = slotDocument(sampled, slot);
        hits ??= [];
        if (pairedHit(hits, i, doc)) reported = reportOnce(index, doc, reported, emit);
        hits.push(i, doc);
      }
    }
    if (matchFull) {
      const found = findCandidates(table, shingles, candidateAt, candidates, foundAt, foundSlots);
      // Positions (and documents) of matched shingles inside the current stretch.
      const positions: number[] = [];
      const docs: number[] = [];
      let head = 0;
      for (let f = 0; f < found; f++) {
        const slot = foundSlots[f]!;
        if (slotDocumentCount(table, slot) > BOILERPLATE_DOCS) continue;
        const i = foundAt[f]!;
        positions.push(i);
        docs.push(slotDocument(table, slot));
        while (positions[head]! <= i - SPAN) head++;
        if (positions.length - head >= MIN_MATCHED) {
          reported = reportOnce(index, mostFrequent(docs, head), reported, emit);
          head = positions.length;
        }
      }
    }
  },
};

/**
 * Emits document `doc` unless `reported` holds it already; gives the documents reported so far.
 * At module level: a closure made per message costs its allocation (and a `__name` call under tsx).
 */
function reportOnce(index: DocumentIndex, doc: number, reported: Set<number> | undefined, emit: Emit): Set<number> {
  const seen = reported ?? new Set<number>();
  if (!seen.has(doc)) {
    seen.add(doc);
    const d = index.documents[doc]!;
    emit(d.leak, d.id);
  }
  return seen;
}

/**
 * Whether an earlier kept shingle of `doc` lies within the stretch before position `i`, not
 * overlapping it. (Not required to be a multiple of four words away, as tiles of a passage pasted
 * whole are: a word dropped or split, `l'équipe` typed `equipe`, would shift the rest.)
 * `hits` holds (position, document) pairs in position order; only the last `SPAN` positions are
 * looked at, so the cost per shingle is bounded.
 */
function pairedHit(hits: readonly number[], i: number, doc: number): boolean {
  for (let k = hits.length - 2; k >= 0; k -= 2) {
    const distance = i - hits[k]!;
    if (distance >= SPAN) return false;
    if (hits[k + 1] === doc && distance >= SHINGLE_WORDS) return true;
  }
  return false;
}

function mostFrequent(values: readonly number[], from: number): number {
  const counts = new Map<number, number>();
  let best = values[from]!;
  let bestCount = 0;
  for (let i = from; i < values.length; i++) {
    const c = (counts.get(values[i]!) ?? 0) + 1;
    counts.set(values[i]!, c);
    if (c > bestCount) {
      best = values[i]!;
      bestCount = c;
    }
  }
  return best;
}
