/**
 * Deterministic generators for the benchmarks: a realistic chat corpus (French and English, links,
 * about 1% sharing leaked material) and rule sets of any size.
 */
import { createHash } from 'node:crypto';
import type { LeakDocument, MessageInput } from '../src/core/index.ts';
import { random } from '../test/support/random.ts';

export { random } from '../test/support/random.ts';

const FR = `le la les un une des et ou mais donc car je tu il elle nous vous ils elles on ce cette ces mon ton son
notre votre leur dans sur sous avec sans pour par vers chez entre après avant pendant depuis voter élection candidat
campagne débat sondage résultat bureau scrutin dimanche samedi soir matin ministre président république député
vote procuration tour second premier programme réforme emploi santé école retraite sécurité europe france paris
lyon marseille réunion équipe militants meeting discours télévision journal article lire voir penser croire vrai
faux rumeur info intox vérifier source média presse radio réseau tweet message groupe salon modération règles`.split(/\s+/);
const EN = `the a an and or but so because i you he she we they it this that these those my your his her our their in
on under with without for by to from between after before during since vote election candidate campaign debate
poll result polling station sunday saturday night morning minister president republic mp ballot proxy round second
first programme reform jobs health school pensions security europe france paris news article read see think believe
true false rumour check source media press radio network tweet message group channel moderation rules`.split(/\s+/);
const SITES = ['lemonde.fr', 'lefigaro.fr', 'bbc.co.uk', 'nytimes.com', 'liberation.fr', 'francetvinfo.fr', 'youtube.com', 'twitter.com', 'reddit.com', 'wikipedia.org'];

export interface RuleSetSize {
  urls: number;
  domains: number;
  hashes: number;
  keywords: number;
  documents: number;
  /** Words per document. */
  documentWords?: number;
}

export interface GeneratedRules {
  leak: Record<string, string[]>;
  documents: LeakDocument[];
  /** Material to put in sharing messages: some of the listed URLs, domains, hashes and passages. */
  samples: { urls: string[]; domains: string[]; hashes: string[]; passages: string[] };
}

function hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

function words(rand: () => number, n: number, lang: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(lang[Math.floor(rand() * lang.length)]!);
  return out;
}

/** A leak set of the given size (entries are distinct and plausible). */
export function generateRules(size: RuleSetSize, seed = 1): GeneratedRules {
  const rand = random(seed);
  const urls: string[] = [];
  for (let i = 0; i < size.urls; i++) urls.push(`paste${i % 97}.example${i % 13}.com/${hex(`u${i}`).slice(0, 10)}/raw`);
  const domains: string[] = [];
  for (let i = 0; i < size.domains; i++) domains.push(`mirror${i}.leak${i % 31}.net`);
  const sha256: string[] = [];
  for (let i = 0; i < size.hashes; i++) sha256.push(hex(`h${i}`));
  const keywords: string[] = [];
  for (let i = 0; i < size.keywords; i++) keywords.push(i % 5 === 0 ? `dossier secret ${i}` : `leakword${i}`);
  const documents: LeakDocument[] = [];
  const passages: string[] = [];
  const vocabulary = [...FR, ...EN, ...Array.from({ length: 3000 }, (_, i) => `mot${i}`)];
  for (let i = 0; i < size.documents; i++) {
    const text = words(rand, size.documentWords ?? 300, vocabulary).join(' ');
    documents.push({ leak: 'dump', id: `mail-${i}.eml`, text });
    if (i < 50) passages.push(text.split(' ').slice(20, 45).join(' '));
  }
  return {
    leak: { id: 'dump', urls, domains, sha256, keywords } as unknown as Record<string, string[]>,
    documents,
    samples: { urls: urls.slice(0, 50), domains: domains.slice(0, 50), hashes: sha256.slice(0, 50), passages },
  };
}

/** `count` chat messages; about 1% share leaked material, a few percent mention it, 10% carry links. */
export function generateCorpus(count: number, rules: GeneratedRules, seed = 2): MessageInput[] {
  const rand = random(seed);
  const at = Date.parse('2017-05-06T12:00:00+02:00');
  const out: MessageInput[] = [];
  for (let i = 0; i < count; i++) {
    const lang = rand() < 0.6 ? FR : EN;
    const text = words(rand, 4 + Math.floor(rand() * 22), lang);
    const roll = rand();
    let attachments: MessageInput['attachments'];
    if (roll < 0.01) {
      const kind = Math.floor(rand() * 4);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
      if (kind === 0 && rules.samples.urls.length) text.push(`https://${pick(rules.samples.urls)}`);
      else if (kind === 1 && rules.samples.domains.length) text.push(`http://files.${pick(rules.samples.domains)}/dump.zip`);
      else if (kind === 2 && rules.samples.hashes.length) attachments = [{ name: 'scan.pdf', sha256: pick(rules.samples.hashes) }];
      else if (rules.samples.passages.length) text.push(pick(rules.samples.passages));
    } else if (roll < 0.03) {
      text.push(rand() < 0.5 ? '#MacronLeaks' : 'leakword3');
    } else if (roll < 0.13) {
      text.push(`https://www.${SITES[Math.floor(rand() * SITES.length)]}/${words(rand, 3, EN).join('-')}`);
    }
    if (rand() < 0.05) attachments = [{ name: 'photo.jpg', sha256: hex(`p${i}`) }];
    out.push({ text: text.join(' ') + (rand() < 0.5 ? '.' : ' !'), at, ...(attachments && { attachments }) });
  }
  return out;
}

/** Ways people disguise `host/path` (docs/links.md), one per family. */
const DISGUISES: ((labels: string[], path: string) => string)[] = [
  (l, p) => `meow://${l.join('.')}/${p}`,
  (l, p) => `hxxps://${l.join('[.]')}/${p}`,
  (l, p) => `${l.join('[.')}/${p}`,
  (l, p) => `${l.join('}.{')}[/]${p}`,
  (l, p) => `${l.join(' dot ')} slash ${p.split('/').join(' slash ')}`,
  (l, p) => `${l.join('-dot-')}/${p}`,
  (l, p) => `${l.join(',')}/${p}`,
  (l, p) => `${l.join('\\.')}\\/${p}`,
  (l, p) => `http:// ${l.join(' .')} /${p}`,
  (l, p) => `${l.join('%2E')}%2F${p.split('/').join('%2F')}`,
  (l, p) => `${l.join('\u00b7')}/${p}`,
  (l, p) => `https://${l.join('.')}\\${p}`,
  (l, p) => [...`${l.join('.')}/${p}`].join(' '),
];

/** `count` chat messages, each sharing one listed link in a disguise (every family in turn). */
export function generateDisguised(count: number, rules: GeneratedRules, seed = 4): MessageInput[] {
  const rand = random(seed);
  const at = Date.parse('2017-05-06T12:00:00+02:00');
  const out: MessageInput[] = [];
  for (let i = 0; i < count; i++) {
    const url = rules.samples.urls[Math.floor(rand() * rules.samples.urls.length)]!;
    const slash = url.indexOf('/');
    const disguise = DISGUISES[i % DISGUISES.length]!;
    const text = words(rand, 3 + Math.floor(rand() * 10), rand() < 0.6 ? FR : EN);
    text.push(disguise(url.slice(0, slash).split('.'), url.slice(slash + 1)));
    out.push({ text: text.join(' '), at });
  }
  return out;
}
