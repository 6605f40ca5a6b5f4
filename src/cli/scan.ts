/**
 * `blackout-guard scan [--config F] [--json] PATH…`: classifies every message of chat exports
 * (JSON Lines, Slack workspace exports as folder or zip, DiscordChatExporter JSON) offline, so a
 * newsroom's legal team can check what was posted during a blackout. With `--json`, one result
 * per message on stdout, in input order; without it, a summary. Bad records are reported on
 * stderr and skipped. Exit code: 0 all read, 1 something skipped, 2 usage or configuration error.
 */
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { Engine } from '../core/index.ts';
import { loadConfigOrExit } from './configOption.ts';
import { classifyRecord, resultLine } from '../chatExports/classifyRecord.ts';
import { detectFormat } from '../chatExports/detect.ts';
import { readExport } from '../chatExports/readExport.ts';
import { isProblem, type ByteMeter, type ExportProblem } from '../chatExports/record.ts';
import { renderSummary, ScanTally } from './scanSummary.ts';

/** Exit code when every record was read. */
export const EXIT_OK = 0;
/** Exit code when some records or files were skipped (the rest was still scanned). */
export const EXIT_SKIPPED = 1;

/** Below this much message data, a progress bar would only flash. */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

interface ScanCommandOptions {
  config?: string;
  json?: boolean;
}

/** Adds `scan` to the program. */
export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('classify every message of chat exports (JSON Lines, Slack export folder or zip, DiscordChatExporter JSON)')
    .argument('<paths...>', 'export files or folders')
    .option('-c, --config <file>', 'configuration file (default: $BLACKOUT_CONFIG or config/blackout.yaml)')
    .option('--json', 'one JSON result per message on stdout, in input order, instead of the summary')
    .action(async (paths: string[], options: ScanCommandOptions) => {
      const { engine } = await loadConfigOrExit(options.config);
      process.exitCode = await runScan(engine, paths, {
        json: options.json === true,
        stdout: process.stdout,
        stderr: process.stderr,
        progress: process.stderr.isTTY === true,
      });
    });
}

export interface ScanRun {
  /** One JSON line per message instead of the summary. */
  json: boolean;
  stdout: Writable;
  stderr: Writable;
  /** Show a progress bar on stderr for large inputs (only on a terminal). */
  progress: boolean;
}

/** Scans `paths` in order; resolves to the exit code (0 or 1). */
export async function runScan(engine: Engine, paths: readonly string[], run: ScanRun): Promise<number> {
  const out = new LineWriter(run.stdout);
  const bar = run.progress ? new ProgressBar(run.stderr) : undefined;
  const tally = new ScanTally();
  const report = (problem: ExportProblem): void => {
    tally.skip();
    bar?.clearLine();
    const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
    run.stderr.write(`blackout-guard: ${where}: ${problem.error}; skipped\n`);
  };
  const zone = engine.config.timezone;
  try {
    for (const path of paths) {
      if (out.closed) break;
      const detection = await detectFormat(path);
      if ('error' in detection) {
        report({ file: path, error: detection.error });
        continue;
      }
      try {
        for await (const item of readExport(path, detection.format, { zone, meter: bar ?? NO_BAR })) {
          if (isProblem(item)) {
            report(item);
            continue;
          }
          const result = classifyRecord(engine, item);
          tally.add(item, result);
          bar?.count(tally.messages);
          if (run.json) {
            const waiting = out.write(`${JSON.stringify(resultLine(item, result))}\n`);
            if (waiting !== undefined) await waiting;
          }
          if (out.closed) break;
        }
      } catch (err) {
        report({ file: path, error: `cannot read: ${(err as Error).message}` });
      }
    }
  } finally {
    bar?.stop();
  }
  if (!run.json && !out.closed) out.write(renderSummary(tally, engine.windows));
  await out.end();
  return tally.skipped > 0 ? EXIT_SKIPPED : EXIT_OK;
}

const NO_BAR: ByteMeter = { expect: () => {}, advance: () => {} };

/**
 * Writes to stdout with back-pressure: when the pipe is full the scan waits for it to drain
 * instead of buffering the whole result in memory. A reader that goes away (`| head`) ends the
 * scan quietly instead of crashing it with EPIPE.
 */
class LineWriter {
  closed = false;
  private drained: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly stream: Writable) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      this.closed = true;
      this.wake?.();
      if (err.code !== 'EPIPE') process.stderr.write(`blackout-guard: cannot write the output: ${err.message}\n`);
    });
    stream.on('drain', () => this.wake?.());
  }

  /** Writes `text`; returns a promise to await when the stream asks to wait. */
  write(text: string): Promise<void> | undefined {
    if (this.closed) return undefined;
    if (this.stream.write(text)) return undefined;
    this.drained ??= new Promise<void>((resolve) => {
      this.wake = () => {
        this.drained = undefined;
        this.wake = undefined;
        resolve();
      };
    });
    return this.drained;
  }

  /** Waits until what was written has been handed on (or the reader is gone). */
  async end(): Promise<void> {
    if (this.closed || this.stream.writableNeedDrain !== true) return;
    await this.write('');
  }
}

/** A progress bar on stderr, measured in bytes of message data, shown once the input is large. */
class ProgressBar implements ByteMeter {
  private total = 0;
  private done = 0;
  private messages = 0;
  private bar: SingleBar | undefined;

  constructor(private readonly stream: Writable) {}

  expect(bytes: number): void {
    this.total += bytes;
    if (this.bar === undefined && this.total >= PROGRESS_MIN_BYTES) {
      this.bar = new SingleBar({
        stream: this.stream as NodeJS.WritableStream,
        format: 'scanning [{bar}] {percentage}% | {messages} messages',
        hideCursor: true,
        clearOnComplete: true,
      });
      this.bar.start(this.total, this.done, { messages: this.messages });
    } else this.bar?.setTotal(this.total);
  }

  advance(bytes: number): void {
    this.done += bytes;
    this.bar?.update(Math.min(this.done, this.total), { messages: this.messages });
  }

  count(messages: number): void {
    this.messages = messages;
  }

  /** Makes room for an error line; the bar redraws on its next update. */
  clearLine(): void {
    if (this.bar !== undefined) this.stream.write('\r\x1b[K');
  }

  stop(): void {
    this.bar?.stop();
  }
}
