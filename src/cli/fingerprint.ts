/**
 * `blackout-guard fingerprint --leak ID --out FILE [--name NAME] [--append] [--jobs N] PATH…`
 * reads files, folders and archives (every depth: zip, tar, gzip, e-mails, mbox) and writes a
 * bank of their fingerprints, never their text or content. `--json` prints one record per file
 * found instead; `--from-list FILE` imports a shared hash list (`kind,value` CSV).
 *
 * Exit codes: 0 done; 1 done, but some files could not be read (counted by reason on stderr);
 * 2 usage error, a bad list or an unusable bank to append to (nothing written).
 */
import { once } from 'node:events';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { BankError, emptyBank, type Bank } from '../bank/bank.ts';
import { BankBuilder } from '../bank/builder.ts';
import { readBank, writeBank } from '../bank/file.ts';
import { parseList } from '../bank/fromList.ts';
import { foundFiles } from '../bank/source.ts';
import type { FoundFile } from '../extract/types.ts';
import { configOption, loadConfigOption } from './configOption.ts';
import { EXIT, usageError, withExitCode, type ExitCode } from './exitCodes.ts';

interface FingerprintOptions {
  config?: string;
  leak?: string;
  name?: string;
  out?: string;
  append?: boolean;
  json?: boolean;
  jobs?: string;
  fromList?: string;
}

/** Adds `fingerprint` to the program. */
export function registerFingerprintCommand(program: Command): void {
  program
    .command('fingerprint')
    .description('write a bank of the fingerprints of a leak (hashes, names, document and image fingerprints; never content)')
    .argument('[paths...]', 'files, folders and archives of the leak')
    .option('--leak <id>', 'leak set id the bank is for')
    .option('--name <name>', 'a name for people, e.g. "EMLEAKS, part 1"')
    .option('--out <file>', 'the bank file to write')
    .option('--append', 'add to the bank in --out instead of replacing it')
    .option('--json', 'print one JSON record per file found instead of writing a bank')
    .option('--jobs <n>', `worker threads reading files (default: the machine's cores, ${availableParallelism()} here)`)
    .option('--from-list <file>', 'import a shared list: CSV lines "kind,value" (sha256, md5, pdq, url, domain, infohash, filename)')
    .addOption(configOption().default(undefined, 'none: --leak is then not checked against a configuration'))
    .addHelpText(
      'after',
      `
With --config, --leak must name one of its leak sets (a bank for another organisation needs none).

Example:
  $ blackout-guard fingerprint --leak macronleaks --name "EMLEAKS" --out banks/emleaks.bank dump/
  $ blackout-guard fingerprint --leak macronleaks --out banks/emleaks.bank --append part2.zip
  $ blackout-guard fingerprint --leak macronleaks --out banks/shared.bank --from-list hashes.csv
  $ blackout-guard fingerprint --json dump.zip > files.jsonl`,
    )
    .action(
      withExitCode((paths: string[], options: FingerprintOptions) =>
        runFingerprint(paths, options, { stdout: process.stdout, stderr: process.stderr, progress: process.stderr.isTTY === true }),
      ),
    );
}

export interface FingerprintIo {
  stdout: Writable;
  stderr: Writable;
  /** Show a progress bar on stderr (only on a terminal). */
  progress: boolean;
}

/** Runs the command; resolves to its exit code, throws a usage error (exit 2) for bad options. */
export async function runFingerprint(paths: string[], options: FingerprintOptions, io: FingerprintIo): Promise<ExitCode> {
  const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw usageError(`--jobs: expected a whole number from 1 to 256, got "${options.jobs}"`);
  if (options.json) {
    if (paths.length === 0) throw usageError('fingerprint --json: name at least one file or folder');
    return listFiles(paths, jobs, io);
  }
  if (!options.leak) throw usageError('fingerprint: --leak ID is required (the leak set the bank is for)');
  if (!options.out) throw usageError('fingerprint: --out FILE is required (the bank to write)');
  if (options.config !== undefined) {
    const { config } = await loadConfigOption(options.config);
    const known = config.leaks.map((l) => l.id);
    if (!known.includes(options.leak)) throw usageError(`fingerprint: --leak "${options.leak}" is not a leak set of ${options.config} (${known.join(', ') || 'it has none'})`);
  }
  if (paths.length === 0 && !options.fromList) throw usageError('fingerprint: name files or folders to fingerprint, or --from-list FILE');
  const bank = await startingBank(options.out, options.leak, options.name, options.append === true);
  const builder = new BankBuilder(bank);
  if (options.fromList) await importList(options.fromList, builder);
  const tally = new Tally();
  if (paths.length > 0) {
    const bar = io.progress ? await ProgressBar.start(paths, io.stderr) : undefined;
    try {
      for await (const file of foundFiles(paths, { jobs, text: true, pdq: true })) {
        builder.addFile(file);
        tally.add(file);
        bar?.update(file);
      }
    } finally {
      bar?.stop();
    }
  }
  const written = builder.finish();
  const size = await writeBank(options.out, written);
  io.stderr.write(tally.summary());
  io.stderr.write(
    `Bank ${options.out}: ${written.documents.length} documents, ${written.images.length} images, ${written.sha256.length} SHA-256, ` +
      `${written.fileNames.length} names${listedSummary(written)} (${formatMb(size)}${tally.bytes > 0 ? `, ${((100 * size) / tally.bytes).toFixed(2)}% of the input` : ''}).\n`,
  );
  return tally.unread > 0 ? EXIT.skipped : EXIT.ok;
}

