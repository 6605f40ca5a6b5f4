/**
 * Hostile or misrouted deliveries: events of another workspace are ignored (and logged), signed
 * requests dated more than five minutes in the future are refused like stale ones, and content
 * carried only in attachments or in non-rich-text blocks is checked like the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNEL, SECRET, waitForLog, withApp } from './harness.ts';
import { eventEnvelope, postEvent, slackTs } from '../../src/standins/slack/signing.ts';
import { fromOwnWorkspace } from '../../src/slack/workspace.ts';

const SHARE = 'Everything is here: <https://pastebin.com/emleaks-test|the files>';
const warnings = (h: Parameters<Parameters<typeof withApp>[1]>[0]) => h.standIn.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL);

test('an event of another workspace is ignored and logged, nothing posted or recorded', () =>
  withApp({ adminToken: true }, async (h) => {
    const ts = slackTs();
    const event = { type: 'message', channel: CHANNEL, user: 'U0OTHER', text: SHARE, ts, event_ts: ts, channel_type: 'channel' };
    const answer = await postEvent(h.eventsUrl, SECRET, eventEnvelope(event, { teamId: 'T0SOMEONEELSE' }));
    assert.equal(answer.status, 200);
    const line = await waitForLog(h, 'event of another workspace ignored');
    assert.equal(line.team, 'T0SOMEONEELSE');
    assert.equal(line.platform, 'slack');
    // Our own workspace's next event is moderated: the foreign one was not merely slow.
    await h.postMessage({ text: SHARE });
    await waitForLog(h, 'message moderated');
    assert.equal(warnings(h).length, 1);
    assert.equal(h.standIn.callsTo('chat.delete').length, 1);
    assert.ok((await h.store.listIncidents()).every((i) => i.workspaceId === h.standIn.teamId));
  }));

test('on Enterprise Grid, events of the org’s other workspaces are ours; another org’s are not', () => {
  const own = { teamId: 'T0MAIN', enterpriseId: 'E0ORG' };
  assert.equal(fromOwnWorkspace(own, { team_id: 'T0MAIN' }), true);
  assert.equal(fromOwnWorkspace(own, { team_id: 'T0SISTER', enterprise_id: 'E0ORG' }), true);
  assert.equal(fromOwnWorkspace(own, { team_id: 'T0SISTER', enterprise_id: 'E0OTHER' }), false);
  assert.equal(fromOwnWorkspace({ teamId: 'T0MAIN' }, { team_id: 'T0ELSE' }), false);
  assert.equal(fromOwnWorkspace({ teamId: 'T0MAIN' }, {}), false);
});

test('a request signed with a timestamp six minutes in the future gets 401 and no action', () =>
  withApp({}, async (h) => {
    const ts = slackTs();
    const event = { type: 'message', channel: CHANNEL, user: 'U0FUTURE', text: SHARE, ts, event_ts: ts, channel_type: 'channel' };
    const future = await postEvent(h.eventsUrl, SECRET, eventEnvelope(event, { teamId: h.standIn.teamId }), { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    assert.equal(future.status, 401);
    await waitForLog(h, 'request refused: its signature timestamp is more than 5 minutes from now');
    assert.equal(warnings(h).length, 0);
    // Four minutes ahead is within Slack's tolerance.
    const near = await postEvent(h.eventsUrl, SECRET, eventEnvelope({ ...event, ts: slackTs() }, { teamId: h.standIn.teamId }), { timestamp: Math.floor(Date.now() / 1000) + 4 * 60 });
    assert.equal(near.status, 200);
  }));

test('a link only in a message attachment (an unfurl or a shared message) is recognised', () =>
  withApp({}, async (h) => {
    const { ts } = await h.postMessage({
      text: 'look at this',
      attachments: [{ fallback: 'a shared message', title: 'Shared', title_link: 'https://pastebin.com/emleaks-test', from_url: 'https://pastebin.com/emleaks-test' }],
    });
    const log = await waitForLog(h, 'message moderated', { message: ts });
    assert.equal(log.verdict, 'share');
    assert.equal(warnings(h).length, 1);
  }));

test('a leak named only in the text of an attachment is recognised', () =>
  withApp({}, async (h) => {
    const { ts } = await h.postMessage({ text: '', attachments: [{ pretext: 'forwarded', text: 'the full EMLEAKS archive is out' }] });
    const log = await waitForLog(h, 'message moderated', { message: ts });
    assert.notEqual(log.verdict, 'none');
  }));

test('a link only in a section block’s text is recognised', () =>
  withApp({}, async (h) => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'get it <https://pastebin.com/emleaks-test|here>' } }];
    const { ts } = await h.postMessage({ text: 'get it', blocks });
    const log = await waitForLog(h, 'message moderated', { message: ts });
    assert.equal(log.verdict, 'share');
  }));
