/**
 * Automatic moderation through the real Bolt app: signed message events in, Web API calls out
 * (recorded by the stand-in), incidents in the real store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALERT_CHANNEL, AUTHOR, CHANNEL, LEAKED_FILE, LEAKED_SHA256, waitForLog, type Harness, withApp } from './harness.ts';
import { slackTs } from '../../src/standins/slack/signing.ts';

/** A message sharing the leak, in Slack markup with a label. */
const SHARE = 'Everything is here: <https://pastebin.com/emleaks-test|the files>';

const postsTo = (h: Harness, channel: string) => h.standIn.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);
const warnings = (h: Harness) => postsTo(h, CHANNEL);
const alerts = (h: Harness) => postsTo(h, ALERT_CHANNEL);

/** Posts a message event and waits until moderation has finished with it. */
async function moderated(h: Harness, event: Record<string, unknown>): Promise<{ ts: string; log: Record<string, unknown> }> {
  const { status, ts } = await h.postMessage(event);
  assert.equal(status, 200);
  const messageTs = typeof (event.message as { ts?: unknown } | undefined)?.ts === 'string' ? String((event.message as { ts: string }).ts) : ts;
  const log = await waitForLog(h, 'message moderated', { message: messageTs });
  return { ts: messageTs, log };
}

test('a sharing message inside a window gets exactly one warning, threaded on it, mentioning its author', () =>
  withApp({}, async (h) => {
    const { ts } = await moderated(h, { text: SHARE });
    const posted = warnings(h);
    assert.equal(posted.length, 1);
    assert.equal(posted[0]!.params.thread_ts, ts);
    assert.match(String(posted[0]!.params.text), new RegExp(`<@${AUTHOR}>`));
    assert.equal(posted[0]!.token, h.standIn.botToken);
  }));

test('the warning is in Block Kit, cites the commission and never quotes the material', () =>
  withApp({}, async (h) => {
    await moderated(h, { text: SHARE });
    const warning = warnings(h)[0]!;
    const blocks = JSON.stringify(warning.params.blocks);
    assert.match(blocks, /"type":"header"/);
    assert.match(blocks, /criminal offence/);
    assert.match(blocks, /blackout ends on/);
    for (const quoted of ['pastebin', 'emleaks', 'the files', 'Everything is here']) {
      assert.ok(!blocks.toLowerCase().includes(quoted.toLowerCase()), `the warning quotes "${quoted}"`);
      assert.ok(!String(warning.params.text).toLowerCase().includes(quoted.toLowerCase()), `the fallback text quotes "${quoted}"`);
    }
  }));

test('the author gets a private note besides the warning', () =>
  withApp({}, async (h) => {
    await moderated(h, { text: SHARE });
    const notes = h.standIn.callsTo('chat.postEphemeral');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.params.user, AUTHOR);
    assert.equal(notes[0]!.params.channel, CHANNEL);
  }));

test("moderators are alerted in their channel with a permalink, not in the message's thread", () =>
  withApp({}, async (h) => {
    const { ts } = await moderated(h, { text: SHARE });
    const posted = alerts(h);
    assert.equal(posted.length, 1);
    assert.equal(posted[0]!.params.thread_ts, undefined);
    assert.match(JSON.stringify(posted[0]!.params.blocks), new RegExp(`archives/${CHANNEL}/p${ts.replace('.', '')}`));
    assert.match(JSON.stringify(posted[0]!.params.blocks), new RegExp(`<@${AUTHOR}>`));
    assert.ok(!JSON.stringify(posted[0]!.params).includes('Everything is here'), 'the alert quotes the message');
  }));

test('an incident is recorded with ids and verdict, without the text', () =>
  withApp({}, async (h) => {
    const { ts } = await moderated(h, { text: SHARE });
    const incidents = await h.store.listIncidents();
    assert.equal(incidents.length, 1);
    const incident = incidents[0]!;
    assert.equal(incident.platform, 'slack');
    assert.equal(incident.workspaceId, h.standIn.teamId);
    assert.equal(incident.channelId, CHANNEL);
    assert.equal(incident.messageId, ts);
    assert.equal(incident.authorId, AUTHOR);
    assert.equal(incident.verdict, 'share');
    assert.deepEqual(incident.leakIds, ['testleaks']);
    assert.ok(!JSON.stringify(incident).includes('Everything is here'));
  }));

