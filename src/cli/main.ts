/**
 * The `blackout-guard` command: `start` runs the bots; `check`, `scan` and `report` work offline;
 * `register-commands` installs the Discord slash command.
 */
import { Command } from 'commander';
import { loadEnvFile } from '../runtimeConfig/env.ts';
import { registerCheckCommand } from './check.ts';
import { registerScanCommand } from './scan.ts';
import { registerReportCommand } from './report.ts';
import { registerStartCommand } from './start.ts';
import { registerRegisterCommandsCommand } from './registerCommands.ts';

loadEnvFile();

const program = new Command()
  .name('blackout-guard')
  .description('Keeps Discord servers and Slack workspaces compliant with an election campaign blackout.')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors exit 2 (1 means "something was skipped" for scan).
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerStartCommand(program);
registerCheckCommand(program);
registerScanCommand(program);
registerReportCommand(program);
registerRegisterCommandsCommand(program);

await program.parseAsync(process.argv);
