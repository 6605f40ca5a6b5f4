/**
 * The bank's figures for `npm run bench -- bank` (issue 8 §4), called by `bank.bench.ts` once it
 * has generated the dump and measured the bare pass: `fingerprint` on the dump (walk on 2 threads,
 * winnowed fingerprints, writing the bank; run by `bank.bench.ts` in a fresh process, so that its
 * peak RSS is its own and not the generator's), the bank's size against the input, the load time of a
 * bank the size of the 2017 dump's, and classification speed with that bank loaded, each with its
 * baseline in the same run.
 */
import { join } from 'node:path';
import { emptyBank, type Bank } from '../src/bank/bank.ts';
import { BankBuilder } from '../src/bank/builder.ts';
import { readBank, writeBank } from '../src/bank/file.ts';
import { addBankRules } from '../src/bank/rules.ts';
import { classify, compileEngine, parseConfigText, type Engine, type MessageInput, type RuleEntry } from '../src/core/index.ts';
import { walk } from '../src/extract/walk.ts';
import { bankOf2017Size, bankText } from './bank2017.ts';
import { random } from './corpus.ts';

const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What the bank section needs of the bare pass. */
export interface BareFigures {
  inputBytes: number;
  seconds: number;
  mbPerSecond: number;
}

export interface FingerprintFigures {
  seconds: number;
  peakRssMb: number;
  bankBytes: number;
  files: number;
  documents: number;
  shingles: number;
  images: number;
}

/** `fingerprint`'s work on the dump in `dir`, in this process (the caller runs it in a fresh one, so the peak RSS is its own). */
export async function measureFingerprint(dir: string, bankFile: string): Promise<FingerprintFigures> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const t0 = performance.now();
  const builder = new BankBuilder(emptyBank('bench', 'generated dump'));
  for await (const file of walk([dir], { jobs: 2, text: true, pdq: true })) builder.addFile(file);
  const bank = builder.finish();
  const bankBytes = await writeBank(bankFile, bank);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return {
    seconds,
    peakRssMb: Math.max(peak, process.memoryUsage.rss()) / MB,
    bankBytes,
    files: bank.info.files,
    documents: bank.documents.length,
    shingles: bank.documents.reduce((n, d) => n + d.shingles.length, 0),
    images: bank.images.length,
  };
}

function engineWith(bank: Bank | undefined): Engine {
  const config = parseConfigText('leaks:\n  - id: bench\n    hashtags: [MacronLeaks]\n    urls: [pastebin.com/emleaks]\n', 'bench.yaml').config;
  const rules: Record<string, RuleEntry[]> = {};
  if (bank) addBankRules(rules, bank, 'bench');
  return compileEngine(config, [], rules);
}

export interface LoadFigures {
  bankMb: number;
  documents: number;
  shingles: number;
  readMs: number;
  loadMs: number;
  baseMs: number;
  rateWithout: number;
  rateWith: number;
}

/**
 * Load time of a bank the size of the 2017 dump's (written to `dir`) and classification speed
 * with it against a bank of one document. Exported so it can be run alone while tuning the matcher.
 */