test('logs hold ids and verdicts, never the message text', () =>
  withApp({}, async (h) => {
    await moderated(h, { text: `${SHARE} secret-phrase-xyz` });
    const logs = h.logs.join('\n');
    assert.ok(!logs.includes('secret-phrase-xyz'));
    assert.ok(!logs.includes(h.standIn.botToken));
  }));

test('a thread reply is warned in its thread', () =>
  withApp({}, async (h) => {
    const root = slackTs();
    await moderated(h, { text: SHARE, ts: slackTs(), thread_ts: root });
    assert.equal(warnings(h).length, 1);
    assert.equal(warnings(h)[0]!.params.thread_ts, root);
    assert.equal(h.standIn.callsTo('chat.postEphemeral')[0]!.params.thread_ts, root);
  }));

test('a link present only in rich_text blocks is recognised', () =>
  withApp({}, async (h) => {
    const blocks = [
      {
        type: 'rich_text',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'look ' }, { type: 'link', url: 'https://leakhost.example/dump', text: 'here' }] }],
      },
    ];
    const { log } = await moderated(h, { text: 'look here', blocks });
    assert.equal(log.verdict, 'share');
    assert.equal(warnings(h).length, 1);
  }));

test('an edit that adds a leaked link is warned', () =>
  withApp({}, async (h) => {
    const ts = slackTs();
    const editTs = slackTs();
    await moderated(h, {
      subtype: 'message_changed',
      hidden: true,
      user: undefined,
      ts: editTs,
      message: { type: 'message', user: AUTHOR, text: SHARE, ts, edited: { user: AUTHOR, ts: editTs } },
      previous_message: { type: 'message', user: AUTHOR, text: 'soon', ts },
    });
    assert.equal(warnings(h).length, 1);
    assert.equal(warnings(h)[0]!.params.thread_ts, ts);
    const incidents = await h.store.listIncidents();
    assert.equal(incidents[0]!.messageId, ts);
  }));

test('an edit that changes nothing but an unfurl is not moderated again', () =>
  withApp({}, async (h) => {
    const ts = slackTs();
    const eventId = 'EvUNFURL0001';
    await h.postMessage(
      {
        subtype: 'message_changed',
        hidden: true,
        user: undefined,
        ts: slackTs(),
        message: { type: 'message', user: AUTHOR, text: SHARE, ts, attachments: [{ title: 'unfurl' }] },
        previous_message: { type: 'message', user: AUTHOR, text: SHARE, ts },
      },
      { eventId },
    );
    await waitForLog(h, 'message event not moderated', { eventId, reason: 'unchanged' });
    assert.equal(h.standIn.callsTo('chat.postMessage').length, 0);
  }));

test('a shared file whose SHA-256 is a known leak is warned, downloaded with the bot token', () =>
  withApp({}, async (h) => {
    const url = h.standIn.addFile('archive.bin', LEAKED_FILE);
    const { log } = await moderated(h, {
      subtype: 'file_share',
      text: 'for the record',
      files: [{ id: 'F0001', name: 'archive.bin', size: LEAKED_FILE.length, url_private: url, url_private_download: url }],
    });
    assert.ok((log.signals as string[]).some((s) => /hash/i.test(s)), `signals: ${String(log.signals)}`);
    assert.equal(warnings(h).length, 1);
    assert.deepEqual(h.standIn.downloads.map((d) => d.authorized), [true]);
    const incidents = await h.store.listIncidents();
    assert.ok(incidents[0]!.rules.includes(LEAKED_SHA256));
  }));

test('a file larger than the configured cap is not downloaded', () =>
  withApp({ extraYaml: 'attachments:\n  maxBytes: 10\n' }, async (h) => {
    const url = h.standIn.addFile('archive.bin', LEAKED_FILE);
    const { status, ts } = await h.postMessage({
      subtype: 'file_share',
      text: 'EMLEAKS for the record',
      files: [{ id: 'F0001', name: 'archive.bin', size: LEAKED_FILE.length, url_private: url }],
    });
    assert.equal(status, 200);
    await waitForLog(h, 'message moderated', { message: ts });
    assert.equal(h.standIn.downloads.length, 0);
  }));

