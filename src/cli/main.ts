/**
 * The `blackout-guard` command: `start` runs the bots; `check`, `scan`, `report` and `verify` work
 * offline; `register-commands` installs the Discord slash command.
 *
 * Each command's module is loaded only when that command runs (commandTable.ts).
 *
 * This is the one place where a command's outcome becomes the process's exit code (the table is
 * in `exitCodes.ts`): commands return a code or throw a {@link CliError}; commander's own usage
 * errors are exit 2; anything else is a bug and ends with Node's own report.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { loadEnvFile } from '../runtimeConfig/env.ts';
import { addCommands } from './commandTable.ts';
import { CliError, EXIT } from './exitCodes.ts';

loadEnvFile();

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command()
  .name('blackout-guard')
  .description('Keeps Discord servers and Slack workspaces compliant with an election campaign blackout.')
  .version(version, '-V, --version', 'print the version and exit')
  .helpOption('-h, --help', 'show this help')
  .helpCommand(false)
  .showHelpAfterError()
  .exitOverride();

// Only the command being run is loaded (see commandTable.ts): `scan` need not load discord.js.
await addCommands(program, process.argv);

program.addHelpText(
  'after',
  `
Exit codes: 0 done (check: none), 1 something skipped, 2 usage or configuration error,
3 check: mention, 4 check: share, 5 start failed, 6 verify: not the moderated text,
7 the store cannot be reached.
Run "blackout-guard COMMAND --help" for a command's options and an example.`,
);

process.exitCode = await exitCodeOf(program);
// Every action resolves once its work is over (`start` once the bots have stopped): a handle a
// library forgot to close must not keep the process alive. Unreferenced, so it never delays an exit.
setTimeout(() => process.exit(), 5000).unref();

/** Runs the command line and gives the exit code of what happened. */
async function exitCodeOf(cli: Command): Promise<number> {
  try {
    await cli.parseAsync(process.argv);
    // A command that still sets process.exitCode itself (being moved onto withExitCode).
    return Number(process.exitCode ?? EXIT.ok);
  } catch (err) {
    if (err instanceof CliError) {
      if (err.message !== '') process.stderr.write(`blackout-guard: ${err.message}\n`);
      return err.exitCode;
    }
    // --help and --version end with code 0; every other commander error is a usage error.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
}
