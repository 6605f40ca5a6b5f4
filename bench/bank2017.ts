/**
 * A bank the size of the 2017 dump's, generated: 21,000 e-mails of 300 words, 4,000 attachments of
 * 3,000 words, 60,000 file hashes, 5,000 photos. Shared by the bank bench (its load time, and
 * classification with it against a bank of one document) and the core bench (the corpus
 * classified with it loaded and without it).
 */
import { emptyBank, type Bank } from '../src/bank/bank.ts';
import { BankBuilder } from '../src/bank/builder.ts';
import { random } from './corpus.ts';

/**
 * Words of the generated texts: 20,000 made-up words, about the vocabulary of a year of a campaign's
 * e-mails, so the bank's shingles are as varied as real ones (a vocabulary of a few dozen words
 * would make every message hit the bank).
 */
const VOCABULARY = Array.from({ length: 20_000 }, (_, i) => `mot${i.toString(36)}`);

/** `words` words of the vocabulary, drawn with `rand`. */
export function bankText(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(VOCABULARY[Math.floor(rand() * VOCABULARY.length)]!);
  return out.join(' ');
}

/** The bank (always the same: the generator is seeded). */
export function bankOf2017Size(): Bank {
  const rand = random(8);
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(rand() * 16).toString(16)).join('');
  const builder = new BankBuilder(emptyBank('bench', '2017-sized'));
  for (let i = 0; i < 25_000; i++) {
    builder.addFile({ path: `dump/${i}.eml`, name: `${i}.eml`, sha256: hex(64), md5: hex(32), text: bankText(rand, i < 21_000 ? 300 : 3_000) });
  }
  for (let i = 0; i < 35_000; i++) builder.addFile({ path: `dump/a/${i}.pdf`, name: `piece-${i}.pdf`, sha256: hex(64), md5: hex(32) });
  for (let i = 0; i < 5_000; i++) builder.addFile({ path: `dump/p/${i}.jpg`, name: `IMG_${i}.jpg`, pdq: { hash: hex(64), quality: 90 } });
  return builder.finish();
}
