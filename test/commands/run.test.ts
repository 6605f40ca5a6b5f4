import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, COMMISSION_STATEMENT } from '../../src/core/index.ts';
import { runBlackoutCommand } from '../../src/commands/run.ts';
import type { CommandContext, CommandActor } from '../../src/commands/context.ts';
import type { CommandInvocation } from '../../src/commands/invocation.ts';
import type { CommandReply } from '../../src/commands/reply.ts';
import type { IncidentInput } from '../../src/store/store.ts';
import { BEFORE_WINDOW, IN_WINDOW, openFixture, type Fixture } from './fixture.ts';

const ADMIN: CommandActor = { platform: 'discord', userId: 'U-admin', isAdmin: true };
const MEMBER: CommandActor = { platform: 'discord', userId: 'U-member', isAdmin: false };

function run(
  f: Pick<Fixture, 'live' | 'store'>,
  invocation: CommandInvocation,
  actor: CommandActor = MEMBER,
  nowMs = IN_WINDOW,
): Promise<CommandReply> {
  const ctx: CommandContext = { live: f.live, store: f.store, actor, nowMs, workspaceId: 'G1', channelId: 'C1' };
  return runBlackoutCommand(ctx, invocation);
}

const all = (r: CommandReply): string =>
  [r.title ?? '', r.text, ...(r.fields ?? []).flatMap((x) => [x.name, x.value])].join('\n');

async function withFixture(fn: (f: Fixture) => Promise<void>, yaml?: string): Promise<void> {
  const f = await openFixture(yaml);
  try {
    await fn(f);
  } finally {
    await f.close();
  }
}

test('status inside a window names it and says when it ends, in the window zone', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'status', options: {} });
    assert.match(reply.text, /Second round 2017/);
    assert.match(reply.text, /Sunday, 7 May 2017 at 20:00/);
    assert.match(reply.text, /1\sday, 8\shours left/);
    assert.equal(reply.ephemeral, true);
  }));

test('status before a window answers in French for a French-speaking member with the time until it opens', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'status', options: {} }, { ...MEMBER, locale: 'fr' }, BEFORE_WINDOW);
    assert.match(reply.text, /Prochaine période de réserve/);
    assert.match(reply.text, /dans 6\sheures/);
    assert.match(reply.text, /samedi 6 mai 2017/);
  }));

test('status after every window says none is planned and when the last one ended', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'status', options: {} }, MEMBER, Date.parse('2017-06-01T00:00:00Z'));
    assert.match(reply.text, /No blackout window is in force or planned/);
    assert.match(reply.text, /ended on Sunday, 7 May 2017/);
  }));

test('replies follow the platform language when the member has no locale', () =>
  withFixture(
    async (f) => {
      const reply = await run(f, { subcommand: 'status', options: {} }, { platform: 'slack', userId: 'U1', isAdmin: false });
      assert.match(reply.text, /est en vigueur/);
    },
    `language: en\nslack: { language: fr }\nwindows: [{ id: w, start: 2017-05-06T00:00, end: 2017-05-07T20:00 }]\n`,
  ));

test('check of a sharing text gives the verdict, leak set and rule, and never echoes the text', () =>
  withFixture(async (f) => {
    const text = 'look https://pastebin.com/emleaks-2017 private-marker-42';
    const reply = await run(f, { subcommand: 'check', options: { text } });
    const shown = all(reply);
    assert.match(shown, /shares leaked material/);
    assert.match(shown, /A blackout is in force now \(Second round 2017\)/);
    assert.match(shown, /MacronLeaks \(`macronleaks`\)/);
    assert.match(shown, /link to pastebin\.com\/emleaks-2017/);
    assert.doesNotMatch(shown, /private-marker-42/);
    assert.equal(reply.ephemeral, true);
  }));

test('check of a text merely discussing the leak says it is left alone', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'check', options: { text: 'what do we know about #MacronLeaks?' } }, MEMBER, BEFORE_WINDOW);
    assert.match(reply.text, /mentions a leak but carries no leaked material/);
    assert.match(reply.text, /No blackout is in force now/);
    assert.match(reply.text, /left alone/);
  }));

test('statement quotes the electoral commission in the reply language', () =>
  withFixture(async (f) => {
    const en = await run(f, { subcommand: 'statement', options: {} });
    assert.ok(en.text.includes(COMMISSION_STATEMENT.en));
    const fr = await run(f, { subcommand: 'statement', options: {} }, { ...MEMBER, locale: 'fr' });
    assert.ok(fr.text.includes(COMMISSION_STATEMENT.fr));
    assert.equal(fr.ephemeral, false);
  }));

