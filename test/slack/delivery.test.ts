/**
 * How events reach the app: signatures and timestamps are checked, events are acknowledged before
 * the work, retried events are handled once (also across two instances), and Web API failures
 * (429 with Retry-After, 500, malformed payloads) are survived without losing the warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventEnvelope, postEvent, postSigned, slackTs } from '../../src/standins/slack/signing.ts';
import { AUTHOR, CHANNEL, LEAKED_FILE, SECRET, startHarness, waitForLog, type Harness, withApp } from './harness.ts';

const SHARE = 'Everything is here: <https://pastebin.com/emleaks-test>';
const warnings = (h: Harness) => h.standIn.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL);
const shareEvent = (ts = slackTs()) => ({ type: 'message', channel: CHANNEL, user: AUTHOR, text: SHARE, ts, event_ts: ts });

/** Posts a valid sharing message and waits until it is moderated: everything before it has been seen. */
async function marker(h: Harness, user = AUTHOR): Promise<void> {
  const { ts } = await h.postMessage({ text: SHARE, user });
  await waitForLog(h, 'message moderated', { message: ts });
}

test('a request with a bad signature gets 401 and no action', () =>
  withApp({}, async (h) => {
    const forged = await postEvent(h.eventsUrl, SECRET, eventEnvelope(shareEvent(), { teamId: h.standIn.teamId }), { signature: `v0=${'0'.repeat(64)}` });
    assert.equal(forged.status, 401);
    const wrongSecret = await postEvent(h.eventsUrl, 'not-the-secret', eventEnvelope(shareEvent(), { teamId: h.standIn.teamId }));
    assert.equal(wrongSecret.status, 401);
    await marker(h);
    assert.equal(warnings(h).length, 1);
    assert.equal((await h.store.listIncidents()).length, 1);
  }));