/** The bank to add to: the one in `out` with --append (if it exists), else an empty one. */
async function startingBank(out: string, leak: string, name: string | undefined, append: boolean): Promise<Bank> {
  if (append) {
    const exists = await stat(out).then(
      () => true,
      () => false,
    );
    if (exists) {
      let bank: Bank;
      try {
        bank = await readBank(out);
      } catch (err) {
        if (err instanceof BankError) throw usageError(`cannot append: ${err.message}`);
        throw err;
      }
      if (bank.info.leak !== leak) throw usageError(`cannot append: bank ${out} is for leak set "${bank.info.leak}", not "${leak}"`);
      if (name !== undefined) bank.info.name = name;
      return bank;
    }
  }
  return emptyBank(leak, name);
}

async function importList(file: string, builder: BankBuilder): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw usageError(`--from-list: cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message}`);
  }
  const { values, problems } = parseList(text);
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  ${file}:${p.line}: ${p.message}`);
    if (problems.length > 20) shown.push(`  … and ${problems.length - 20} more`);
    throw usageError(`--from-list: ${problems.length} bad line${problems.length === 1 ? '' : 's'}, nothing written:\n${shown.join('\n')}`);
  }
  for (const v of values) builder.addListed(v.kind, v.value, v.quality);
}

/** `--json`: one record per file, in order; the text itself is never printed. */
async function listFiles(paths: string[], jobs: number, io: FingerprintIo): Promise<ExitCode> {
  const tally = new Tally();
  // A reader that stops early (`| head`) ends the listing, not with an error.
  let closed = false;
  io.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
    else throw err;
  });
  for await (const file of foundFiles(paths, { jobs, text: false, pdq: true })) {
    if (closed) break;
    tally.add(file);
    const record = {
      path: file.path,
      type: file.type,
      bytes: file.bytes,
      ...(file.sha256 !== undefined && { sha256: file.sha256 }),
      ...(file.pdq !== undefined && { pdq: file.pdq.hash, pdqQuality: file.pdq.quality }),
      ...(file.words !== undefined && { words: file.words }),
      ...(file.error !== undefined && { error: file.error }),
    };
    if (!io.stdout.write(`${JSON.stringify(record)}\n`)) {
      await once(io.stdout, 'drain').catch(() => {
        closed = true;
      });
    }
  }
  if (closed) return EXIT.ok;
  io.stderr.write(tally.summary());
  return tally.unread > 0 ? EXIT.skipped : EXIT.ok;
}

/** Counts by type, and files not read by reason. */
class Tally {
  readonly #types = new Map<string, { files: number; bytes: number }>();
  readonly #reasons = new Map<string, number>();
  /** Bytes of the top-level files (the input as given). */
  bytes = 0;
  unread = 0;

  add(file: FoundFile): void {
    const t = this.#types.get(file.type) ?? { files: 0, bytes: 0 };
    t.files++;
    t.bytes += file.bytes;
    this.#types.set(file.type, t);
    if (!file.path.includes('!/')) this.bytes += file.bytes;
    if (file.error !== undefined) {
      this.unread++;
      // Reasons are grouped by their kind (before any detail after a colon).
      const reason = file.error.split(':')[0]!.trim();
      this.#reasons.set(reason, (this.#reasons.get(reason) ?? 0) + 1);
    }
  }

  summary(): string {
    const lines = [...this.#types.entries()]
      .sort((a, b) => b[1].files - a[1].files)
      .map(([type, t]) => `  ${type.padEnd(8)} ${String(t.files).padStart(8)} files ${formatMb(t.bytes).padStart(10)}`);
    const unread = [...this.#reasons.entries()].map(([reason, n]) => `${n} file${n === 1 ? '' : 's'} not read: ${reason}`);
    return `Files found, by type:\n${lines.join('\n')}\n${unread.join('\n')}${unread.length > 0 ? '\n' : ''}`;
  }
}

function listedSummary(bank: Bank): string {
  const parts = [
    [bank.md5.length, 'MD5'],
    [bank.urls.length, 'links'],
    [bank.domains.length, 'domains'],
    [bank.infohashes.length, 'infohashes'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `, ${n} ${what}`)
    .join('');
}

function formatMb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** Files, MB/s and ETA on stderr, measured in bytes of the top-level files. */
class ProgressBar {
  readonly #bar: SingleBar;
  readonly #started = performance.now();
  #files = 0;
  #bytes = 0;

  private constructor(total: number, stderr: Writable) {
    this.#bar = new SingleBar({
      stream: stderr,
      format: ' {bar} {percentage}% | {files} files | {rate} MB/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
    });
    this.#bar.start(Math.max(1, total), 0, { files: 0, rate: '0.0' });
  }

  static async start(paths: string[], stderr: Writable): Promise<ProgressBar> {
    let total = 0;
    for (const path of paths) total += await sizeOf(path);
    return new ProgressBar(total, stderr);
  }

  update(file: FoundFile): void {
    this.#files++;
    if (!file.path.includes('!/')) this.#bytes += file.bytes;
    const seconds = (performance.now() - this.#started) / 1000;
    this.#bar.update(this.#bytes, { files: this.#files, rate: (this.#bytes / 1024 / 1024 / Math.max(seconds, 0.001)).toFixed(1) });
  }

  stop(): void {
    this.#bar.stop();
  }
}

/** Total size of the files under `path` (0 when it cannot be read: the walker reports it). */
async function sizeOf(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return info.size;
    let total = 0;
    for (const entry of await readdir(path)) if (!entry.startsWith('.')) total += await sizeOf(join(path, entry));
    return total;
  } catch {
    return 0;
  }
}
