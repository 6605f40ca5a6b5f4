import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerRegisterCommandsCommand } from '../../src/cli/registerCommands.ts';
import { registerCommands } from '../../src/discord/commandRegistration.ts';
import { DiscordStandIn } from '../../src/standins/discord/standin.ts';

let standIn: DiscordStandIn;
before(async () => {
  standIn = await DiscordStandIn.start();
});
after(async () => {
  await standIn?.stop();
});

test('register-commands --guild puts /blackout in that server, with French localizations', async () => {
  const saved = { token: process.env.DISCORD_TOKEN, api: process.env.DISCORD_API_URL };
  process.env.DISCORD_TOKEN = standIn.token;
  process.env.DISCORD_API_URL = standIn.apiUrl;
  const program = new Command().exitOverride();
  registerRegisterCommandsCommand(program);
  const write = process.stdout.write;
  let printed = '';
  process.stdout.write = ((chunk: string) => {
    printed += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'blackout-guard', 'register-commands', '--guild', standIn.ids.guild]);
  } finally {
    process.stdout.write = write;
    if (saved.token === undefined) delete process.env.DISCORD_TOKEN;
    else process.env.DISCORD_TOKEN = saved.token;
    if (saved.api === undefined) delete process.env.DISCORD_API_URL;
    else process.env.DISCORD_API_URL = saved.api;
  }
  const put = await standIn.waitForCall((c) => c.method === 'PUT');
  assert.equal(put.path, `/applications/${standIn.applicationId}/guilds/${standIn.ids.guild}/commands`);
  const [command] = put.body as { name: string; name_localizations: { fr: string } }[];
  assert.equal(command?.name, 'blackout');
  assert.equal(command?.name_localizations.fr, 'reserve');
  assert.match(printed, /Registered \/blackout in server/);
});

test('without --guild, /blackout is registered globally', async () => {
  const result = await registerCommands({ token: standIn.token, apiUrl: standIn.apiUrl });
  assert.equal(result.scope, 'global');
  assert.deepEqual(standIn.commands.get('global')?.map((c) => c.name), ['blackout']);
});
