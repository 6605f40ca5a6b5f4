/** Discord's admin check for the `/blackout` subcommands that change settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discordAdminCheck, isDiscordAdmin } from '../../src/discord/admins.ts';

test('Manage Server or Administrator make a Discord admin', () => {
  assert.equal(isDiscordAdmin('32'), true);
  assert.equal(isDiscordAdmin('8'), true);
  assert.equal(isDiscordAdmin('2048'), false);
  assert.equal(isDiscordAdmin(undefined), false);
  assert.equal(isDiscordAdmin('not a number'), false);
});

test('the port admin check answers as the permissions say', async () => {
  assert.equal(await discordAdminCheck({ permissions: 32n }), true);
  assert.equal(await discordAdminCheck({ permissions: null }), false);
});
