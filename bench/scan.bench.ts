/**
 * `scan` benchmark (issue 11). For each export format, on the same generated messages, in one run:
 * - a bare pass: read and parse the format, then per message NFKC, lower-case, one URL regex and
 *   a small JSON object written out (no matching);
 * - `blackout-guard scan --json` with `--jobs 1` and `--jobs 2`, through the real command.
 * Each is a child process started the same way (node + tsx), timed wall to wall, median of
 * several runs; peak RSS from the kernel (`/usr/bin/time`). Also: peak RSS on a big JSON Lines
 * file and a Discord export, and Slack zips of 20,000 and 80,000 day files (the reading must be
 * linear in the entries). Inputs are generated in a temporary folder, removed at the end.
 *
 * Run as `npm run bench -- scan`. SCAN_BENCH_MESSAGES (default 300,000) sets the corpus size,
 * SCAN_BENCH_BIG_MB (default 1024) the size of the big inputs, SCAN_BENCH_ZIP_ENTRIES (default
 * 20,000) the smaller zip of many day files.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { splitJsonArray } from '../src/chatExports/jsonSplitter.ts';
import { readLines } from '../src/chatExports/lines.ts';
import { openFolderTree } from '../src/chatExports/folderTree.ts';
import { openZipTree } from '../src/chatExports/zipTree.ts';
import type { ExportTree } from '../src/chatExports/exportTree.ts';
import { generateCorpus, generateRules } from './corpus.ts';

const URL_RE = /https?:\/\/[^\s<>"|]+/g;

// --- Bare passes (run in a child: `scan.bench.ts --bare FORMAT PATH`) --------------------------

/** Writes small objects to /dev/null in large pieces, as the scan does. */
class Sink {
  private buffer = '';
  private readonly out = createWriteStream('/dev/null');
  async line(id: unknown, text: unknown): Promise<void> {
    const clean = String(text ?? '').normalize('NFKC').toLowerCase();
    URL_RE.lastIndex = 0;
    let links = 0;
    while (URL_RE.exec(clean) !== null) links++;
    this.buffer += `${JSON.stringify({ id, links })}\n`;
    if (this.buffer.length > 256 * 1024) {
      if (!this.out.write(this.buffer)) await once(this.out, 'drain');
      this.buffer = '';
    }
  }
  async end(): Promise<void> {
    this.out.end(this.buffer);
    await once(this.out, 'close');
  }
}

async function bareJsonLines(file: string, sink: Sink): Promise<void> {
  for await (const line of readLines(createReadStream(file, { highWaterMark: 1024 * 1024 }))) {
    if ('tooLong' in line || line.text === '') continue;
    const m = JSON.parse(line.text) as { id: unknown; text: unknown };
    await sink.line(m.id, m.text);
  }
}

async function bareSlack(tree: ExportTree, sink: Sink): Promise<void> {
  // Day files are small: each is read whole and parsed with one JSON.parse.
  const days = [...tree.files.keys()].filter((p) => /[^/]+\/\d{4}-\d{2}-\d{2}\.json$/.test(p)).sort();
  for (const path of days) {
    const parts: Buffer[] = [];
    for await (const chunk of await tree.open(path)) parts.push(chunk as Buffer);
    for (const m of JSON.parse(Buffer.concat(parts).toString('utf8')) as { ts: unknown; text: unknown }[]) await sink.line(m.ts, m.text);
  }
  tree.close();
}

async function bareDiscord(file: string, sink: Sink): Promise<void> {
  // A file of any size must be streamed: cut with the same splitter as scan, each message parsed.
  for await (const event of splitJsonArray(createReadStream(file, { highWaterMark: 1024 * 1024 }), { arrayKey: 'messages' })) {
    if (event.kind !== 'elements') continue;
    const bytes = Buffer.from(event.bytes.buffer, event.bytes.byteOffset, event.bytes.byteLength);
    for (let i = 0; i < event.ends.length; i++) {
      const m = JSON.parse(bytes.toString('utf8', i === 0 ? 0 : event.ends[i - 1]! + 1, event.ends[i]!)) as { id: unknown; content: unknown };
      await sink.line(m.id, m.content);
    }
  }
}

if (process.argv[2] === '--bare') {
  const [format, path] = process.argv.slice(3) as [string, string];
  const sink = new Sink();
  if (format === 'jsonl') await bareJsonLines(path, sink);
  else if (format === 'slack-folder') await bareSlack(await openFolderTree(path), sink);
  else if (format === 'slack-zip') await bareSlack(await openZipTree(path), sink);
  else await bareDiscord(path, sink);
  await sink.end();
  process.exit(0);
}

// --- The benchmark ---------------------------------------------------------------------------