test("bot messages are ignored: other apps' bot_message, messages with a bot_id, and the bot's own", () =>
  withApp({}, async (h) => {
    await h.postMessage({ subtype: 'bot_message', bot_id: 'B0OTHER', user: undefined, text: SHARE }, { eventId: 'EvBOT0001' });
    await h.postMessage({ bot_id: 'B0OTHER', text: SHARE }, { eventId: 'EvBOT0002' });
    await h.postMessage({ user: h.standIn.botUserId, text: SHARE }, { eventId: 'EvBOT0003' });
    await waitForLog(h, 'message event not moderated', { eventId: 'EvBOT0001', reason: 'bot' });
    await waitForLog(h, 'message event not moderated', { eventId: 'EvBOT0002', reason: 'bot' });
    // The bot's own messages stop at Bolt's ignoreSelf or at ours.
    await moderated(h, { text: SHARE });
    assert.equal(warnings(h).length, 1);
    assert.equal((await h.store.listIncidents()).length, 1);
  }));

test('a message discussing the leak without sharing it is left alone', () =>
  withApp({}, async (h) => {
    const eventId = 'EvTALK0001';
    await h.postMessage({ text: 'Did you read about the EMLEAKS story? The commission says not to share the files.' }, { eventId });
    await waitForLog(h, 'message event handled', { eventId });
    assert.equal(h.standIn.callsTo('chat.postMessage').length, 0);
    assert.equal(h.standIn.callsTo('chat.postEphemeral').length, 0);
    assert.equal((await h.store.listIncidents()).length, 0);
  }));

test('outside every window, with the default policy, nothing is posted', () =>
  withApp({ window: 'past' }, async (h) => {
    const { log } = await moderated(h, { text: SHARE });
    assert.equal(log.inBlackout, false);
    assert.deepEqual(log.actions, ['log:done']);
    assert.equal(h.standIn.callsTo('chat.postMessage').length, 0);
    assert.equal(h.standIn.callsTo('chat.postEphemeral').length, 0);
    assert.equal(h.standIn.callsTo('chat.delete').length, 0);
  }));

test('without an admin user token nothing is deleted and the incident says why', () =>
  withApp({}, async (h) => {
    await moderated(h, { text: SHARE });
    assert.equal(h.standIn.calls.filter((c) => c.method === 'chat.delete').length, 0);
    const incident = (await h.store.listIncidents())[0]!;
    const deletion = incident.actions.find((a) => a.action === 'delete');
    assert.equal(deletion?.outcome, 'skipped');
    assert.match(deletion?.detail ?? '', /SLACK_ADMIN_USER_TOKEN/);
  }));

test('with an admin user token the message is deleted with that token', () =>
  withApp({ adminToken: true }, async (h) => {
    const { ts } = await moderated(h, { text: SHARE });
    const deletes = h.standIn.callsTo('chat.delete');
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0]!.token, h.standIn.adminToken);
    assert.equal(deletes[0]!.params.ts, ts);
    assert.equal(deletes[0]!.params.channel, CHANNEL);
    const incident = (await h.store.listIncidents())[0]!;
    assert.equal(incident.actions.find((a) => a.action === 'delete')?.outcome, 'done');
  }));

test('a deletion refused with cant_delete_message is survived: warning, alert and incident still happen', () =>
  withApp({ adminToken: true }, async (h) => {
    h.standIn.deleteError = 'cant_delete_message';
    await moderated(h, { text: SHARE });
    assert.equal(warnings(h).length, 1);
    assert.equal(alerts(h).length, 1);
    assert.match(JSON.stringify(alerts(h)[0]!.params.blocks), /cant_delete_message/);
    const incident = (await h.store.listIncidents())[0]!;
    assert.deepEqual(
      incident.actions.map((a) => `${a.action}:${a.outcome}`),
      ['warn:done', 'delete:skipped', 'alert:done'],
    );
  }));
