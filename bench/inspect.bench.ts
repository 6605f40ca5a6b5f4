/**
 * Inspection of attachments (issue 9 §4), in one process, through the real worker pool:
 * - images inspected per second, PDQ only (photos, OCR off) and PDQ + OCR (screenshots), against
 *   a bare decode of the same images (sharp to raw pixels, no hashing, no matching, one thread);
 * - a 20-page PDF: attachment to verdict (walker, text extraction, excerpt matching), against a
 *   bare pass (the walker extracting its text on the main thread, no pool, no matching);
 * - text messages classified on the main event loop every 5 ms (200 msg/s), idle and while 2
 *   screenshots/s are handed to the inspector: their latency p50/p99.
 * - a screenshot posted → the warning, end to end on Discord: the stand-in and one bot process
 *   (the real discord.js client, SQLite store, default policy), its OCR models warmed at start as
 *   `start` does; p50/p99, against a baseline of the same screenshots posted with a leaked link
 *   (downloaded and hashed the same way, but a share by their text: not inspected).
 * Medians over rounds; 2 cores here, so the pool has one thread and the event loop the other.
 * BENCH_INSPECT_SHOTS (default 20) sets how many screenshots are posted to the bot.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { classify, compileEngine, parseConfigText, type Engine } from '../src/core/index.ts';
import { walk } from '../src/extract/walk.ts';
import { pdqHash } from '../src/image/pdq.ts';
import { AttachmentInspector, withInspection } from '../src/inspect/index.ts';
import { LEAKED_BODY, LEAKED_EMAIL, LEAKED_EMAIL_ID, UNRELATED_BODY, pdfOf, photoOf, resavedPhoto, screenshotOf } from '../test/inspect/files.ts';
import { writeDiscordBenchConfig } from './discordBenchConfig.ts';

// This file with `--bot` is the bot process of the Discord part (below): it never returns.
if (process.argv.includes('--bot')) await runBot();

const log = (s: string) => process.stderr.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const now = () => performance.now();
const ROUNDS = 3;

const yaml = (ocr: boolean) => `
windows: [{ id: t2, start: 2017-05-06T00:00, end: 2017-05-07T20:00 }]
leaks: [{ id: macronleaks }]
attachments: { inspect: always, ocr: ${ocr} }
`;
const leakedPhoto = await photoOf(2041);
const leakedPdq = await pdqHash(leakedPhoto);
function engineOf(ocr: boolean): Engine {
  return compileEngine(parseConfigText(yaml(ocr), 'bench.yaml').config, [{ leak: 'macronleaks', id: LEAKED_EMAIL_ID, text: LEAKED_BODY }], {
    pdq: [{ leak: 'macronleaks', value: 'photos/IMG_2041.jpg', hash: leakedPdq.hash, quality: leakedPdq.quality }],
  });
}
const pdqEngine = engineOf(false);
const ocrEngine = engineOf(true);

// Every round gets files of its own (other bytes), so that nothing read in one round is reused in
// the next: the walker remembers results by SHA-256 only within one attachment.
log('making files…');
const PHOTOS = 24;
const SHOTS = 8;
const photoRounds: Buffer[][] = [];
const shotRounds: Buffer[][] = [];
for (let r = 0; r < ROUNDS; r++) {
  const photos = [await resavedPhoto(await sharp(leakedPhoto).jpeg({ quality: 90 - r }).toBuffer())];
  for (let i = 1; i < PHOTOS; i++) photos.push(await photoOf(r * 1000 + i, 1024));
  photoRounds.push(photos);
  const shots: Buffer[] = [];
  for (let i = 0; i < SHOTS; i++) {
    shots.push(await screenshotOf(i % 2 === 0 ? LEAKED_BODY : UNRELATED_BODY, { fontSize: 15 + (i % 3), header: `Capture ${r}-${i}` }));
  }
  shotRounds.push(shots);
}
// About 20 pages of memos, the leaked e-mail at the end; a title of its own for each run.
let longText = '';
while (longText.length < 20 * 1_550) longText += `${UNRELATED_BODY}\n`;
longText += LEAKED_BODY;
const pdfs: Buffer[] = [];
for (let r = 0; r < 7; r++) pdfs.push(await pdfOf(longText, `vingt pages ${r}`));
const pdfPages = (await PDFDocument.load(pdfs[0]!)).getPageCount();

const inspector = new AttachmentInspector({ timeLimitMs: 60_000, maxQueued: 64 });
const threads = Math.min(4, Math.max(1, availableParallelism() - 1));
await inspector.warmUp(ocrEngine.config);

/** Files per second through the inspector, every file submitted at once (the queue bounds them). */
async function rate(engine: Engine, files: readonly Buffer[], name: string): Promise<{ perSecond: number; matched: number }> {
  const t0 = now();
  const results = await Promise.all(files.map((f, i) => inspector.inspect(engine, { name: `${name}-${i}`, bytes: new Uint8Array(f) })));
  const busy = results.filter((r) => r.notInspected.length > 0).length;
  if (busy > 0) log(`  ${busy} not inspected`);
  return { perSecond: files.length / ((now() - t0) / 1000), matched: results.filter((r) => r.signals.length > 0).length };
}