export async function measureBankLoad(dir: string): Promise<LoadFigures> {
  const file = join(dir, '2017-sized.bank');
  const bankMb = (await writeBank(file, bankOf2017Size())) / MB;
  const reads: number[] = [];
  const loads: number[] = [];
  const bases: number[] = [];
  let bank: Bank | undefined;
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    bank = await readBank(file);
    reads.push(performance.now() - t);
    engineWith(bank);
    loads.push(performance.now() - t);
    t = performance.now();
    engineWith(undefined);
    bases.push(performance.now() - t);
  }
  // Messages of the same vocabulary: every shingle of every message is looked up in the bank's tables.
  const rand = random(9);
  const messages: MessageInput[] = Array.from({ length: 20_000 }, () => ({ text: bankText(rand, 5 + Math.floor(rand() * 40)), at: 0 }));
  const rate = (engine: Engine) => {
    const t = performance.now();
    for (const m of messages) classify(engine, m);
    return messages.length / ((performance.now() - t) / 1000);
  };
  // The baseline has the same matchers with small tables: a bank of one document and one file.
  const small = new BankBuilder(emptyBank('bench', 'one document'));
  small.addFile({ path: 'one.eml', name: 'one.eml', sha256: 'ab'.repeat(32), md5: 'cd'.repeat(16), text: bankText(rand, 300) });
  small.addFile({ path: 'one.jpg', name: 'one.jpg', pdq: { hash: 'f0'.repeat(32), quality: 90 } });
  const without = engineWith(small.finish());
  const withBank = engineWith(bank);
  // Runs alternate (without, with, without, …) so that whatever else the machine does weighs on
  // both alike; medians of 9 each.
  const ratesWithout: number[] = [];
  const ratesWith: number[] = [];
  for (let r = 0; r < 9; r++) {
    ratesWithout.push(rate(without));
    ratesWith.push(rate(withBank));
  }
  return {
    bankMb,
    documents: bank!.documents.length,
    shingles: bank!.documents.reduce((n, d) => n + d.shingles.length, 0),
    readMs: median(reads),
    loadMs: median(loads),
    baseMs: median(bases),
    rateWithout: median(ratesWithout),
    rateWith: median(ratesWith),
  };
}

/** Measures everything and returns the Markdown section. `dir` holds the generated dump. */
export async function bankFiguresSection(dir: string, bare: BareFigures, log: (s: string) => void, measured?: FingerprintFigures): Promise<string> {
  log('bank: fingerprint on the dump, 2 worker threads…');
  const fp = measured ?? (await measureFingerprint(dir, join(dir, 'dump.bank')));
  log(`  ${fp.files} files in ${fmt(fp.seconds, 1)} s`);
  log('bank: load time and classification with a 2017-sized bank…');
  const load = await measureBankLoad(dir);
  return [
    `### The bank\n`,
    `\`fingerprint\` on the dump above (walk on 2 threads, winnowed fingerprints, writing the bank), against the bare pass.\n`,
    `| figure | value | target |`,
    `| --- | --- | --- |`,
    `| fingerprint throughput | ${fmt(bare.inputBytes / MB / fp.seconds, 1)} MB/s (${fmt(fp.seconds, 1)} s; bare pass ${fmt(bare.mbPerSecond, 1)} MB/s, ratio ${fmt(bare.seconds / fp.seconds, 2)}) | >= 30 MB/s |`,
    `| peak RSS | ${fmt(fp.peakRssMb)} MB | < 1 GB |`,
    `| bank size | ${fmt(fp.bankBytes / MB, 2)} MB = ${fmt((100 * fp.bankBytes) / bare.inputBytes, 2)}% of ${fmt(bare.inputBytes / MB)} MB of input (${fp.files} files, ${fp.documents} documents, ${fp.shingles} kept shingles, ${fp.images} images) | <= 2% |`,
    '',
    `A bank the size of the 2017 dump's (${load.documents} documents: 21,000 e-mails of 300 words and 4,000 attachments of 3,000 words; 60,000 file hashes; 5,000 photos), median of 5:\n`,
    `| figure | value | target |`,
    `| --- | --- | --- |`,
    `| bank file | ${fmt(load.bankMb, 1)} MB, ${load.shingles} kept shingles | |`,
    `| read and check (SHA-256 of the body) | ${fmt(load.readMs)} ms | |`,
    `| read, check and compile the engine with it | ${fmt(load.loadMs)} ms (engine without it: ${fmt(load.baseMs, 1)} ms) | < 1 s |`,
    `| classification, messages of 5 to 45 words | ${fmt(load.rateWith)} msg/s with the bank, ${fmt(load.rateWithout)} with a bank of one document (ratio ${fmt(load.rateWith / load.rateWithout, 2)}; runs alternated, medians of 9) | as fast |`,
    '',
  ].join('\n');
}
