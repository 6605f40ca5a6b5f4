/**
 * The subcommands of `blackout-guard`, known without loading them. Each command's module pulls in
 * what its work needs (discord.js, Bolt, pdf.js, sharp, the store…), seconds of start-up in all,
 * so the command line loads only the module of the command it runs; every other command is listed
 * by an outline (name, arguments, description) that keeps the top-level help complete.
 *
 * The outline must read as the command's own definition does: test/cli/commandTable.test.ts
 * compares them.
 */
import { Command, Option } from 'commander';

/** Adds a command, with its options and action, to the program. */
export type RegisterCommand = (program: Command) => void;

export interface CommandEntry {
  name: string;
  /** As the command's own `.description()`. */
  description: string;
  /** As the command's own `.argument()`s, e.g. `<paths...>`. */
  args: readonly string[];
  /** Loads the command's module and gives its `register…Command`. */
  load: () => Promise<RegisterCommand>;
}

/** Every subcommand, in the order of the help. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'start',
    description: 'run the Discord bot and/or the Slack app (from DISCORD_TOKEN / SLACK_BOT_TOKEN) until SIGTERM or Ctrl+C',
    args: [],
    load: async () => (await import('./start.ts')).registerStartCommand,
  },
  {
    name: 'check',
    description: 'classify one message (argument or standard input) as share, mention or none; the exit code is the verdict',
    args: ['[text...]'],
    load: async () => (await import('./check.ts')).registerCheckCommand,
  },
  {
    name: 'scan',
    description: 'classify every message of chat exports (JSON Lines, Slack export folder or zip, DiscordChatExporter JSON)',
    args: ['<paths...>'],
    load: async () => (await import('./scan.ts')).registerScanCommand,
  },
  {
    name: 'report',
    description:
      'write the audit trail of a blackout window: a summary (by verdict, action, channel; failed actions; hourly timeline), then every incident',
    args: [],
    load: async () => (await import('./report.ts')).registerReportCommand,
  },
  {
    name: 'verify',
    description: 'say whether a text (argument or standard input) is the one an incident moderated, by its keyed hash',
    args: ['[text...]'],
    load: async () => (await import('./verify.ts')).registerVerifyCommand,
  },
  {
    name: 'fingerprint',
    description: 'write a bank of the fingerprints of a leak (hashes, names, document and image fingerprints; never content)',
    args: ['[paths...]'],
    load: async () => (await import('./fingerprint.ts')).registerFingerprintCommand,
  },
  {
    name: 'sweep',
    description: 'sweep what was already posted on Discord and/or Slack (credentials from the environment, as start)',
    args: [],
    load: async () => (await import('./sweep.ts')).registerSweepCommand,
  },
  {
    name: 'register-commands',
    description: 'register the /blackout command with Discord (globally, or in one server with --guild)',
    args: [],
    load: async () => (await import('./registerCommands.ts')).registerRegisterCommandsCommand,
  },
];

/**
 * The subcommand `argv` (as `process.argv`) runs: its first word that is not an option. The
 * program's own options (`--help`, `--version`) take no value, so no option's value can be taken
 * for it.
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((arg) => !arg.startsWith('-'));
}

/**
 * The command as the top-level help lists it, without its module: never run (main.ts loads the
 * real command when it is named). Every command takes `--config`, hence the option, which makes
 * the help show `[options]` as for the real command.
 */
export function outlineCommand(entry: CommandEntry): Command {
  const outline = new Command(entry.name).description(entry.description).addOption(new Option('-c, --config <file>').hideHelp());
  for (const arg of entry.args) outline.argument(arg);
  return outline;
}

/**
 * Adds every command to `program`: the one `argv` names, loaded and complete; the others as
 * outlines. An unknown or missing name loads nothing (the help, the version and commander's
 * "unknown command" need only the outlines).
 */
export async function addCommands(program: Command, argv: readonly string[]): Promise<void> {
  const named = commandNamed(argv);
  for (const entry of COMMANDS) {
    if (entry.name === named) (await entry.load())(program);
    else program.addCommand(outlineCommand(entry));
  }
}
