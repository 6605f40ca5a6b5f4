/**
 * Core engine benchmark (issue 2 §6). In one process, on the same generated corpus:
 * - the engine (`classify`) with 10,000 URLs, 10,000 domains, 100,000 file hashes, 1,000 keywords
 *   and 1,000 documents;
 * - a naive baseline: one RegExp per pattern tested in a loop, as typical moderation bots do;
 * - a bare linear pass: NFKC, lower-case and one URL regex per message, no matching at all.
 * Also: cost per message with 1,000 vs 1,000,000 rules, load time and heap of the rule set, a
 * 100 kB message, and the same corpus with a bank of the 2017 dump's size loaded (issue 8 §4).
 */
import { stringify } from 'yaml';
import { addBankRules } from '../src/bank/rules.ts';
import { classify, compileEngine, parseConfigText, configSchema, type Engine, type MessageInput, type RuleEntry } from '../src/core/index.ts';
import { bankOf2017Size } from './bank2017.ts';
import { generateCorpus, generateDisguised, generateRules, random, type GeneratedRules } from './corpus.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const log = (s: string) => process.stderr.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const WINDOW = { id: 't2', start: '2017-05-06T00:00', end: '2017-05-07T20:00', timezone: 'Europe/Paris' };
const ROUNDS = 7;

/** Median throughput (messages/s) of `fn` over the corpus, after one warm-up round. */
function throughput(corpus: readonly MessageInput[], fn: (m: MessageInput) => unknown, rounds = ROUNDS): number {
  let sink = 0;
  const rates: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (const m of corpus) if (fn(m)) sink++;
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r > 0) rates.push(corpus.length / s);
  }
  if (sink === -1) log('');
  return median(rates);
}