test('on Slack every answer is ephemeral, the statement included', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'statement', options: {} }, { platform: 'slack', userId: 'U1', isAdmin: false });
    assert.equal(reply.ephemeral, true);
  }));

test('windows list shows every window with its state and zone', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'windows.list', options: {} });
    assert.match(reply.text, /Second round 2017 \(`fr-2017-t2`, in force\)/);
    assert.match(reply.text, /\[Europe\/Paris\]/);
  }));

test('a window added by an admin applies at once and is still there after a restart', () =>
  withFixture(async (f) => {
    const options = { id: 'fr-2022-t1', start: '2022-04-09T00:00', end: '2022-04-10T20:00', name: 'First round 2022' };
    const reply = await run(f, { subcommand: 'windows.add', options }, ADMIN);
    assert.match(reply.text, /Window `fr-2022-t1` added/);
    const at = Date.parse('2022-04-09T12:00:00+02:00');
    assert.equal(classify(f.live.engine, { text: 'https://pastebin.com/emleaks-2017', at }).inBlackout, true);

    const restarted = await f.reopen();
    const w = restarted.live.engine.windows.find((x) => x.id === 'fr-2022-t1');
    assert.equal(w?.name, 'First round 2022');
    assert.equal(w?.startMs, Date.parse('2022-04-09T00:00:00+02:00'));
    const changes = await restarted.store.listConfigChanges();
    assert.deepEqual(changes[0]?.actor, { platform: 'discord', userId: 'U-admin' });
  }));

test('a window ending before it starts is refused with the schema message and nothing is stored', () =>
  withFixture(async (f) => {
    const options = { id: 'bad', start: '2022-04-10T00:00', end: '2022-04-09T00:00' };
    const reply = await run(f, { subcommand: 'windows.add', options }, ADMIN);
    assert.match(reply.text, /refused, nothing was saved/);
    assert.match(reply.text, /the window must end after it starts/);
    assert.equal(reply.ephemeral, true);
    assert.deepEqual(await f.store.listConfigChanges(), []);
    assert.equal(f.live.engine.windows.some((w) => w.id === 'bad'), false);
  }));

test('a window in an unknown time zone is refused with the schema message', () =>
  withFixture(async (f) => {
    const options = { id: 'x', start: '2022-04-09T00:00', end: '2022-04-10T00:00', timezone: 'Mars/Olympus' };
    const reply = await run(f, { subcommand: 'windows.add', options }, ADMIN);
    assert.match(reply.text, /unknown time zone "Mars\/Olympus"/);
    assert.deepEqual(await f.store.listConfigChanges(), []);
  }));

test('a member who is not an admin is refused a change and nothing changes', () =>
  withFixture(async (f) => {
    const options = { id: 'fr-2022-t1', start: '2022-04-09T00:00', end: '2022-04-10T20:00' };
    const reply = await run(f, { subcommand: 'windows.add', options }, MEMBER);
    assert.match(reply.text, /Only members with the Manage Server permission/);
    assert.equal(reply.ephemeral, true);
    assert.deepEqual(await f.store.listConfigChanges(), []);
    assert.equal(f.live.engine.windows.length, 1);
  }));

test('a Slack member who is not an admin gets the workspace wording of the refusal', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.add-url', options: { value: 'https://x.example/a' } }, {
      platform: 'slack',
      userId: 'U9',
      isAdmin: false,
    });
    assert.match(reply.text, /workspace admins and owners/);
    assert.deepEqual(await f.store.listConfigChanges(), []);
  }));

test('removing a window stops the blackout at once; an unknown id is refused', () =>
  withFixture(async (f) => {
    const unknown = await run(f, { subcommand: 'windows.remove', options: { id: 'nope' } }, ADMIN);
    assert.match(unknown.text, /There is no window `nope`. Known windows: `fr-2017-t2`/);
    const reply = await run(f, { subcommand: 'windows.remove', options: { id: 'fr-2017-t2' } }, ADMIN);
    assert.match(reply.text, /removed/);
    assert.equal(classify(f.live.engine, { text: 'hello', at: IN_WINDOW }).inBlackout, false);
  }));

test('a link added to the first leak set by default is flagged at once and kept after a restart', () =>
  withFixture(async (f) => {
    const message = { text: 'mirror: https://leaks.example/dump/part1', at: IN_WINDOW };
    assert.equal(classify(f.live.engine, message).verdict, 'none');
    const reply = await run(f, { subcommand: 'leaks.add-url', options: { value: 'https://leaks.example/dump/part1' } }, ADMIN);
    assert.match(reply.text, /Added to `macronleaks` \(links\)/);
    assert.equal(classify(f.live.engine, message).verdict, 'share');
    const restarted = await f.reopen();
    assert.equal(classify(restarted.live.engine, message).verdict, 'share');
  }));

