/**
 * `blackout-guard register-commands [--config F] [--guild ID]`: registers `/blackout` with
 * Discord, using DISCORD_TOKEN (and DISCORD_API_URL when set).
 */
import type { Command } from 'commander';
import { readEnv } from '../runtimeConfig/env.ts';
import { registerCommands } from '../discord/commandRegistration.ts';
import { configOption, loadConfigOption } from './configOption.ts';
import { CliError, EXIT, usageError } from './exitCodes.ts';

export function registerRegisterCommandsCommand(program: Command): void {
  program
    .command('register-commands')
    .description('register the /blackout command with Discord (globally, or in one server with --guild)')
    .option('--guild <id>', 'register in this server only (available at once; global registration can take up to an hour)')
    .addOption(configOption())
    .addHelpText(
      'after',
      `
Needs DISCORD_TOKEN. Exit codes: 0 registered, 2 no token or a broken configuration, 5 Discord refused.

Example:
  $ DISCORD_TOKEN=… blackout-guard register-commands --guild 123456789012345678`,
    )
    .action(async (options: { guild?: string; config?: string }) => {
      // Read like every command's, so a broken file is reported here too rather than at `start`.
      await loadConfigOption(options.config);
      const env = readEnv();
      if (!env.discordToken) throw usageError('register-commands needs DISCORD_TOKEN (the bot token from the Discord developer portal)');
      try {
        const result = await registerCommands({
          token: env.discordToken,
          ...(env.discordApiUrl !== undefined && { apiUrl: env.discordApiUrl }),
          ...(options.guild !== undefined && { guildId: options.guild }),
        });
        const where = result.scope === 'global' ? 'globally (may take up to an hour to appear)' : `in server ${result.scope.guildId}`;
        process.stdout.write(`Registered ${result.commands.map((c) => `/${c}`).join(', ')} ${where} for application ${result.applicationId}.\n`);
      } catch (err) {
        throw new CliError(`could not register the commands: ${(err as Error).message}`, EXIT.startFailed);
      }
    });
}