/** p50 and p99 latency (µs) of `fn`, message by message. */
function latencies(corpus: readonly MessageInput[], fn: (m: MessageInput) => unknown): { p50: number; p99: number } {
  const times = new Float64Array(corpus.length);
  for (let i = 0; i < corpus.length; i++) {
    const t0 = process.hrtime.bigint();
    fn(corpus[i]!);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e3;
  }
  times.sort();
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The naive moderation bot: a RegExp per listed URL, domain and keyword; hashes compared in a list. */
function naiveClassifier(rules: GeneratedRules) {
  const leak = rules.leak as unknown as { urls: string[]; domains: string[]; keywords: string[]; sha256: string[] };
  const urlPatterns = leak.urls.map((u) => new RegExp(escapeRegExp(u), 'i'));
  const domainPatterns = leak.domains.map((d) => new RegExp(`\\b${escapeRegExp(d)}\\b`, 'i'));
  const keywordPatterns = [...leak.keywords, 'macronleaks'].map((k) => new RegExp(`\\b${escapeRegExp(k)}\\b`, 'i'));
  const hashes = leak.sha256;
  return (m: MessageInput): string => {
    for (const p of urlPatterns) if (p.test(m.text)) return 'share';
    for (const p of domainPatterns) if (p.test(m.text)) return 'share';
    for (const a of m.attachments ?? []) if (a.sha256 && hashes.includes(a.sha256)) return 'share';
    for (const p of keywordPatterns) if (p.test(m.text)) return 'mention';
    return 'none';
  };
}

const URL_RE = /https?:\/\/[^\s<>"]+/g;
/** The bare pass: as little as any classifier must do (normalise, lower-case, find URLs). */
function barePass(m: MessageInput): number {
  const text = m.text.normalize('NFKC').toLowerCase();
  URL_RE.lastIndex = 0;
  let n = 0;
  while (URL_RE.exec(text) !== null) n++;
  return n;
}

function engineOf(rules: GeneratedRules): Engine {
  return compileEngine(configSchema.parse({ windows: [WINDOW], leaks: [{ ...rules.leak, hashtags: ['MacronLeaks'] }] }), rules.documents);
}

// --- The full rule set: load time and heap ---------------------------------------------------
log('generating rules and corpus…');
const full = generateRules({ urls: 10_000, domains: 10_000, hashes: 100_000, keywords: 1_000, documents: 1_000 });
const yamlText = stringify({ timezone: 'Europe/Paris', windows: [WINDOW], leaks: [{ ...full.leak, hashtags: ['MacronLeaks'] }] });
const corpus = generateCorpus(100_000, full);

gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = process.hrtime.bigint();
const parsed = parseConfigText(yamlText, 'bench.yaml');
const engine = compileEngine(parsed.config, full.documents);
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
gc();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
log(`loaded ${engine.ruleCount} rules in ${fmt(loadMs)} ms, heap +${fmt(heapMb, 1)} MB`);

// --- Throughput and latency ------------------------------------------------------------------
const classifyOne = (m: MessageInput) => classify(engine, m).verdict !== 'none';
log('engine…');
const engineRate = throughput(corpus, classifyOne);
const engineLat = latencies(corpus, classifyOne);
log('bare pass…');
const bareRate = throughput(corpus, barePass);
const bareLat = latencies(corpus, barePass);
log('naive baseline (on 1,000 messages)…');
const naive = naiveClassifier(full);
const naiveSample = corpus.slice(0, 1_000);
const naiveRate = throughput(naiveSample, naive, 3);
const naiveLat = latencies(naiveSample.slice(0, 300), naive);

// Same verdicts on the sample where both look at the same things (a sanity check, not a test).
const shares = corpus.filter((m) => classify(engine, m).verdict === 'share').length;

// Links in disguise (docs/links.md): every family in turn, each message sharing a listed link.
log('links in disguise…');
const disguised = generateDisguised(10_000, full);
const disguisedRate = throughput(disguised, classifyOne);
const disguisedFound = disguised.filter((m) => classify(engine, m).verdict === 'share').length;

// --- With a bank of the 2017 dump's size loaded (issue 8 §4) ---------------------------------
log('with a 2017-sized bank…');
const bankRules: Record<string, RuleEntry[]> = {};
addBankRules(bankRules, bankOf2017Size(), full.documents[0]!.leak);
const engineWithBank = compileEngine(parsed.config, full.documents, bankRules);
const classifyWithBank = (m: MessageInput) => classify(engineWithBank, m).verdict !== 'none';
// Alternated (without, with, without, …) so that whatever else the machine does weighs on both alike.
const ratesWithout: number[] = [];
const ratesWithBank: number[] = [];
for (let r = 0; r < 7; r++) {
  ratesWithout.push(throughput(corpus, classifyOne, 2));
  ratesWithBank.push(throughput(corpus, classifyWithBank, 2));
}
const withoutBankRate = median(ratesWithout);
const withBankRate = median(ratesWithBank);
const sharesWithBank = corpus.filter((m) => classify(engineWithBank, m).verdict === 'share').length;

// --- Scaling: 1,000 vs 1,000,000 rules -------------------------------------------------------
log('scaling: 1,000 rules…');
const quarter = (n: number) => ({ urls: n / 4, domains: n / 4, hashes: n / 4, keywords: n / 4, documents: 0 });
const small = generateRules(quarter(1_000));
const scaleCorpus = generateCorpus(100_000, small, 3);
const smallEngine = engineOf(small);
const smallRate = throughput(scaleCorpus, (m) => classify(smallEngine, m).verdict !== 'none');
log('scaling: 1,000,000 rules…');
let large: GeneratedRules | undefined = generateRules(quarter(1_000_000));
const largeEngine = engineOf(large);
large = undefined;
gc();
const largeRate = throughput(scaleCorpus, (m) => classify(largeEngine, m).verdict !== 'none');

// --- A 100 kB message ------------------------------------------------------------------------
const rand = random(9);
let bigText = '';
while (bigText.length < 100_000) {
  bigText += rand() < 0.02 ? ` https://www.lemonde.fr/p/${Math.floor(rand() * 1e6)} ` : `${corpus[Math.floor(rand() * corpus.length)]!.text} `;
}
bigText = bigText.slice(0, 100_000);
const bigTimes: number[] = [];
for (let i = 0; i < 21; i++) {
  const s = process.hrtime.bigint();
  classify(engine, { text: bigText, at: 0 });
  bigTimes.push(Number(process.hrtime.bigint() - s) / 1e6);
}
// Hostile: 100 kB without spaces made of dots and labels (the worst case for link finding).
const hostile = 'a.'.repeat(50_000);
const hostileTimes: number[] = [];
for (let i = 0; i < 11; i++) {
  const s = process.hrtime.bigint();
  classify(engine, { text: hostile, at: 0 });
  hostileTimes.push(Number(process.hrtime.bigint() - s) / 1e6);
}

// Hostile for disguises: 100 kB made only of what disguises are made of (each undone in one pass).
const HOSTILE_DISGUISES: Record<string, string> = {
  '`[.[.[.…`': '[.'.repeat(50_000),
  '`a dot a dot …`': 'a dot '.repeat(16_667),
  '`a a a a …`': 'a '.repeat(50_000),
  '`a,a,a,…`': 'a,'.repeat(50_000),
  '`a%2Ea%2E…`': 'a%2E'.repeat(25_000),
  '`a\\.a\\.…`': 'a\\.'.repeat(33_334),
  '`     …` (spaces)': ' '.repeat(100_000),
  '`a .a .a …`': 'a .'.repeat(33_334),
  '`((((…` then `.`': `${'('.repeat(99_999)}.`,
  '`meow://a.a.a.…`': `meow://${'a.'.repeat(50_000)}`,
};
const hostileDisguise = Object.entries(HOSTILE_DISGUISES).map(([name, text]) => {
  const times: number[] = [];
  for (let i = 0; i < 11; i++) {
    const s = process.hrtime.bigint();
    classify(engine, { text: text.slice(0, 100_000), at: 0 });
    times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return { name, ms: median(times) };
});
const worstDisguise = hostileDisguise.reduce((a, b) => (b.ms > a.ms ? b : a));

const ok = (cond: boolean) => (cond ? 'met' : '**missed**');
console.log(`## Core engine (\`npm run bench -- core\`)

Rule set: ${fmt(engine.ruleCount)} rules (10,000 URLs, 10,000 domains, 100,000 SHA-256, 1,000 keywords, 1,000 documents of 300 words),
one hashtag, one window. Corpus: ${fmt(corpus.length)} generated chat messages (60% French, 40% English, 4–26 words, 10% with
news links, 5% with attachments, 2% mentions, 1% sharing: listed links, subdomains of listed domains, listed file hashes or
pasted passages of the documents; ${fmt(shares)} classified \`share\`). One core, one process, ${ROUNDS} timed rounds after a warm-up,
medians. The naive baseline runs on the first 1,000 messages (it is too slow for the whole corpus).

| measure | engine | naive baseline (RegExp per pattern) | bare pass (NFKC + lower-case + 1 URL regex) |
| --- | ---: | ---: | ---: |
| throughput, messages/s | ${fmt(engineRate)} | ${fmt(naiveRate, 1)} | ${fmt(bareRate)} |
| latency p50, µs | ${fmt(engineLat.p50, 2)} | ${fmt(naiveLat.p50, 0)} | ${fmt(bareLat.p50, 2)} |
| latency p99, µs | ${fmt(engineLat.p99, 2)} | ${fmt(naiveLat.p99, 0)} | ${fmt(bareLat.p99, 2)} |

| target | measured | |
| --- | --- | --- |
| ≥ 200,000 messages/s on one core | ${fmt(engineRate)} messages/s | ${ok(engineRate >= 200_000)} |
| ≥ 100× the naive baseline | ${fmt(engineRate / naiveRate)}× | ${ok(engineRate / naiveRate >= 100)} |
| within 20× of the bare pass | ${fmt(bareRate / engineRate, 1)}× slower than the bare pass | ${ok(bareRate / engineRate <= 20)} |
| cost per message within 2× from 1,000 to 1,000,000 rules | ${fmt(smallRate)} → ${fmt(largeRate)} messages/s: ${fmt(smallRate / largeRate, 2)}× | ${ok(smallRate / largeRate <= 2)} |
| rule set loaded in < 2 s | ${fmt(loadMs)} ms (YAML parse, schema validation, indexes, document fingerprints) | ${ok(loadMs < 2000)} |
| rule set in < 200 MB of heap | ${fmt(heapMb, 1)} MB | ${ok(heapMb < 200)} |
| a 100 kB message in < 50 ms | ${fmt(median(bigTimes), 2)} ms (median of 21) | ${ok(median(bigTimes) < 50)} |
| hostile 100 kB (\`a.a.a.…\`, no spaces) | ${fmt(median(hostileTimes), 2)} ms (median of 11) | ${ok(median(hostileTimes) < 50)} |
| hostile 100 kB made of disguises (worst of ${hostileDisguise.length}: ${hostileDisguise.map((h) => h.name).join(', ')}) | ${fmt(worstDisguise.ms, 2)} ms (${worstDisguise.name}, median of 11) | ${ok(worstDisguise.ms < 50)} |
| classification as fast with a bank of the 2017 dump's size loaded (${fmt(bankRules.documents?.length ?? 0)} documents, ${fmt(engineWithBank.ruleCount - engine.ruleCount)} rules more) | ${fmt(withBankRate)} messages/s with it, ${fmt(withoutBankRate)} without: ratio ${fmt(withBankRate / withoutBankRate, 2)} (runs alternated, medians of 7; ${fmt(sharesWithBank)} \`share\` with it) | ${ok(withBankRate / withoutBankRate >= 0.95)} (target: within 5%, the runs' spread) |
| links in disguise ([docs/links.md](docs/links.md)): ${fmt(disguised.length)} messages, each family in turn | ${fmt(disguisedFound)} found (${fmt((100 * disguisedFound) / disguised.length, 1)}%), ${fmt(disguisedRate)} messages/s | ${ok(disguisedFound >= 0.95 * disguised.length)} (target ≥ 95%) |
`);
