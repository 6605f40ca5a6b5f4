/**
 * `blackout-guard report [--config F] [--window ID] [--format md|csv|json|html|pdf] [--output FILE] [--names]`:
 * the audit trail of a blackout window, read from the store (SQLite file of the configuration,
 * or PostgreSQL when DATABASE_URL is set): a summary, then every incident. Windows added by
 * command count as well.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { LiveConfig } from '../runtimeConfig/live.ts';
import { createLogger } from '../log/logger.ts';
import { configFingerprint } from '../report/configFingerprint.ts';
import { lookUpNames } from '../report/nameLookup.ts';
import { NoChromiumError } from '../report/pdf.ts';
import { REPORT_FORMATS, renderReportBytes, type ReportFormat } from '../report/render.ts';
import { UnknownWindowError } from '../report/reportWindow.ts';
import { NoWindowError, windowReport } from '../report/windowReport.ts';
import { configOption } from './configOption.ts';
import { EXIT, usageError, withExitCode, type ExitCode } from './exitCodes.ts';
import { withStore } from './storeAccess.ts';

export interface ReportOptions {
  config?: string;
  window?: string;
  format: ReportFormat;
  output?: string;
  names?: boolean;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write the audit trail of a blackout window: a summary (by verdict, action, channel; failed actions; hourly timeline), then every incident')
    .addOption(configOption())
    .option('-w, --window <id>', 'window to report on (default: the current one, else the last ended, else the next)')
    .addOption(new Option('-f, --format <format>', 'output format (pdf is printed by headless Chromium)').choices(REPORT_FORMATS).default('md'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--names', 'ask Discord (DISCORD_TOKEN) for server and channel names; ids are always shown')
    .addHelpText(
      'after',
      `
Exit codes: 0 written, 2 unknown window, no window, a broken configuration or no Chromium for pdf,
7 the store cannot be reached.

Example:
  $ blackout-guard report --window fr-2017-t2-metropole --format pdf --output audit.pdf`,
    )
    .action(withExitCode(runReport));
}

/** Runs the command; resolves to the exit code (errors are thrown as CliError). */
export async function runReport(options: ReportOptions): Promise<ExitCode> {
  if (options.format === 'pdf' && options.output === undefined && process.stdout.isTTY) {
    throw usageError('a PDF is not written to a terminal: add --output FILE');
  }
  return withStore(options.config, 'reading incidents for the report', async ({ env, loaded, store }) => {
    const live = new LiveConfig(loaded);
    try {
      await live.attach(store);
      const logger = createLogger({ level: env.logLevel ?? 'warn' });
      const report = await windowReport(store, live.engine.windows, {
        ...(options.window !== undefined && { windowId: options.window }),
        nowMs: Date.now(),
        language: live.config.language,
        configFingerprint: configFingerprint(live.config),
        ...(options.names === true && {
          names: (incidents) =>
            lookUpNames(incidents, {
              ...(env.discordToken !== undefined && { discordToken: env.discordToken }),
              ...(env.discordApiUrl !== undefined && { discordApiUrl: env.discordApiUrl }),
              logger,
            }),
        }),
      });
      const bytes = await renderReportBytes(report, options.format);
      if (options.output !== undefined) {
        await writeFile(options.output, bytes);
        process.stderr.write(`report of window ${report.window.id} (${report.incidents} incidents) written to ${options.output}\n`);
      } else {
        process.stdout.write(bytes);
      }
      return EXIT.ok;
    } catch (err) {
      if (err instanceof UnknownWindowError || err instanceof NoWindowError || err instanceof NoChromiumError) throw usageError(err.message);
      throw err;
    } finally {
      live.close();
    }
  });
}