test('a request with a stale timestamp gets 401 and no action', () =>
  withApp({}, async (h) => {
    const stale = await postEvent(h.eventsUrl, SECRET, eventEnvelope(shareEvent(), { teamId: h.standIn.teamId }), {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    assert.equal(stale.status, 401);
    await marker(h);
    assert.equal(warnings(h).length, 1);
  }));

test('Slack’s URL verification challenge is answered', () =>
  withApp({}, async (h) => {
    const answer = await postSigned(h.eventsUrl, SECRET, JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' }), 'application/json');
    assert.equal(answer.status, 200);
    assert.match(answer.body, /c-123/);
  }));

test('a retried event is handled once', () =>
  withApp({}, async (h) => {
    const ts = slackTs();
    const envelope = eventEnvelope(shareEvent(ts), { teamId: h.standIn.teamId, eventId: 'EvRETRY0001' });
    assert.equal((await postEvent(h.eventsUrl, SECRET, envelope)).status, 200);
    assert.equal((await postEvent(h.eventsUrl, SECRET, envelope, { retryNum: 1 })).status, 200);
    assert.equal((await postEvent(h.eventsUrl, SECRET, envelope, { retryNum: 2 })).status, 200);
    await h.standIn.waitFor('two duplicates recognised', () => h.logs.filter((l) => l.includes('event already handled')).length === 2);
    await waitForLog(h, 'message moderated', { message: ts });
    assert.equal(warnings(h).length, 1);
    assert.equal((await h.store.listIncidents()).length, 1);
  }));

test('an event delivered to two instances sharing one store is handled once', async () => {
  const first = await startHarness();
  try {
    const second = await startHarness({ store: first.store, standIn: first.standIn });
    try {
      const envelope = eventEnvelope(shareEvent(), { teamId: first.standIn.teamId, eventId: 'EvTWICE0001' });
      const [a, b] = await Promise.all([postEvent(first.eventsUrl, SECRET, envelope), postEvent(second.eventsUrl, SECRET, envelope, { retryNum: 1 })]);
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      await first.standIn.waitFor('one instance to moderate and the other to skip', () =>
        [first, second].some((h) => h.logs.some((l) => l.includes('event already handled'))) &&
        [first, second].some((h) => h.logs.some((l) => l.includes('"message moderated"'))),
      );
      assert.equal(warnings(first).length, 1);
      assert.equal((await first.store.listIncidents()).length, 1);
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
  }
});

test('events are acknowledged before the work: a slow file download does not hold the answer', () =>
  withApp({}, async (h) => {
    const url = h.standIn.addFile('archive.bin', LEAKED_FILE, { delayMs: 2_000 });
    const { status, ts } = await h.postMessage({ subtype: 'file_share', text: 'for the record', files: [{ id: 'F1', name: 'archive.bin', url_private: url }] });
    assert.equal(status, 200);
    assert.equal(h.standIn.callsTo('chat.postMessage').length, 0, 'the answer came after the work');
    await waitForLog(h, 'message moderated', { message: ts });
    assert.equal(warnings(h).length, 1);
  }));

test('a 429 with Retry-After on chat.postMessage is waited out and the warning still posted once', () =>
  withApp({}, async (h) => {
    h.standIn.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const { ts } = await h.postMessage({ text: SHARE });
    const log = await waitForLog(h, 'message moderated', { message: ts });
    assert.deepEqual((log.actions as string[]).slice(0, 1), ['warn:done']);
    assert.equal(warnings(h).length, 1);
    assert.equal(h.standIn.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429).length, 1);
  }));

test('a 500 on chat.postMessage is retried and the warning still posted once', () =>
  withApp({}, async (h) => {
    h.standIn.failNext('chat.postMessage', { status: 500 });
    const { ts } = await h.postMessage({ text: SHARE });
    const log = await waitForLog(h, 'message moderated', { message: ts });
    assert.deepEqual((log.actions as string[]).slice(0, 1), ['warn:done']);
    assert.equal(warnings(h).length, 1);
    assert.equal(h.standIn.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 500).length, 1);
  }));

test('a Web API that keeps failing is survived: the failure is recorded and the next message handled', () =>
  withApp({}, async (h) => {
    for (let i = 0; i < 4; i += 1) h.standIn.failNext('chat.postMessage', { status: 500 });
    const { ts } = await h.postMessage({ text: SHARE });
    const log = await waitForLog(h, 'message moderated', { message: ts });
    assert.deepEqual((log.actions as string[]).slice(0, 1), ['warn:failed']);
    const incident = (await h.store.listIncidents())[0]!;
    assert.equal(incident.actions.find((a) => a.action === 'warn')?.outcome, 'failed');
    // Another author: the first one's warning slot was taken by the failed warning.
    await marker(h, 'U0SECOND');
    assert.equal(warnings(h).length, 1);
  }));

test('malformed events are answered and survived', () =>
  withApp({}, async (h) => {
    const odd: Record<string, unknown>[] = [
      { type: 'message', user: AUTHOR, text: SHARE, ts: slackTs() },
      { type: 'message', channel: CHANNEL, text: SHARE, ts: slackTs() },
      { type: 'message', channel: CHANNEL, user: AUTHOR, text: 42, ts: slackTs(), blocks: 'nope', files: 'nope' },
      { type: 'message', channel: CHANNEL, user: AUTHOR, text: SHARE, ts: 'not-a-ts' },
      { type: 'message', subtype: 'message_changed', channel: CHANNEL, message: null },
      { type: 'message', channel: CHANNEL, user: AUTHOR, ts: slackTs(), files: [null, 7, { id: 'F9', url_private: 'not a url' }] },
    ];
    for (const event of odd) {
      const answer = await postEvent(h.eventsUrl, SECRET, eventEnvelope(event, { teamId: h.standIn.teamId }));
      assert.equal(answer.status, 200);
    }
    const broken = await postSigned(h.eventsUrl, SECRET, '{"type":"event_callback", "event": ', 'application/json');
    assert.ok(broken.status >= 400 && broken.status < 500, `status ${broken.status}`);
    await marker(h);
    assert.equal(warnings(h).length, 1);
  }));
