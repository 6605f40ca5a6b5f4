/**
 * `/blackout` over signed slash command requests: answers are ephemeral Block Kit, changes and
 * the report are for workspace admins and owners or the configured user group, others are refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postCommand } from '../../src/standins/slack/signing.ts';
import { CHANNEL, type Harness, waitForLog, withApp } from './harness.ts';

interface Reply {
  response_type?: string;
  text?: string;
  blocks?: unknown[];
}

/** Runs `/blackout text` as `userId` and returns the reply (inline, or posted to the response URL). */
async function run(h: Harness, userId: string, text: string): Promise<Reply> {
  const id = `r${Math.random().toString(36).slice(2)}`;
  const answer = await h.postCommand({
    token: 'legacy',
    team_id: h.standIn.teamId,
    team_domain: 'standin',
    channel_id: CHANNEL,
    channel_name: 'news',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/blackout',
    text,
    api_app_id: 'A0STANDIN',
    response_url: h.standIn.responseUrl(id),
    trigger_id: '1.2.3',
  });
  assert.equal(answer.status, 200);
  if (answer.body.trim() !== '') return JSON.parse(answer.body) as Reply;
  await h.standIn.waitFor('the delayed reply', () => h.standIn.responses.some((r) => r.path.endsWith(id)));
  return h.standIn.responses.find((r) => r.path.endsWith(id))!.body as Reply;
}

const ADMIN = 'U0ADMIN';
const OWNER = 'U0OWNER';
const MEMBER = 'U0MEMBER';
const GROUPIE = 'U0GROUPIE';

function people(h: Harness): void {
  h.standIn.users.set(ADMIN, { is_admin: true });
  h.standIn.users.set(OWNER, { is_owner: true });
  h.standIn.users.set(MEMBER, {});
  h.standIn.users.set(GROUPIE, {});
  h.standIn.usergroups.set('S0EDITORS', [GROUPIE]);
}

const shown = (reply: Reply): string => JSON.stringify(reply.blocks ?? []);

test('status is answered to anyone, ephemeral, in Block Kit', () =>
  withApp({}, async (h) => {
    people(h);
    const reply = await run(h, MEMBER, 'status');
    assert.equal(reply.response_type, 'ephemeral');
    assert.ok(Array.isArray(reply.blocks) && reply.blocks.length > 0);
    assert.match(shown(reply), /Test election, second round/);
  }));

test('check tells a member whether a text would be flagged', () =>
  withApp({}, async (h) => {
    people(h);
    const flagged = await run(h, MEMBER, 'check <https://pastebin.com/emleaks-test|this>');
    assert.equal(flagged.response_type, 'ephemeral');
    assert.match(shown(flagged), /shares leaked material/);
    const harmless = await run(h, MEMBER, 'check the weather is fine');
    assert.doesNotMatch(shown(harmless), /shares leaked material/);
    assert.equal(h.standIn.callsTo('chat.postMessage').length, 0);
  }));

test('a member who is not an admin is refused a change, clearly, and nothing changes', () =>
  withApp({}, async (h) => {
    people(h);
    const reply = await run(h, MEMBER, 'leaks add-url https://leaks.example/new');
    assert.equal(reply.response_type, 'ephemeral');
    assert.match(shown(reply), /Only workspace admins and owners/);
    assert.equal((await h.store.listConfigChanges()).length, 0);
    assert.equal(h.standIn.callsTo('users.info').length, 1);
  }));

test('a member who is not an admin is refused the report', () =>
  withApp({}, async (h) => {
    people(h);
    const reply = await run(h, MEMBER, 'report');
    assert.match(shown(reply), /Only workspace admins and owners/);
  }));

test('a workspace admin can add a leak entry, which applies at once', () =>
  withApp({}, async (h) => {
    people(h);
    const reply = await run(h, ADMIN, 'leaks add-url https://leaks.example/new');
    assert.doesNotMatch(shown(reply), /Only workspace admins/);
    assert.equal((await h.store.listConfigChanges()).length, 1);
    assert.ok(JSON.stringify(h.live.config.leaks).includes('leaks.example/new'));
  }));

