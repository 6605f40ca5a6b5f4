/**
 * `documents[]`: known leaked texts. A message carries an excerpt when, within any stretch of
 * `SPAN` consecutive shingles, at least `MIN_MATCHED` are shingles of the documents. With
 * 4-word shingles a pasted passage of 20 words with one word in ten altered keeps at least 9
 * (each altered word spoils at most 4), while a common phrase of under 8 words yields at most 4
 * and even two such phrases side by side at most 8; paraphrases share almost none.
 */
import { z } from 'zod';
import { foldValue } from '../normalise.ts';
import { wordsOf } from '../words.ts';
import type { MatcherDefinition } from './matcher.ts';
import {
  SHINGLE_WORDS,
  addShingle,
  createShingleTable,
  findShingle,
  hashWord,
  shingleHash,
  type ShingleTable,
} from './shingleTable.ts';

/** Matched shingles needed within one stretch. */
export const MIN_MATCHED = 9;
/** Length of the stretch, in shingle positions. */
export const SPAN = 20;
/** A shingle found in more documents than this is boilerplate (signatures, disclaimers). */
const BOILERPLATE_DOCS = 16;
/** Fewer words than this cannot hold an excerpt. */
const MIN_WORDS = SHINGLE_WORDS + MIN_MATCHED - 1;

export const documentEntry = z
  .string({ error: 'expected the path of a file or folder of leaked documents' })
  .min(1, { error: 'expected the path of a file or folder of leaked documents' });

export interface DocumentIndex {
  table: ShingleTable;
  /** Per document: leak set id and document id. */
  documents: { leak: string; id: string }[];
}

/** Word hashes of the message being matched, reused from message to message (grown as needed). */
let scratch = new Uint32Array(256);

export const excerptMatcher: MatcherDefinition<DocumentIndex> = {
  kind: 'excerpt',
  configKey: 'documents',
  material: true,
  entry: documentEntry,
  describe: (rule) => `excerpt of the leaked document ${rule}`,
  build(entries) {
    const perDocument: Uint32Array[] = [];
    const documents: DocumentIndex['documents'] = [];
    let total = 0;
    for (const { leak, value, text } of entries) {
      const words = wordsOf(foldValue(text ?? ''));
      const hashes = Uint32Array.from(words, hashWord);
      const shingles = new Uint32Array(Math.max(0, hashes.length - SHINGLE_WORDS + 1));
      for (let i = 0; i < shingles.length; i++) shingles[i] = shingleHash(hashes, i);
      perDocument.push(shingles);
      documents.push({ leak, id: value });
      total += shingles.length;
    }
    const table = createShingleTable(total);
    perDocument.forEach((shingles, doc) => {
      for (const hash of shingles) addShingle(table, hash, doc);
    });
    return { table, documents };
  },
  match(index, features, emit) {
    const { words } = features;
    if (index.table.size === 0 || words.length < MIN_WORDS) return;
    if (scratch.length < words.length) scratch = new Uint32Array(Math.max(words.length, scratch.length * 2));
    const hashes = scratch;
    for (let i = 0; i < words.length; i++) hashes[i] = hashWord(words[i]!);
    // Positions (and documents) of matched shingles inside the current stretch; most messages
    // match none, so nothing is allocated until one does.
    let positions: number[] | undefined;
    const docs: number[] = [];
    let head = 0;
    let reported: Set<number> | undefined;
    for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
      const slot = findShingle(index.table, shingleHash(hashes, i));
      if (slot < 0 || index.table.docCounts[slot]! > BOILERPLATE_DOCS) continue;
      positions ??= [];
      positions.push(i);
      docs.push(index.table.docs[slot]!);
      while (positions[head]! <= i - SPAN) head++;
      if (positions.length - head >= MIN_MATCHED) {
        const doc = mostFrequent(docs, head);
        reported ??= new Set();
        if (!reported.has(doc)) {
          reported.add(doc);
          const d = index.documents[doc]!;
          emit(d.leak, d.id);
        }
        head = positions.length;
      }
    }
  },
};

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