/** Bare decode: sharp to raw pixels, one image after another on this thread (libvips' own threads). */
async function bareDecode(files: readonly Buffer[]): Promise<number> {
  const t0 = now();
  for (const f of files) await sharp(f).raw().toBuffer();
  return files.length / ((now() - t0) / 1000);
}
await bareDecode(photoRounds[0]!.slice(0, 2));

log('PDQ only…');
const pdqRates: number[] = [];
const bareRates: number[] = [];
let pdqMatched = 0;
for (const photos of photoRounds) {
  const { perSecond, matched } = await rate(pdqEngine, photos, 'photo');
  pdqRates.push(perSecond);
  pdqMatched = matched;
  bareRates.push(await bareDecode(photos));
}
log('PDQ + OCR…');
const ocrRates: number[] = [];
const bareShotRates: number[] = [];
let ocrMatched = 0;
for (const shots of shotRounds) {
  const { perSecond, matched } = await rate(ocrEngine, shots, 'capture');
  ocrRates.push(perSecond);
  ocrMatched = matched;
  bareShotRates.push(await bareDecode(shots));
}

log('20-page PDF…');
const pdfTimes: number[] = [];
const pdfBare: number[] = [];
let pdfVerdict = '';
for (const pdf of pdfs) {
  const t0 = now();
  const found = await inspector.inspect(pdqEngine, { name: 'rapport.pdf', bytes: new Uint8Array(pdf) });
  pdfVerdict = withInspection(classify(pdqEngine, { text: 'regardez', at: Date.parse('2017-05-06T12:00:00+02:00') }), [found]).verdict;
  pdfTimes.push(now() - t0);
  const t1 = now();
  for await (const f of walk({ name: 'rapport.pdf', bytes: pdf }, { pdq: false })) void f.words;
  pdfBare.push(now() - t1);
}

log('event loop while screenshots are read…');
const TICK_MS = 5;
/**
 * Every 5 ms a text message is classified on the event loop, as the bots would at 200 msg/s; its
 * latency is how late the tick ran plus the classification. Optionally 2 screenshots/s are handed
 * to the inspector meanwhile.
 */
async function loopDelay(ms: number, load: boolean): Promise<{ p50: number; p99: number; max: number }> {
  const latencies: number[] = [];
  const pending: Promise<unknown>[] = [];
  let i = 0;
  const shots = shotRounds.flat();
  const feeder = load ? setInterval(() => pending.push(inspector.inspect(ocrEngine, { name: `s${i}`, bytes: new Uint8Array(shots[i++ % shots.length]!) })), 500) : undefined;
  const start = now();
  let due = start + TICK_MS;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const t = now();
      classify(ocrEngine, { text: `message ${latencies.length}: regardez le document de la campagne`, at: 0 });
      latencies.push(Math.max(0, t - due) + (now() - t));
      due += TICK_MS;
      while (due < t) due += TICK_MS;
      if (t - start >= ms) {
        clearInterval(tick);
        resolve();
      }
    }, TICK_MS);
  });
  if (feeder) clearInterval(feeder);
  await Promise.all(pending);
  const sorted = latencies.sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, p99: sorted[Math.floor(sorted.length * 0.99)]!, max: sorted[sorted.length - 1]! };
}
const idle = await loopDelay(5_000, false);
const loaded = await loopDelay(10_000, true);
await inspector.close();

log('Discord: screenshot posted → warning…');
const discord = await screenshotToWarning(Number(process.env.BENCH_INSPECT_SHOTS ?? 20));