test('a workspace owner can read the report', () =>
  withApp({}, async (h) => {
    people(h);
    const reply = await run(h, OWNER, 'report');
    assert.doesNotMatch(shown(reply), /Only workspace admins/);
    assert.match(shown(reply), /Report/);
  }));

test('a member of the configured admin user group can make changes', () =>
  withApp({ slackYaml: '  adminUserGroup: S0EDITORS' }, async (h) => {
    people(h);
    const reply = await run(h, GROUPIE, 'leaks add-domain leakmirror.example');
    assert.doesNotMatch(shown(reply), /Only workspace admins/);
    assert.equal((await h.store.listConfigChanges()).length, 1);
    assert.equal(h.standIn.callsTo('usergroups.users.list').length, 1);
  }));

test('when Slack cannot say who is an admin, the change is refused', () =>
  withApp({}, async (h) => {
    h.standIn.users.clear();
    const reply = await run(h, ADMIN, 'leaks add-url https://leaks.example/new');
    assert.match(shown(reply), /Only workspace admins and owners/);
    assert.equal((await h.store.listConfigChanges()).length, 0);
  }));

test('an unknown subcommand gets the usage', () =>
  withApp({}, async (h) => {
    const reply = await run(h, MEMBER, 'frobnicate');
    assert.equal(reply.response_type, 'ephemeral');
    assert.match(shown(reply), /Usage/);
  }));

test('a command with a bad signature gets 401', () =>
  withApp({}, async (h) => {
    const answer = await postCommand(h.eventsUrl, 'wrong-secret', { command: '/blackout', text: 'status', user_id: MEMBER, team_id: h.standIn.teamId });
    assert.equal(answer.status, 401);
    assert.equal(h.standIn.calls.filter((c) => c.method !== 'auth.test').length, 0);
  }));

test('a signed command of another workspace is refused, logged, and changes nothing', () =>
  withApp({}, async (h) => {
    people(h);
    const answer = await h.postCommand({ command: '/blackout', text: 'leaks add-url https://leaks.example/new', user_id: ADMIN, team_id: 'T0SOMEONEELSE', channel_id: CHANNEL });
    assert.equal(answer.status, 200);
    const reply = JSON.parse(answer.body) as Reply;
    assert.equal(reply.response_type, 'ephemeral');
    assert.match(shown(reply), /only works in the bot’s own workspace/);
    const line = await waitForLog(h, 'command of another workspace refused');
    assert.equal(line.team, 'T0SOMEONEELSE');
    assert.equal((await h.store.listConfigChanges()).length, 0);
    // Not even the admin lookup was made with our token.
    assert.equal(h.standIn.callsTo('users.info').length, 0);
  }));

test('the shipped fields are rendered: windows list names the configured window', () =>
  withApp({}, async (h) => {
    const reply = await run(h, MEMBER, 'windows list');
    assert.match(shown(reply), /test-window|Test election/);
  }));

test('an answer slower than Slack allows is acknowledged at once and sent to the response URL', () =>
  withApp({}, async (h) => {
    people(h);
    h.standIn.failNext('users.info', { status: 429, retryAfter: 3 });
    const id = 'slow-reply';
    const answer = await h.postCommand({ command: '/blackout', text: 'report', user_id: ADMIN, team_id: h.standIn.teamId, channel_id: CHANNEL, response_url: h.standIn.responseUrl(id) });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.trim(), '');
    await h.standIn.waitFor('the reply at the response URL', () => h.standIn.responses.some((r) => r.path.endsWith(id)));
    const reply = h.standIn.responses.find((r) => r.path.endsWith(id))!.body as Reply;
    assert.equal(reply.response_type, 'ephemeral');
    assert.match(shown(reply), /Report/);
  }));
