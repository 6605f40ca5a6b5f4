/**
 * `blackout-guard register-commands [--guild ID]`: registers `/blackout` with Discord, using
 * DISCORD_TOKEN (and DISCORD_API_URL when set).
 */
import type { Command } from 'commander';
import { readEnv } from '../runtimeConfig/env.ts';
import { registerCommands } from '../discord/commandRegistration.ts';

export function registerRegisterCommandsCommand(program: Command): void {
  program
    .command('register-commands')
    .description('register the /blackout command with Discord (globally, or in one server with --guild)')
    .option('--guild <id>', 'register in this server only (available at once; global registration can take up to an hour)')
    .action(async (options: { guild?: string }) => {
      const env = readEnv();
      if (!env.discordToken) {
        process.stderr.write('register-commands needs DISCORD_TOKEN (the bot token from the Discord developer portal).\n');
        process.exitCode = 2;
        return;
      }
      try {
        const result = await registerCommands({
          token: env.discordToken,
          ...(env.discordApiUrl !== undefined && { apiUrl: env.discordApiUrl }),
          ...(options.guild !== undefined && { guildId: options.guild }),
        });
        const where = result.scope === 'global' ? 'globally (may take up to an hour to appear)' : `in server ${result.scope.guildId}`;
        process.stdout.write(`Registered ${result.commands.map((c) => `/${c}`).join(', ')} ${where} for application ${result.applicationId}.\n`);
      } catch (err) {
        process.stderr.write(`Could not register the commands: ${(err as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