const ok = (cond: boolean) => (cond ? 'met' : '**missed**');
const pdqRate = median(pdqRates);
const ocrRate = median(ocrRates);
const bareRate = median(bareRates);
const bareShotRate = median(bareShotRates);
const msPer = (rate: number) => fmt(1000 / rate, 1);
console.log(`## Inspection of attachments (\`npm run bench -- inspect\`)

Through the real worker pool (${threads} thread${threads > 1 ? 's' : ''}: one core is left to the event loop), the real walker, PDQ
and OCR (tesseract.js, fra+eng, models warmed up). Photos: ${PHOTOS} generated JPEGs of 1024×1024 per round (one a resized copy
of a leaked photo); screenshots: ${SHOTS} PNGs of e-mails rendered from SVG text per round (half of them leaked); new files each
round. Each round submits every file at once; medians of ${ROUNDS} rounds. The bare decode is sharp decoding the same files to
raw pixels, one after another (PDQ decodes JPEGs shrunk, so it can beat a full decode).

| measure | inspection | bare decode | inspection ÷ bare decode (time per image) |
| --- | ---: | ---: | ---: |
| photos, PDQ only (${pdqMatched} of ${PHOTOS} matched) | ${fmt(pdqRate, 1)}/s (${msPer(pdqRate)} ms each) | ${fmt(bareRate, 1)}/s (${msPer(bareRate)} ms) | ${fmt(bareRate / pdqRate, 2)}× |
| screenshots, PDQ + OCR (${ocrMatched} of ${SHOTS} matched) | ${fmt(ocrRate, 2)}/s (${msPer(ocrRate)} ms each) | ${fmt(bareShotRate, 1)}/s (${msPer(bareShotRate)} ms) | ${fmt(bareShotRate / ocrRate, 0)}× |

| measure | inspection | bare pass (walker, main thread) | ratio |
| --- | ---: | ---: | ---: |
| PDF of ${pdfPages} pages → verdict (\`${pdfVerdict}\`), median of 7 | ${fmt(median(pdfTimes))} ms | ${fmt(median(pdfBare))} ms | ${fmt(median(pdfTimes) / median(pdfBare), 2)}× |

Text messages on the event loop (one classified every 5 ms, as at 200 msg/s; latency = lateness of its turn + classification),
idle and with 2 screenshots/s handed to the inspector for 10 s:

| | p50 | p99 | max |
| --- | ---: | ---: | ---: |
| idle | ${fmt(idle.p50, 1)} ms | ${fmt(idle.p99, 1)} ms | ${fmt(idle.max, 1)} ms |
| 2 screenshots/s | ${fmt(loaded.p50, 1)} ms | ${fmt(loaded.p99, 1)} ms | ${fmt(loaded.max, 1)} ms |

| target | measured | |
| --- | --- | --- |
| a PDF of 20 pages → verdict < 1 s | ${fmt(median(pdfTimes))} ms | ${ok(median(pdfTimes) < 1000)} |
| text messages keep p99 < 50 ms while images are inspected | p99 ${fmt(loaded.p99, 1)} ms | ${ok(loaded.p99 < 50)} |
| screenshot posted → warning, p50 < 2 s | ${fmt(discord.shots.p50)} ms | ${ok(discord.shots.p50 < 2000)} |
| screenshot posted → warning, p99 < 5 s | ${fmt(discord.shots.p99)} ms | ${ok(discord.shots.p99 < 5000)} |

Screenshot posted → warning on Discord: the Discord stand-in and one bot process (the real discord.js client, SQLite store,
default policy: warn, delete, alert, record), its inspection thread started and OCR models loaded at start, as \`start\` does
(${discord.warm}). ${discord.shots.count} screenshots of the leaked e-mail (new bytes each), posted one at a time (the next once
the last is warned, at most one every ${discord.gapMs / 1000} s; the baseline's every 0.2 s), each by its own author; latency from the stand-in writing
MESSAGE_CREATE to it receiving the warning POST. Baseline: the same screenshots posted with a leaked link, downloaded and
hashed the same way but a share by their text, so not inspected.

| measure | samples | p50 | p99 | p50 ÷ baseline | p99 ÷ baseline |
| --- | ---: | ---: | ---: | ---: | ---: |
| screenshot + leaked link → warning (baseline) | ${discord.baseline.count} | ${fmt(discord.baseline.p50)} ms | ${fmt(discord.baseline.p99)} ms | 1.0 | 1.0 |
| screenshot of the leaked e-mail → warning (OCR) | ${discord.shots.count} | ${fmt(discord.shots.p50)} ms | ${fmt(discord.shots.p99)} ms | ${fmt(discord.shots.p50 / discord.baseline.p50, 1)} | ${fmt(discord.shots.p99 / discord.baseline.p99, 1)} |
${discord.missing > 0 ? `\n${discord.missing} screenshots were never warned about.\n` : ''}
Load average at the end of the run: ${loadavg().map((l) => fmt(l, 1)).join(', ')} on ${availableParallelism()} cores${loadavg()[0]! > 1.5 ? ' (other work was running: OCR figures in particular are lower than on an idle machine)' : ''}.
`);

interface Latencies {
  count: number;
  p50: number;
  p99: number;
}

function latencies(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99) };
}

