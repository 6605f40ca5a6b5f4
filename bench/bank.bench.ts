/**
 * Leak bank benchmark (issue 8 §4). In one process, on a generated dump of at least 1 GB of
 * uncompressed input shaped like the 2017 one (zips of e-mails in the three transfer encodings
 * and three charsets, with PDF, office and photo attachments; loose PDFs, office documents and
 * photos; a tar.gz and an mbox):
 * - a bare pass: read and decompress every entry of every top-level file and SHA-256 it;
 * - the full walk (`src/extract/`) with 2 worker threads: types, every depth opened, SHA-256 and
 *   MD5, text extracted, PDQ of images when `src/image/pdq.ts` gives one.
 * Figures: MB/s of uncompressed input, ratio to the bare pass, peak RSS.
 *
 * Sections: the dump generator and the walk measurement (extraction, helper H5); the bank
 * figures (bank size and load time) are added below them by the bank's author.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import sharp from 'sharp';
import yauzl from 'yauzl';
import { listRoots, walk } from '../src/extract/walk.ts';
import { containerFor } from '../src/extract/containers/registry.ts';
import { detectType } from '../src/extract/detect.ts';
import { DEFAULT_LIMITS } from '../src/extract/limits.ts';
import { makeDocx, makeEmail, makeMbox, makeOdt, makePdf, makePptx, makeTar, makeXlsx, type Charset, type TransferEncoding } from '../test/extract/files.ts';
import { bankFiguresSection, measureFingerprint, type FingerprintFigures } from './bankFigures.ts';
import { random as prng } from '../test/support/random.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);
const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// =================================================================================================
// The dump generator
// =================================================================================================


const WORDS = (
  'campagne réunion trésorier dépenses meeting candidat élection présidentielle second tour sondage équipe ' +
  'programme déplacement Besançon Marseille Lyon Guyane Martinique budget facture prestataire communication ' +
  'presse journaliste rendez-vous agenda ministre député maire conseil stratégie numérique militants bénévoles ' +
  'salle location sécurité logistique transport hôtel billet train avion note confidentielle validation signature ' +
  'contrat devis paiement virement banque compte relevé mardi mercredi jeudi vendredi samedi dimanche matin soir ' +
  'urgent important merci cordialement bonjour bonne journée suite échange appel téléphone courriel pièce jointe ' +
  'document version finale relecture correction discours meeting tract affiche débat télévision radio interview'
).split(' ');

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const s = out.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

function paragraphs(rand: () => number, bytes: number): string[] {
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const p = Array.from({ length: 2 + Math.floor(rand() * 5) }, () => sentence(rand, 6 + Math.floor(rand() * 14))).join(' ');
    out.push(p);
    size += p.length + 1;
  }
  return out;
}

/** A minimal zip writer (deflate through zlib, CRC-32 from zlib): much faster than jszip for a GB. */
function zipFiles(files: readonly { name: string; bytes: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const compressible = !(f.bytes[0] === 0xff && f.bytes[1] === 0xd8);
    const data = compressible ? deflateRawSync(f.bytes, { level: 6 }) : f.bytes;
    const method = compressible ? 8 : 0;
    const crc = crc32(f.bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(f.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(f.bytes.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(entry, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** A photo-like JPEG: smooth gradients plus noise, so it neither compresses to nothing nor is pure noise. */
async function makePhoto(rand: () => number, width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  const [r0, g0, b0] = [rand() * 255, rand() * 255, rand() * 255];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = (rand() - 0.5) * 90;
      raw[i] = (r0 + x / 3 + n) & 0xff;
      raw[i + 1] = (g0 + y / 3 + n) & 0xff;
      raw[i + 2] = (b0 + (x + y) / 5 + n) & 0xff;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 88 }).toBuffer();
}

export interface DumpStats {
  dir: string;
  /** Files on disk (top-level). */
  files: number;
  /** Bytes on disk. */
  diskBytes: number;
  /** E-mails in the dump (in zips, the tar.gz and the mbox). */
  emails: number;
  seconds: number;
}

/**
 * Writes a dump of at least `targetBytes` of uncompressed input under `dir`: a pool of a few
 * hundred distinct documents and photos, attached to thousands of distinct e-mails (every
 * transfer encoding and charset), zipped about 24 MB at a time, plus loose files, a tar.gz and an mbox.
 */
export async function generateDump(dir: string, targetBytes = 1.05 * 1024 * MB, seed = 2017): Promise<DumpStats> {
  const t0 = performance.now();
  const rand = prng(seed);
  await mkdir(join(dir, 'mails'), { recursive: true });
  await mkdir(join(dir, 'documents'), { recursive: true });
  await mkdir(join(dir, 'photos'), { recursive: true });

  log('  pool of documents and photos…');
  const pool: { name: string; type: string; bytes: Buffer }[] = [];
  const photos: Buffer[] = [];
  for (let i = 0; i < 60; i++) photos.push(await makePhoto(rand, 640 + Math.floor(rand() * 640), 480 + Math.floor(rand() * 480)));
  for (let i = 0; i < 80; i++) {
    const pages = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => paragraphs(rand, 2500).flatMap((p) => p.match(/.{1,95}(\s|$)/g) ?? []).slice(0, 55));
    // Half the PDFs carry a scanned page (a picture), as leaked documents often do.
    const photo = i % 2 === 0 ? photos[i % photos.length] : undefined;
    pool.push({ name: `note-${i}.pdf`, type: 'application/pdf', bytes: await makePdf(pages, { photo }) });
  }
  for (let i = 0; i < 30; i++) pool.push({ name: `document-${i}.docx`, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: await makeDocx(paragraphs(rand, 6000 + rand() * 20000)) });
  for (let i = 0; i < 15; i++) {
    const rows = Array.from({ length: 50 + Math.floor(rand() * 300) }, () => [sentence(rand, 3), String(Math.floor(rand() * 100000)), sentence(rand, 2)]);
    pool.push({ name: `budget-${i}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await makeXlsx(rows) });
  }
  for (let i = 0; i < 10; i++) pool.push({ name: `slides-${i}.pptx`, type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', bytes: await makePptx(paragraphs(rand, 3000)) });
  for (let i = 0; i < 10; i++) pool.push({ name: `compte-rendu-${i}.odt`, type: 'application/vnd.oasis.opendocument.text', bytes: await makeOdt(paragraphs(rand, 8000)) });
  for (const [i, bytes] of photos.entries()) pool.push({ name: `IMG_${2000 + i}.jpg`, type: 'image/jpeg', bytes });

  let files = 0;
  let diskBytes = 0;
  let input = 0;
  const put = async (path: string, bytes: Buffer) => {
    await writeFile(join(dir, path), bytes);
    files++;
    diskBytes += bytes.length;
  };
  // Loose documents and photos (counted once; they are also attached to e-mails below).
  for (const f of pool) {
    await put(join(f.type.startsWith('image/') ? 'photos' : 'documents', f.name), f.bytes);
    input += f.bytes.length;
  }

  // Half the attachments are re-sent as they were (forwards); the others are other copies of
  // the file (re-saved: other bytes, same content), so most of the dump's files are distinct.
  const variant = (f: (typeof pool)[number], n: number): (typeof pool)[number] => {
    if (rand() < 0.5) return f;
    if (f.type === 'application/pdf') return { ...f, bytes: Buffer.concat([f.bytes, Buffer.from(`\n%copy ${n}\n`)]) };
    if (f.type === 'image/jpeg') return { ...f, bytes: Buffer.concat([f.bytes, Buffer.from(`copy ${n}`)]) };
    return f;
  };
  const encodings: TransferEncoding[] = ['7bit', 'quoted-printable', 'base64'];
  const charsets: Charset[] = ['utf-8', 'windows-1252', 'iso-8859-1'];
  let emails = 0;
  const mail = (): Buffer => {
    const n = emails++;
    const attachments = rand() < 0.45 ? Array.from({ length: 1 + Math.floor(rand() * 2) }, () => variant(pool[Math.floor(rand() * pool.length)]!, n)) : [];
    const text = paragraphs(rand, 800 + rand() * 5000).join('\n\n');
    const html = rand() < 0.3 ? `<html><body>${text.split('\n\n').map((p) => `<p>${p}</p>`).join('')}</body></html>` : undefined;
    return makeEmail({
      subject: `${sentence(rand, 4)} (${n})`,
      text: html && rand() < 0.5 ? undefined : text,
      html,
      encoding: encodings[n % 3],
      charset: charsets[Math.floor(n / 3) % 3],
      attachments: attachments.map((a) => ({ name: a.name, contentType: a.type, bytes: a.bytes })),
    });
  };

  log('  zips of e-mails…');
  let zipIndex = 0;
  while (input < targetBytes * 0.93) {
    const entries: { name: string; bytes: Buffer }[] = [];
    let size = 0;
    while (size < 24 * MB) {
      const bytes = mail();
      entries.push({ name: `boite-${zipIndex}/${String(emails).padStart(6, '0')}.eml`, bytes });
      size += bytes.length;
    }
    await put(join('mails', `emails-part${String(zipIndex++).padStart(3, '0')}.zip`), zipFiles(entries));
    input += size;
  }
  log('  a tar.gz and an mbox…');
  const tarred: Record<string, Buffer> = {};
  let tarSize = 0;
  while (tarSize < 16 * MB) {
    const bytes = mail();
    tarred[`archives/${emails}.eml`] = bytes;
    tarSize += bytes.length;
  }
  await put(join('mails', 'archives.tar.gz'), gzipSync(await makeTar(tarred)));
  input += tarSize;
  const boxed: Buffer[] = [];
  let boxSize = 0;
  while (boxSize < 16 * MB) {
    const bytes = mail();
    boxed.push(bytes);
    boxSize += bytes.length;
  }
  const mbox = makeMbox(boxed);
  await put(join('mails', 'boite.mbox'), mbox);
  input += mbox.length;
  return { dir, files, diskBytes, emails, seconds: (performance.now() - t0) / 1000 };
}

// =================================================================================================
// The walk measurement (bare pass and full walk)
// =================================================================================================

/** Tracks the process's peak resident memory (worker threads included) while something runs. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

export interface PassFigures {
  /** Uncompressed bytes of input: every entry of every top-level archive, and every loose file. */
  inputBytes: number;
  files: number;
  seconds: number;
  mbPerSecond: number;
  peakRssMb: number;
}

async function sha256Stream(stream: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<number> {
  const hash = createHash('sha256');
  let n = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    n += chunk.length;
  }
  hash.digest();
  return n;
}

/**
 * The baseline: every top-level file read; zips, tars, gzips and mboxes opened one level and
 * each entry decompressed and SHA-256'd; nothing typed, parsed or extracted.
 */
export async function measureBarePass(dir: string): Promise<PassFigures> {
  const rss = rssSampler();
  const t0 = performance.now();
  let inputBytes = 0;
  let files = 0;
  for await (const root of listRoots([dir])) {
    if (!('size' in root)) continue;
    const head = await new Promise<Buffer>((resolve, reject) => {
      const s = createReadStream(root.path, { start: 0, end: 4095 });
      const parts: Buffer[] = [];
      s.on('data', (c) => parts.push(c as Buffer)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
    });
    const type = detectType(head, root.path);
    if (type === 'zip') {
      const zip = await yauzl.openPromise(root.path, { lazyEntries: true });
      for await (const entry of zip.eachEntry()) {
        inputBytes += await sha256Stream((await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>);
        files++;
      }
      zip.close();
    } else if (type === 'gzip' || type === 'mbox' || type === 'tar') {
      const opened = await containerFor(type)!.open({ file: root.path }, DEFAULT_LIMITS, root.path);
      for await (const entry of opened.entries) {
        const content = await entry.open();
        inputBytes += Buffer.isBuffer(content) ? await sha256Stream([content]) : await sha256Stream(content as AsyncIterable<Buffer>);
        files++;
      }
      opened.close();
    } else {
      inputBytes += await sha256Stream(createReadStream(root.path) as AsyncIterable<Buffer>);
      files++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return { inputBytes, files, seconds, mbPerSecond: inputBytes / MB / seconds, peakRssMb: rss.stop() / MB };
}

export interface WalkFigures {
  /** Every record, at every depth. */
  records: number;
  errors: number;
  documents: number;
  words: number;
  images: number;
  withPdq: number;
  seconds: number;
  peakRssMb: number;
}

/** The full walk with `jobs` worker threads, records consumed as they come (text counted, not kept). */
export async function measureWalk(dir: string, jobs = 2): Promise<WalkFigures> {
  const rss = rssSampler();
  const t0 = performance.now();
  const figures = { records: 0, errors: 0, documents: 0, words: 0, images: 0, withPdq: 0 };
  for await (const r of walk(dir, { jobs })) {
    figures.records++;
    if (r.error) figures.errors++;
    if (r.words !== undefined) {
      figures.documents++;
      figures.words += r.words;
    }
    if (['jpeg', 'png', 'webp', 'gif', 'tiff'].includes(r.type)) figures.images++;
    if (r.pdq) figures.withPdq++;
  }
  return { ...figures, seconds: (performance.now() - t0) / 1000, peakRssMb: rss.stop() / MB };
}

/** The Markdown section of the extraction figures. */
export function walkSection(dump: DumpStats, bare: PassFigures, full: WalkFigures): string {
  const fullRate = bare.inputBytes / MB / full.seconds;
  return [
    `Dump: ${fmt(bare.inputBytes / MB)} MB of uncompressed input (${fmt(dump.diskBytes / MB)} MB on disk) in ${fmt(dump.files)} files,`,
    `${fmt(dump.emails)} e-mails (7bit, quoted-printable, base64; UTF-8, windows-1252, ISO-8859-1) zipped with PDF, office and`,
    `photo attachments, loose documents and photos, a tar.gz and an mbox; generated in ${fmt(dump.seconds, 1)} s.`,
    '',
    '| pass | time | MB/s of input | ratio to bare pass | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| bare pass: decompress every entry, SHA-256 (1 thread) | ${fmt(bare.seconds, 1)} s | ${fmt(bare.mbPerSecond, 1)} | 1.00 | ${fmt(bare.peakRssMb)} MB |`,
    `| full walk: every depth, SHA-256 + MD5, text, PDQ (2 worker threads) | ${fmt(full.seconds, 1)} s | ${fmt(fullRate, 1)} | ${fmt(bare.seconds / full.seconds, 2)} | ${fmt(full.peakRssMb)} MB |`,
    '',
    `Full walk: ${fmt(full.records)} files found at every depth (${fmt(bare.files)} entries at the first level), ${fmt(full.documents)} with text`,
    `(${fmt(full.words)} words), ${fmt(full.images)} images (${full.withPdq > 0 ? `${fmt(full.withPdq)} with PDQ` : 'PDQ not available yet: hashed only'}), ${fmt(full.errors)} not read.`,
    `Targets: >= 30 MB/s (${fullRate >= 30 ? 'met' : 'NOT met'}), peak RSS < 1 GB (${full.peakRssMb < 1024 ? 'met' : 'NOT met'}).`,
  ].join('\n');
}

// =================================================================================================
// Run
// =================================================================================================

/**
 * Runs one measurement in a fresh process (`--measure bare|walk DIR`), so that its peak RSS is
 * its own and not the generator's.
 */
function measureInChild<T>(what: 'bare' | 'walk' | 'fingerprint', dir: string): T {
  const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure', what, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  if (run.status !== 0) throw new Error(`measurement ${what} failed (exit ${run.status})`);
  return JSON.parse(run.stdout) as T;
}

async function main(): Promise<void> {
  const measure = process.argv.indexOf('--measure');
  if (measure >= 0) {
    const [what, dir] = process.argv.slice(measure + 1);
    const figures = what === 'bare' ? await measureBarePass(dir!) : what === 'walk' ? await measureWalk(dir!, 2) : await measureFingerprint(dir!, join(dir!, 'dump.bank'));
    process.stdout.write(JSON.stringify(figures));
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'bank-bench-'));
  try {
    log('generating the dump…');
    // BANK_BENCH_MB: a smaller dump for trying the benchmark out (the figures need the default, 1 GB).
    const dump = await generateDump(dir, Number(process.env.BANK_BENCH_MB ?? 1075) * MB);
    log(`  ${dump.files} files, ${fmt(dump.diskBytes / MB)} MB on disk, ${dump.emails} e-mails, ${fmt(dump.seconds, 1)} s`);
    log('bare pass…');
    const bare = measureInChild<PassFigures>('bare', dir);
    log(`  ${fmt(bare.inputBytes / MB)} MB in ${fmt(bare.seconds, 1)} s`);
    log('full walk, 2 worker threads…');
    const full = measureInChild<WalkFigures>('walk', dir);
    log(`  ${full.records} records in ${fmt(full.seconds, 1)} s`);
    const load = loadavg().map((l) => fmt(l, 1)).join(', ');
    const sections = [`## Leak bank: reading the dump\n`, walkSection(dump, bare, full), `\nLoad average at the end of the run: ${load} (on ${cpus().length} cores).`];
    log('fingerprint, 2 worker threads…');
    const fingerprint = measureInChild<FingerprintFigures>('fingerprint', dir);
    sections.push(await bankFiguresSection(dir, bare, log, fingerprint)); // the bank's own figures (bench/bankFigures.ts)
    process.stdout.write(`${sections.join('\n')}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Run when executed (`npm run bench -- bank`), not when imported for its functions.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
