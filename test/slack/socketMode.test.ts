/** With an app-level token the app runs in Socket Mode: no HTTP port, events over a WebSocket. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventEnvelope, slackTs } from '../../src/standins/slack/signing.ts';
import { SocketModeStandIn } from '../../src/standins/slack/socketMode.ts';
import { SlackStandIn } from '../../src/standins/slack/webApi.ts';
import { AUTHOR, CHANNEL, startHarness } from './harness.ts';

test('in Socket Mode the connection is opened through SLACK_API_URL and a sharing message is acknowledged and warned', async () => {
  const standIn = await SlackStandIn.start();
  const socket = await SocketModeStandIn.start();
  standIn.socketUrl = socket.url;
  try {
    const h = await startHarness({ standIn, app: { appToken: standIn.appToken } });
    try {
      assert.equal(h.app.port, 0);
      assert.equal(standIn.callsTo('apps.connections.open')[0]?.token, standIn.appToken);
      await standIn.waitFor('the WebSocket connection', () => socket.connections === 1);
      const ts = slackTs();
      const envelopeId = socket.sendEvent(
        eventEnvelope({ type: 'message', channel: CHANNEL, user: AUTHOR, text: 'see <https://pastebin.com/emleaks-test>', ts }, { teamId: standIn.teamId }),
      );
      await standIn.waitFor('the acknowledgement', () => socket.acks.has(envelopeId));
      await standIn.waitFor('the threaded warning', () => standIn.callsTo('chat.postMessage').some((c) => c.params.thread_ts === ts));
      assert.equal(standIn.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === ts).length, 1);
    } finally {
      await h.close();
    }
  } finally {
    await socket.close();
    await standIn.close();
  }
});
