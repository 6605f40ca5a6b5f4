/**
 * `blackout-guard scan [--config F] [--json] [--only V] [--jobs N] [--media] PATH…`: classifies every
 * message of chat exports (JSON Lines, Slack workspace exports as folder or zip,
 * DiscordChatExporter JSON) offline, so a newsroom's legal team can check what was posted during
 * a blackout. With `--json`, one result per message on stdout, in input order; without it, a
 * summary. Bad records are reported on stderr and skipped. Exit code: 0 all read, 1 something
 * skipped, 2 usage or configuration error (a missing input included: nothing is scanned).
 *
 * This thread reads and cuts the input into chunks; classification runs on `--jobs` worker
 * threads (src/scan/), and results are written in input order. With `--media`, the attachments
 * an export carries are inspected on the inspection pool (src/scan/media/) before their
 * message's line is written.
 */
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { VERDICTS, type Engine, type ExtraRules, type Verdict } from '../core/index.ts';
import { extraRules } from '../runtimeConfig/leakRules.ts';
import type { LoadedConfig } from '../runtimeConfig/load.ts';
import { isChunk } from '../chatExports/chunks.ts';
import { detectFormat, type ExportFormat } from '../chatExports/detect.ts';
import { splitExport } from '../chatExports/readExport.ts';
import type { ExportProblem } from '../chatExports/record.ts';
import type { ChunkResult } from '../scan/classifyChunk.ts';
import { HeapKeeper, markOldGenerationLater } from '../scan/heap.ts';
import { holdMoreThan } from '../scan/inputSize.ts';
import { OutputWriter } from '../scan/output.ts';
import { inlineRunner, prestartWorkers, workerRunner, WORKERS_AFTER_BYTES, type ChunkRunner, type ScanWorker } from '../scan/pool.ts';
import { ProgressBar } from '../scan/progress.ts';
import type { ExportFiles } from '../scan/media/exportFiles.ts';
import { configOption, loadConfigOption } from './configOption.ts';
import { EXIT, usageError, withExitCode, type ExitCode } from './exitCodes.ts';
import { renderSummary, ScanTally } from './scanSummary.ts';

interface ScanCommandOptions {
  config?: string;
  json?: boolean;
  only?: string;
  jobs?: string;
  media?: boolean;
}

/** Adds `scan` to the program. */
export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('classify every message of chat exports (JSON Lines, Slack export folder or zip, DiscordChatExporter JSON)')
    .argument('<paths...>', 'export files or folders')
    .addOption(configOption())
    .option('--json', 'one JSON result per message on stdout, in input order, instead of the summary')
    .option('--only <verdicts>', 'with --json (implied), write only these verdicts: share, mention, none (comma-separated)')
    .option('--jobs <n>', `worker threads classifying messages (default: the machine's cores, ${availableParallelism()} here)`)
    .option('--media', 'also inspect the attachments the exports hold (DiscordChatExporter --media folder, files of a Slack export), as the bots do')
    .addHelpText(
      'after',
      `
Exit codes: 0 done, 1 some records or files skipped (said on stderr), 2 usage or configuration error.

Example:
  $ blackout-guard scan --only share slack-export.zip discord-channel.json > shares.jsonl`,
    )
    .action(withExitCode(async (paths: string[], options: ScanCommandOptions) => {
      const only = parseOnly(options.only);
      const jobs = parseJobs(options.jobs);
      const problem = typeof only === 'string' ? only : typeof jobs === 'string' ? jobs : undefined;
      if (problem !== undefined) throw usageError(problem);
      // This process only scans: its collector is tuned for a long run of chunks.
      markOldGenerationLater();
      // For a large input, the worker threads load their code while this thread reads the configuration.
      const big = (jobs as number) > 1 && (await holdMoreThan(paths, WORKERS_AFTER_BYTES));
      const workers = big ? prestartWorkers((jobs as number) - 1) : undefined;
      let loaded: LoadedConfig;
      try {
        loaded = await loadConfigOption(options.config);
      } catch (err) {
        // Left running, a thread would keep the process alive after the usage error.
        await Promise.all((workers ?? []).map((w) => w.close()));
        throw err;
      }
      return runScan(loaded.engine, paths, {
        json: options.json === true || only !== undefined,
        only: only as Verdict[] | undefined,
        jobs: jobs as number,
        rules: extraRules(loaded.rules),
        workers,
        media: options.media === true,
        stdout: process.stdout,
        stderr: process.stderr,
        progress: process.stderr.isTTY === true,
      });
    }));
}

function parseOnly(value: string | undefined): Verdict[] | string | undefined {
  if (value === undefined) return undefined;
  const verdicts = value.split(',').map((v) => v.trim().toLowerCase());
  const wrong = verdicts.find((v) => !(VERDICTS as readonly string[]).includes(v));
  if (wrong !== undefined) return `--only: "${wrong}" is not a verdict (expected share, mention or none, comma-separated)`;
  return verdicts as Verdict[];
}

function parseJobs(value: string | undefined): number | string {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) return `--jobs: expected a whole number from 1 to 256, got "${value}"`;
  return n;
}

