/**
 * `blackout-guard report [--config F] [--window ID] [--format md|csv|json|html] [--output FILE]`:
 * the audit trail of a blackout window, read from the store (SQLite file of the configuration,
 * or PostgreSQL when DATABASE_URL is set). Windows added by command count as well.
 */
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { readEnv } from '../runtimeConfig/env.ts';
import { LiveConfig } from '../runtimeConfig/live.ts';
import { createLogger } from '../log/logger.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/render.ts';
import { UnknownWindowError } from '../report/reportWindow.ts';
import { NoWindowError, windowReport } from '../report/windowReport.ts';
import { openStore } from '../store/open.ts';
import { StoreUnavailableError } from '../store/unavailable.ts';
import { EXIT_USAGE, loadConfigOrExit } from './configOption.ts';

/** Exit code when the database cannot be read (2 is a usage or configuration error). */
export const EXIT_STORE_UNAVAILABLE = 3;

interface ReportOptions {
  config?: string;
  window?: string;
  format: ReportFormat;
  output?: string;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Writes the audit trail of a blackout window: counts by verdict, action and channel, failed actions, an hourly timeline.')
    .option('-c, --config <file>', 'configuration file (default: BLACKOUT_CONFIG or config/blackout.yaml)')
    .option('-w, --window <id>', 'window to report on (default: the current one, else the last ended, else the next)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('md'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: ReportOptions) => {
      process.exitCode = await runReport(options);
    });
}

/** Runs the command; returns the exit code. */
export async function runReport(options: ReportOptions): Promise<number> {
  const env = readEnv();
  const logger = createLogger({ level: env.logLevel ?? 'warn' });
  const loaded = await loadConfigOrExit(options.config);
  const store = await openStore({
    ...(env.databaseUrl !== undefined && { databaseUrl: env.databaseUrl }),
    sqlitePath: loaded.config.store.sqlitePath,
    logger,
  });
  const live = new LiveConfig(loaded);
  try {
    if (!store.available) throw new StoreUnavailableError('reading incidents for the report');
    await live.attach(store);
    const report = await windowReport(store, live.engine.windows, { ...(options.window !== undefined && { windowId: options.window }), nowMs: Date.now() });
    const text = renderReport(report, options.format);
    if (options.output !== undefined) {
      await writeFile(options.output, text);
      process.stderr.write(`report of window ${report.window.id} (${report.incidents} incidents) written to ${options.output}\n`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } catch (err) {
    if (err instanceof UnknownWindowError || err instanceof NoWindowError) {
      process.stderr.write(`blackout-guard report: ${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof StoreUnavailableError) {
      process.stderr.write(`blackout-guard report: ${err.message}\n`);
      return EXIT_STORE_UNAVAILABLE;
    }
    throw err;
  } finally {
    live.close();
    await store.close();
  }
}
