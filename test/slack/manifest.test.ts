/** slack/manifest.yaml asks for exactly what the app uses: scopes, events and the command. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EVENTS_PATH } from '../../src/slack/app.ts';
import { COMMAND } from '../../src/slack/slashCommand.ts';

interface Manifest {
  features: { slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[]; user: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] } };
}

const manifest = async (): Promise<Manifest> => parse(await readFile('slack/manifest.yaml', 'utf8')) as Manifest;

/** Bot scopes each Web API method needs (public and private channels alike). */
const SCOPE_OF: Record<string, string | string[] | undefined> = {
  'auth.test': undefined,
  'users.conversations': ['channels:read', 'groups:read'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': undefined,
  'files.info': 'files:read',
  'users.info': 'users:read',
  'usergroups.users.list': 'usergroups:read',
};

/** Web API methods called in src/slack (`client.chat.postMessage(` and the like). */
async function methodsCalled(): Promise<{ bot: Set<string>; admin: Set<string> }> {
  const bot = new Set<string>();
  const admin = new Set<string>();
  for (const file of await readdir('src/slack')) {
    const source = await readFile(join('src/slack', file), 'utf8');
    for (const m of source.matchAll(/\b(client|adminClient)\.((?:auth|chat|files|users|usergroups|conversations)\.[\w.]+)\(/g)) {
      (m[1] === 'adminClient' ? admin : bot).add(m[2]!);
    }
  }
  return { bot, admin };
}

test('the bot scopes are exactly those of the Web API methods called, the command and the message events', async () => {
  const { bot } = await methodsCalled();
  for (const method of bot) assert.ok(method in SCOPE_OF, `no known scope for ${method}`);
  const needed = new Set([...bot].flatMap((m) => SCOPE_OF[m] ?? []));
  for (const scope of ['commands', 'channels:history', 'groups:history']) needed.add(scope);
  assert.deepEqual([...(await manifest()).oauth_config.scopes.bot].sort(), [...needed].sort());
});

test('the only user scopes are those deletion needs (the message and its files)', async () => {
  const { admin } = await methodsCalled();
  assert.deepEqual([...admin].sort(), ['chat.delete', 'files.delete']);
  assert.deepEqual((await manifest()).oauth_config.scopes.user, ['chat:write', 'files:write']);
});

test('message events and /blackout reach the app at /slack/events', async () => {
  const m = await manifest();
  assert.deepEqual(m.settings.event_subscriptions.bot_events.sort(), ['message.channels', 'message.groups']);
  assert.ok(m.settings.event_subscriptions.request_url.endsWith(EVENTS_PATH));
  assert.deepEqual(m.features.slash_commands.map((c) => c.command), [COMMAND]);
  assert.ok(m.features.slash_commands[0]!.url.endsWith(EVENTS_PATH));
});