export interface ScanRun {
  /** One JSON line per message instead of the summary. */
  json: boolean;
  /** With `json`, only results of these verdicts are written (all are counted). */
  only?: readonly Verdict[];
  /** Threads classifying messages (default 1: this thread). */
  jobs?: number;
  /** The rules read from documents and banks that `engine` was compiled with: worker threads compile the same engine from them. */
  rules?: ExtraRules;
  /**
   * Worker threads already started (`prestartWorkers`), given their engine's source here and
   * closed at the end whatever happens; without them, threads are started once the input passes
   * WORKERS_AFTER_BYTES.
   */
  workers?: ScanWorker[];
  stdout: Writable;
  stderr: Writable;
  /** Show a progress bar on stderr for large inputs (only on a terminal). */
  progress: boolean;
  /** Inspect the attachments the exports hold (`--media`), following `attachments.inspect`. */
  media?: boolean;
}

/** Scans `paths` in order; resolves to the exit code (0, 1, or 2 when an input is missing). */
export async function runScan(engine: Engine, paths: readonly string[], run: ScanRun): Promise<ExitCode> {
  const jobs = run.jobs ?? 1;
  const source = { config: engine.config, extra: run.rules ?? {} };
  // Threads started already take chunks as soon as they are ready; others start with the second chunk:
  // a small input is done before they would be ready.
  let runner: ChunkRunner = run.workers === undefined ? inlineRunner(engine) : workerRunner(engine, source, jobs, run.workers);
  // Every input must be there before anything is scanned: a typo is a usage error, not a skip.
  const formats: (ExportFormat | ExportProblem)[] = [];
  let missing = false;
  for (const path of paths) {
    const detection = await detectFormat(path);
    if ('format' in detection) formats.push(detection.format);
    else if (detection.unreadable === true) {
      run.stderr.write(`blackout-guard: ${path}: ${detection.error}\n`);
      missing = true;
    } else formats.push({ file: path, error: detection.error });
  }
  if (missing) {
    await runner.close();
    return EXIT.usage;
  }

  const started = performance.now();
  const out = new OutputWriter(run.stdout, run.stderr);
  const bar = run.progress ? new ProgressBar(run.stderr) : undefined;
  const tally = new ScanTally();
  const report = (problem: ExportProblem): void => {
    tally.skip();
    bar?.clearLine();
    const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
    run.stderr.write(`blackout-guard: ${where}: ${problem.error}; skipped\n`);
  };
  const zone = engine.config.timezone;
  let chunks = 0;
  /** Results not yet written, in input order. */
  const queue: Promise<ChunkResult | ExportProblem>[] = [];
  const heap = new HeapKeeper();
  // The inspectors and their extractors (some 30 modules: 50-100 ms of start-up through tsx, a part of its own in the bundle) only for --media.
  const media = run.media === true ? new (await import('../scan/media/mediaInspection.ts')).MediaInspection(engine) : undefined;
  const exportFiles = run.media === true ? (await import('../scan/media/exportFiles.ts')).exportFiles : undefined;
  const opened: ExportFiles[] = [];
  const settle = async (): Promise<void> => {
    const result = await queue.shift()!;
    if ('error' in result) {
      report(result);
      return;
    }
    for (const problem of result.problems) report(problem);
    tally.merge(result.tally);
    bar?.count(tally.messages);
    const waiting = out.write(result.out);
    if (waiting !== undefined) await waiting;
    heap.handled(result.bytes);
  };
  try {
    for (const [i, path] of paths.entries()) {
      const format = formats[i]!;
      if (typeof format !== 'string') {
        queue.push(Promise.resolve(format));
        continue;
      }
      const files = exportFiles?.(path, format);
      if (files !== undefined) opened.push(files);
      try {
        for await (const piece of splitExport(path, format, { meter: bar, zone })) {
          if (out.closed) break;
          if (!isChunk(piece)) {
            queue.push(Promise.resolve(piece));
            continue;
          }
          chunks += 1;
          if (chunks === 2 && jobs > 1 && run.workers === undefined) runner = workerRunner(engine, source, jobs);
          // A failure to classify a chunk is reported like an unreadable part of the file.
          const file = path;
          const task = { chunk: piece, zone, json: run.json, only: run.only, media: media !== undefined };
          const classified = runner.run(task);
          // With --media, a chunk's messages with attachments are inspected as soon as it is classified.
          const done = media === undefined ? classified : classified.then((result) => media.complete(result, files, task));
          queue.push(done.catch((err: Error) => ({ file, error: `cannot classify: ${err.message}` })));
          while (queue.length >= runner.inFlight) await settle();
        }
      } catch (err) {
        queue.push(Promise.resolve({ file: path, error: `cannot read: ${(err as Error).message}` }));
      }
      if (out.closed) break;
    }
    while (queue.length > 0) await settle();
  } finally {
    bar?.stop();
    await runner.close();
    for (const files of opened) files.close();
    await media?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  if (!run.json && !out.closed) {
    out.write(renderSummary(tally, engine.windows, { seconds, paths, media: media !== undefined }));
  }
  await out.end();
  return tally.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
