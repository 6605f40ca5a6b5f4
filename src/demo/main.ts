/**
 * `npm run demo`: the bot against the local Discord stand-in used by the tests, with a short
 * scripted conversation during a blackout window, printing what the bot did. No account, no
 * network: everything runs on 127.0.0.1 and in a temporary folder removed at the end.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../runtimeConfig/load.ts';
import { LiveConfig } from '../runtimeConfig/live.ts';
import { startDiscordBot, type MessageHandled } from '../discord/bot.ts';
import { createLogger } from '../log/logger.ts';
import { openStore } from '../store/open.ts';
import { DiscordStandIn, type RestCall } from '../standins/discord/standin.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

const dir = await mkdtemp(join(tmpdir(), 'blackout-demo-'));
const standIn = await DiscordStandIn.start();
const { ids } = standIn;
const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const configFile = join(dir, 'blackout.yaml');
await writeFile(
  configFile,
  stringify({
    timezone: 'Europe/Paris',
    language: 'en',
    windows: [{ id: 'demo', name: 'Presidential election, round 2 (demo)', start: iso(Date.now() - hour), end: iso(Date.now() + 2 * hour) }],
    leaks: [{ id: 'macronleaks', name: '#MacronLeaks', hashtags: ['MacronLeaks'], urls: ['pastebin.com/emleaks-2017'], fileNames: ['EMLEAKS.zip'] }],
    discord: { alertChannel: ids.alerts },
    store: { sqlitePath: join(dir, 'demo.db') },
  }),
);

const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
const loaded = await loadConfig(configFile);
const store = await openStore({ sqlitePath: loaded.config.store.sqlitePath, logger });
const live = new LiveConfig(loaded);
await live.attach(store);

out('blackout-guard demo: the real discord.js client against a local Discord stand-in.');
out(`A blackout window is in force until ${new Date(Date.now() + 2 * hour).toISOString()}.\n`);
const bot = await startDiscordBot({ token: standIn.token, apiUrl: standIn.apiUrl, live, store, logger });
out(`Bot logged in as ${bot.client.user.tag}; invite link: ${bot.inviteUrl}\n`);

const names: Record<string, string> = { [ids.general]: '#general', [ids.alerts]: '#moderators', [ids.users.alice]: 'alice', [ids.users.bob]: 'bob' };
const seen = new Set<RestCall>();
standIn.on('call', (c) => seen.add(c));

async function say(who: 'alice' | 'bob', content: string): Promise<string> {
  out(`${who} in #general: ${content}`);
  const message = standIn.post({ channelId: ids.general, authorId: ids.users[who], content });
  await report(await until(message.id as string, false));
  return message.id as string;
}

async function edit(messageId: string, who: string, content: string): Promise<void> {
  out(`${who} edits the message: ${content}`);
  standIn.edit(messageId, content);
  await report(await until(messageId, true));
}

function until(messageId: string, edited: boolean): Promise<MessageHandled> {
  return new Promise((resolve) => {
    const listener = (e: MessageHandled) => {
      if (e.messageId !== messageId || e.edited !== edited) return;
      bot.events.off('handled', listener);
      resolve(e);
    };
    bot.events.on('handled', listener);
  });
}

async function report(event: MessageHandled): Promise<void> {
  const verdict = event.result?.classification.verdict ?? 'none';
  out(`  → verdict: ${verdict}${event.result?.classification.inBlackout ? ' (inside the window)' : ''}`);
  for (const call of [...seen]) {
    seen.delete(call);
    if (call.method === 'GET') continue;
    const channel = names[call.path.split('/')[2] ?? ''] ?? call.path;
    if (call.method === 'DELETE') out(`  → bot deleted the message in ${channel}`);
    else if (call.body?.embeds?.[0]?.title && call.body?.content) out(`  → bot posted a warning in ${channel} to ${names[call.body.content.slice(2, -1)] ?? call.body.content}: "${call.body.embeds[0].title}"`);
    else if (call.body?.embeds?.[0]) out(`  → bot alerted ${channel}: "${call.body.embeds[0].title}" (${call.body.embeds[0].fields?.map((f: { name: string; value: string }) => `${f.name}: ${f.value}`).slice(2, 3).join('; ')})`);
  }
  if (event.result?.incident) out(`  → incident ${event.result.incident.id} recorded (ids, verdict and rules only, no text)`);
  if (event.result && event.result.outcomes.length === 0) out('  → nothing to do');
  out();
}

try {
  await say('alice', 'Good morning! Polling stations open at 8.');
  await say('bob', 'Has anyone seen the #MacronLeaks story? Let us not share anything.');
  await say('alice', 'Everything is here: https://pastebin.com/emleaks-2017');
  const id = await say('bob', 'Here is my analysis of the turnout.');
  await edit(id, 'bob', 'Here is my analysis of the turnout. Also https://pastebin.com/emleaks-2017');
  const incidents = await store.listIncidents();
  out(`${incidents.length} incident(s) in the audit trail. Try it with your own server: see docs/discord.md.`);
} finally {
  await bot.stop();
  live.close();
  await store.close();
  await standIn.stop();
  await rm(dir, { recursive: true, force: true });
}