const log = (s: string) => process.stderr.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const MESSAGES = Number(process.env.SCAN_BENCH_MESSAGES ?? 300_000);
const BIG_MB = Number(process.env.SCAN_BENCH_BIG_MB ?? 1024);
const ZIP_ENTRIES = Number(process.env.SCAN_BENCH_ZIP_ENTRIES ?? 20_000);
const RUNS = 3;

const loadBefore = loadavg()[0]!;
const dir = mkdtempSync(join(tmpdir(), 'blackout-scan-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Runs a command; wall seconds and peak RSS (MB, every thread of the process). */
function measure(args: string[]): { seconds: number; rssMb: number } {
  const t0 = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = run.stderr.trim().split('\n');
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} failed: ${run.stderr.slice(-2000)}`);
  return { seconds, rssMb: Number(lines.at(-1)) / 1024 };
}

// Rules and corpus, as in the core bench but with a rule set of everyday size.
log('generating inputs…');
const rules = generateRules({ urls: 1_000, domains: 1_000, hashes: 10_000, keywords: 100, documents: 0 });
const config = join(dir, 'config.yaml');
writeFileSync(
  config,
  stringify({
    timezone: 'Europe/Paris',
    windows: [{ id: 't2', name: 'second round', start: '2017-05-06T00:00', end: '2017-05-07T20:00', timezone: 'Europe/Paris' }],
    leaks: [{ ...rules.leak, id: 'dump', name: 'dump', hashtags: ['MacronLeaks'] }],
  }),
);
const corpus = generateCorpus(MESSAGES, rules);
const start = Date.parse('2017-05-05T00:00:00Z');
const step = Math.floor((4 * 86_400_000) / MESSAGES);

async function writeLines(file: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  let buffer = '';
  for (let i = 0; i < count; i++) {
    buffer += line(i);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'close');
}

const jsonlLine = (i: number): string => {
  const m = corpus[i % corpus.length]!;
  const at = new Date(start + (i % MESSAGES) * step).toISOString().replace('Z', '+00:00');
  return `${JSON.stringify({ id: `m${i}`, text: m.text, at, channel: `c${i % 20}`, user: `u${i % 1000}`, ...(m.attachments && { attachments: m.attachments }) })}\n`;
};
const jsonl = join(dir, 'messages.jsonl');
await writeLines(jsonl, MESSAGES, jsonlLine);

// Slack: 20 channels, day files of 250 messages; each user message also carries its rich-text block, as Slack writes them.
const slackMessage = (i: number) => {
  const m = corpus[i]!;
  const ts = `${Math.floor((start + i * step) / 1000)}.${String(i % 1_000_000).padStart(6, '0')}`;
  return {
    client_msg_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: 'message',
    text: m.text,
    user: `U${i % 1000}`,
    ts,
    team: 'T1',
    blocks: [{ type: 'rich_text', block_id: 'b', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: m.text }] }] }],
    ...(m.attachments && { files: m.attachments.map((a, k) => ({ id: `F${i}${k}`, name: a.name, size: 1000 })) }),
  };
};
const slack = join(dir, 'slack');
mkdirSync(slack);
const channelNames = Array.from({ length: 20 }, (_, c) => `channel-${c}`);
writeFileSync(join(slack, 'channels.json'), JSON.stringify(channelNames.map((name, c) => ({ id: `C${c}`, name }))));
for (const name of channelNames) mkdirSync(join(slack, name));
const PER_DAY = 250;
for (let first = 0, day = 0; first < MESSAGES; first += PER_DAY * 20, day++) {
  for (const [c, name] of channelNames.entries()) {
    const from = first + c * PER_DAY;
    if (from >= MESSAGES) break;
    const messages = [];
    for (let i = from; i < Math.min(from + PER_DAY, MESSAGES); i++) messages.push(slackMessage(i));
    const date = new Date(Date.UTC(2017, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(join(slack, name, `${date}.json`), JSON.stringify(messages, null, 4));
  }
}
const slackZip = join(dir, 'slack.zip');
spawnSync('zip', ['-q', '-r', '-1', slackZip, '.'], { cwd: slack });

// DiscordChatExporter: one channel, indented as the tool writes it.
const discordMessage = (i: number): string => {
  const m = corpus[i % corpus.length]!;
  return JSON.stringify(
    {
      id: String(310000000000000000n + BigInt(i)),
      type: 'Default',
      timestamp: new Date(start + (i % MESSAGES) * step).toISOString().replace('Z', '+00:00'),
      timestampEdited: null,
      callEndedTimestamp: null,
      isPinned: false,
      content: m.text,
      author: { id: `20000000000000${i % 1000}`, name: 'user', discriminator: '0000', nickname: 'user', color: null, isBot: false, roles: [], avatarUrl: 'https://cdn.discordapp.com/embed/avatars/0.png' },
      attachments: (m.attachments ?? []).map((a, k) => ({ id: `${i}${k}`, url: `https://cdn.discordapp.com/attachments/1/2/${a.name}`, fileName: a.name, fileSizeBytes: 1000 })),
      embeds: [],
      stickers: [],
      reactions: [],
      mentions: [],
    },
    null,
    2,
  );
};
async function writeDiscord(file: string, count: number): Promise<void> {
  const head = '{\n  "guild": { "id": "1", "name": "Rédaction", "iconUrl": "" },\n  "channel": { "id": "301234567890999999", "type": "GuildTextChat", "categoryId": "1", "category": "Élection", "name": "politique", "topic": null },\n  "dateRange": { "after": null, "before": null },\n  "exportedAt": "2017-05-09T08:00:00.0000000+00:00",\n  "messages": [\n';
  const out = createWriteStream(file);
  out.write(head);
  let buffer = '';
  for (let i = 0; i < count; i++) {
    buffer += (i === 0 ? '' : ',\n') + discordMessage(i);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(`${buffer}\n  ],\n  "messageCount": ${count}\n}\n`);
  await once(out, 'close');
}
const discord = join(dir, 'discord.json');
await writeDiscord(discord, MESSAGES);

const SELF = new URL(import.meta.url).pathname;
const CLI = 'bin/blackout-guard.js';
const bareArgs = (format: string, path: string) => ['--import', 'tsx', SELF, '--bare', format, path];
const scanArgs = (path: string, jobs: number) => [CLI, 'scan', '--config', config, '--json', '--jobs', String(jobs), path];

// Start-up alone (an empty input): the command loads every subcommand's modules and the configuration.
const empty = join(dir, 'empty.jsonl');
writeFileSync(empty, '');
const startScan = median([0, 1, 2].map(() => measure(scanArgs(empty, 1)).seconds));
const startBare = median([0, 1, 2].map(() => measure(bareArgs('jsonl', empty)).seconds));

interface Row {
  name: string;
  mb: number;
  bare: number;
  one: number;
  two: number;
  rss: number;
}
const rows: Row[] = [];
for (const [name, format, path] of [
  ['JSON Lines', 'jsonl', jsonl],
  ['Slack export (folder)', 'slack-folder', slack],
  ['Slack export (zip)', 'slack-zip', slackZip],
  ['DiscordChatExporter JSON', 'discord', discord],
] as const) {
  log(`${name}…`);
  const bare: number[] = [];
  const one: number[] = [];
  const two: number[] = [];
  let rss = 0;
  for (let r = 0; r < RUNS; r++) {
    bare.push(measure(bareArgs(format, path)).seconds);
    one.push(measure(scanArgs(path, 1)).seconds);
    const m = measure(scanArgs(path, 2));
    two.push(m.seconds);
    rss = Math.max(rss, m.rssMb);
  }
  const mb = format === 'slack-folder' ? Number(spawnSync('du', ['-sb', path], { encoding: 'utf8' }).stdout.split('\t')[0]) / 1e6 : statSync(path).size / 1e6;
  rows.push({ name, mb, bare: median(bare), one: median(one), two: median(two), rss });
}
rmSync(slack, { recursive: true, force: true });
rmSync(slackZip, { force: true });

// Peak RSS on big inputs (one run each, --jobs 2).
log(`big inputs (${BIG_MB} MB)…`);
const bigJsonl = join(dir, 'big.jsonl');
const perLine = statSync(jsonl).size / MESSAGES;
const bigCount = Math.floor((BIG_MB * 1e6) / perLine);
await writeLines(bigJsonl, bigCount, jsonlLine);
const bigJsonlRun = measure(scanArgs(bigJsonl, 2));
const bigJsonlMb = statSync(bigJsonl).size / 1e6;
rmSync(bigJsonl);
const bigDiscord = join(dir, 'big.json');
await writeDiscord(bigDiscord, Math.floor((BIG_MB * 1e6) / (statSync(discord).size / MESSAGES)));
const bigDiscordRun = measure(scanArgs(bigDiscord, 2));
const bigDiscordMb = statSync(bigDiscord).size / 1e6;
rmSync(bigDiscord);

// Slack zips of many day files: reading them must be linear in the entries.
log('zips of many day files…');
const zipRuns: { entries: number; seconds: number }[] = [];
for (const entries of [ZIP_ENTRIES, ZIP_ENTRIES * 4]) {
  const root = join(dir, `many-${entries}`);
  mkdirSync(join(root, 'general'), { recursive: true });
  writeFileSync(join(root, 'channels.json'), '[{"id":"C1","name":"general"}]');
  for (let i = 0; i < entries; i++) {
    const date = new Date(Date.UTC(1900, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(join(root, 'general', `${date}.json`), `[{"ts":"${1494064800 + i}.000100","text":"jour ${i}"}]`);
  }
  const zip = join(dir, `many-${entries}.zip`);
  spawnSync('zip', ['-q', '-r', '-0', zip, '.'], { cwd: root });
  rmSync(root, { recursive: true, force: true });
  zipRuns.push({ entries, seconds: measure(scanArgs(zip, 1)).seconds });
  rmSync(zip);
}

const ok = (cond: boolean) => (cond ? 'met' : '**missed**');
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
const table = rows
  .map(
    (r) =>
      `| ${r.name} | ${fmt(r.mb)} | ${fmt(r.bare, 2)} | ${fmt(r.one, 2)} (${fmt(r.one / r.bare, 2)}×) | ${fmt(r.two, 2)} (${fmt(r.two / r.bare, 2)}×) | ${fmt(r.one / r.two, 2)}× | ${fmt(MESSAGES / r.two)} | ${fmt(r.rss)} |`,
  )
  .join('\n');
const worst = Math.max(...rows.map((r) => r.two / r.bare));
const worstOne = Math.max(...rows.map((r) => r.one / r.bare));
const minSpeedup = Math.min(...rows.map((r) => r.one / r.two));
const maxRss = Math.max(bigJsonlRun.rssMb, bigDiscordRun.rssMb, ...rows.map((r) => r.rss));
const zipRatio = zipRuns[1]!.seconds / zipRuns[0]!.seconds;

console.log(`## Scan (\`npm run bench -- scan\`)

${fmt(MESSAGES)} generated messages (the core bench's corpus: 1% sharing, 2% mentions, 10% news links) in each format,
classified against ${fmt(12_100)} rules (1,000 URLs, 1,000 domains, 10,000 SHA-256, 100 keywords), one window.
Every figure is the wall time of a child process started the same way (node with tsx), output to /dev/null,
median of ${RUNS} runs, on ${machine}; load average ${fmt(loadBefore, 1)} at the start and ${fmt(loadavg()[0]!, 1)} at the end
(other work on the machine slows every figure, the bare pass as much as the scan, and parallel threads most).
**Bare pass**: read and parse the format (JSON Lines: line by line; Slack: each day file with one \`JSON.parse\`;
Discord: cut by the same streaming splitter as \`scan\`, each message parsed), then per message NFKC, lower-case,
one URL regex, and a small JSON object written out. **scan**: \`blackout-guard scan --json --jobs N\`.
Slack messages carry their rich-text block as Slack writes them (also read by \`scan\`).

| format | MB | bare pass, s | scan --jobs 1, s (÷ bare) | scan --jobs 2, s (÷ bare) | speed-up 1→2 jobs | messages/s (2 jobs) | peak RSS, MB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${table}

Start-up alone (an empty input, included in every figure above): \`scan\` ${fmt(startScan, 2)} s, bare pass ${fmt(startBare, 2)} s.
Without it, JSON Lines: scan --jobs 1 ${fmt((rows[0]!.one - startScan) / (rows[0]!.bare - startBare), 2)}× the bare pass, --jobs 2 ${fmt((rows[0]!.two - startScan) / (rows[0]!.bare - startBare), 2)}×.

Big inputs, \`--jobs 2\`, one run: JSON Lines of ${fmt(bigJsonlMb)} MB in ${fmt(bigJsonlRun.seconds, 1)} s, peak RSS ${fmt(bigJsonlRun.rssMb)} MB;
a DiscordChatExporter file of ${fmt(bigDiscordMb)} MB in ${fmt(bigDiscordRun.seconds, 1)} s, peak RSS ${fmt(bigDiscordRun.rssMb)} MB.
(Memory does not grow with the input: at most two chunks of about 1 MiB per thread are in flight, and each thread runs a full garbage collection every 16 MiB of input; 5 GB was not run here for time.)

Slack zips of one-message day files, \`--jobs 1\`: ${zipRuns.map((z) => `${fmt(z.entries)} entries ${fmt(z.seconds, 1)} s`).join(', ')}
(${fmt(zipRatio, 1)}× the time for 4× the entries; it was 12 s for 25,000 and 145 s for 100,000 before).

| target | measured | |
| --- | --- | --- |
| scan --json within 2× the bare pass, every format | worst ${fmt(worst, 2)}× with 2 jobs, ${fmt(worstOne, 2)}× with 1 | ${ok(worst <= 2)} |
| speed-up from 1 to 2 jobs ≥ 1.7× | lowest ${fmt(minSpeedup, 2)}× | ${ok(minSpeedup >= 1.7)} |
| peak RSS < 300 MB | at most ${fmt(maxRss)} MB (inputs up to ${fmt(Math.max(bigJsonlMb, bigDiscordMb))} MB) | ${ok(maxRss < 300)} |
| Slack zip reading linear in its entries | ${fmt(zipRatio, 1)}× for 4× | ${ok(zipRatio < 6)} |
`);