/**
 * Screenshots posted to the Discord stand-in, one bot process: each is posted once the previous
 * one is warned (and at least `gapMs` after it), so that latencies are not one screenshot's wait
 * behind another's. Resolves to the baseline's and the screenshots' latencies.
 */
async function screenshotToWarning(count: number): Promise<{ baseline: Latencies; shots: Latencies; missing: number; gapMs: number; warm: string }> {
  const { DiscordStandIn } = await import('../src/standins/discord/standin.ts');
  const { snowflake } = await import('../src/standins/discord/snowflake.ts');
  const dir = await mkdtemp(join(tmpdir(), 'blackout-bench-inspect-'));
  await mkdir(join(dir, 'mails'));
  await writeFile(join(dir, 'mails', '0007.eml'), LEAKED_EMAIL);
  const standIn = await DiscordStandIn.start();
  const { ids } = standIn;
  const configFile = await writeDiscordBenchConfig(dir, ids.alerts, { id: 'macronleaks', urls: ['pastebin.example/emleaks-2017'], documents: [join(dir, 'mails')] });
  const shots: Buffer[] = [];
  for (let i = 0; i < count; i++) shots.push(await screenshotOf(LEAKED_BODY, { fontSize: 15 + (i % 3), header: `Capture bot ${i}` }));

  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--bot'], {
    env: { ...process.env, BENCH_CONFIG: configFile, DISCORD_TOKEN: standIn.token, DISCORD_API_URL: standIn.apiUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8');
  const warm = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: string) => {
      const line = /^ready (.*)$/m.exec(d)?.[1];
      if (line !== undefined) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`bot process exited with ${code}`)));
  });

  const warned = new Map<string, (at: number) => void>();
  standIn.on('call', (call) => {
    if (call.method !== 'POST' || call.path !== `/channels/${ids.general}/messages`) return;
    const author = /^<@(\d+)>$/.exec(call.body?.content ?? '')?.[1];
    if (author !== undefined) warned.get(author)?.(call.atMs);
  });
  const gapMs = 2000;
  let missing = 0;
  /** Posts each file in turn and returns the latency of each warning that came. */
  const run = async (files: readonly Buffer[], content: string, minGapMs: number): Promise<number[]> => {
    const out: number[] = [];
    for (const [i, data] of files.entries()) {
      const author = snowflake();
      const t0 = performance.now();
      const arrived = new Promise<number | undefined>((resolve) => {
        warned.set(author, resolve);
        setTimeout(() => resolve(undefined), 30_000).unref();
      });
      standIn.post({ channelId: ids.general, authorId: author, content, attachments: [{ name: `capture-${i}.png`, data }] });
      const at = await arrived;
      warned.delete(author);
      if (at === undefined) missing += 1;
      else out.push(at - t0);
      const wait = minGapMs - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    return out;
  };
  // One of each first: the first message of a kind pays for JIT compilation and first statements.
  await run(shots.slice(0, 1), 'les documents https://pastebin.example/emleaks-2017', 200);
  const baseline = await run(shots, 'les documents https://pastebin.example/emleaks-2017', 200);
  missing = 0;
  const found = await run(shots, 'regardez', gapMs);
  log(`  screenshot → warning, in posting order: ${found.map((ms) => Math.round(ms)).join(', ')} ms`);

  child.kill('SIGTERM');
  await once(child, 'exit');
  await standIn.stop();
  await rm(dir, { recursive: true, force: true });
  return { baseline: latencies(baseline), shots: latencies(found), missing, gapMs, warm };
}

/**
 * The bot process: configuration from BENCH_CONFIG, stand-in from DISCORD_API_URL. Logs in and
 * warms attachment inspection up at once, as `start` does, then says `ready` with what the
 * warm-up made ready; stops on SIGTERM.
 */
async function runBot(): Promise<never> {
  const { startDiscordBot } = await import('../src/discord/bot.ts');
  const { warmUpInspection } = await import('../src/inspect/index.ts');
  const { openBenchBot, stopOnSigterm } = await import('./botProcess.ts');
  const state = await openBenchBot(process.env.BENCH_CONFIG!);
  const { live, store, logger } = state;
  const started = performance.now();
  const warming = warmUpInspection(live.config, logger);
  const bot = await startDiscordBot({ token: process.env.DISCORD_TOKEN!, apiUrl: process.env.DISCORD_API_URL!, live, store, logger });
  const report = await warming;
  const ready = report === undefined ? 'warm-up failed' : `${report.threads} thread${report.threads === 1 ? '' : 's'}, OCR ${report.ocrLanguages.join('+')} loaded ${Math.round(performance.now() - started)} ms after start`;
  process.stdout.write(`ready ${ready}\n`);
  stopOnSigterm(state, () => bot.stop());
  return new Promise<never>(() => {});
}