test('a domain can be added to a named leak set', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.add-domain', options: { value: 'dump.example', leak: 'other' } }, ADMIN);
    assert.match(reply.text, /Added to `other` \(domains\)/);
    assert.ok(f.live.config.leaks.find((l) => l.id === 'other')?.domains.includes('dump.example'));
  }));

test('a file hash that is not a SHA-256 is refused with the schema message', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.add-hash', options: { value: 'abc123' } }, ADMIN);
    assert.match(reply.text, /refused, nothing was saved/);
    assert.match(reply.text, /leaks\[0\]\.sha256/);
    assert.deepEqual(await f.store.listConfigChanges(), []);
  }));

test('a valid file hash is added and flags a file with that content', () =>
  withFixture(async (f) => {
    const sha = 'a'.repeat(64);
    const reply = await run(f, { subcommand: 'leaks.add-hash', options: { value: sha.toUpperCase() } }, ADMIN);
    assert.match(reply.text, /Added to `macronleaks` \(file hashes\)/);
    const c = classify(f.live.engine, { text: '', attachments: [{ name: 'x.pdf', sha256: sha }], at: IN_WINDOW });
    assert.equal(c.verdict, 'share');
  }));

test('adding an entry already listed changes nothing', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.add-url', options: { value: 'pastebin.com/emleaks-2017' } }, ADMIN);
    assert.match(reply.text, /already lists/);
    assert.deepEqual(await f.store.listConfigChanges(), []);
  }));

test('adding to an unknown leak set is refused rather than creating one', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.add-url', options: { value: 'https://x.example/a', leak: 'typo' } }, ADMIN);
    assert.match(reply.text, /There is no leak set `typo`. Known leak sets: `macronleaks`, `other`/);
    assert.deepEqual(await f.store.listConfigChanges(), []);
  }));

test('leaks list shows each leak set with its entries by kind', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'leaks.list', options: {} });
    const shown = all(reply);
    assert.match(shown, /MacronLeaks \(`macronleaks`\)/);
    assert.match(shown, /links \(1\): pastebin\.com\/emleaks-2017/);
    assert.match(shown, /keywords \(1\): otherleak/);
  }));

const incident = (over: Partial<IncidentInput>): IncidentInput => ({
  platform: 'discord',
  workspaceId: 'G1',
  channelId: 'C1',
  messageId: 'M1',
  authorId: 'A1',
  verdict: 'share',
  leakIds: ['macronleaks'],
  signalKinds: ['url'],
  rules: ['pastebin.com/emleaks-2017'],
  windowId: 'fr-2017-t2',
  actions: [
    { action: 'delete', outcome: 'done' },
    { action: 'warn', outcome: 'done' },
  ],
  textHash: null,
  messageAt: IN_WINDOW,
  ...over,
});

test('report summarises the current window’s incidents of this server by verdict, action and channel', () =>
  withFixture(async (f) => {
    await f.store.recordIncident(incident({ messageId: 'M1' }));
    await f.store.recordIncident(incident({ messageId: 'M2', channelId: 'C2' }));
    await f.store.recordIncident(
      incident({ messageId: 'M3', actions: [{ action: 'delete', outcome: 'failed', detail: 'missing Manage Messages' }] }),
    );
    await f.store.recordIncident(incident({ messageId: 'M4', workspaceId: 'OTHER-GUILD' }));
    const reply = await run(f, { subcommand: 'report', options: {} }, ADMIN);
    const shown = all(reply);
    assert.match(reply.text, /3 incident\(s\) recorded/);
    assert.match(shown, /share: 3/);
    assert.match(shown, /delete \(done\): 2/);
    assert.match(shown, /delete \(failed\): 1/);
    assert.match(shown, /<#C1>: 2\n<#C2>: 1/);
    assert.match(shown, /delete: missing Manage Messages \(1\)/);
  }));

test('report after the window covers the last window, and is refused to non-admins', () =>
  withFixture(async (f) => {
    const after = Date.parse('2017-05-10T12:00:00+02:00');
    const empty = await run(f, { subcommand: 'report', options: {} }, ADMIN, after);
    assert.equal(empty.title, 'Report: Second round 2017');
    assert.match(empty.text, /No incident was recorded/);
    const refused = await run(f, { subcommand: 'report', options: {} }, MEMBER, after);
    assert.match(refused.text, /Only members with the Manage Server permission/);
  }));

test('a required option left empty is answered with what is missing', () =>
  withFixture(async (f) => {
    const reply = await run(f, { subcommand: 'windows.add', options: { id: 'x', start: '2022-04-09T00:00' } }, ADMIN);
    assert.match(reply.text, /Missing option: end/);
    assert.deepEqual(await f.store.listConfigChanges(), []);
  }));
