/** Reminders reach Slack through the app's sink, from the shared scheduler and configuration. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startReminders } from '../../src/scheduler/index.ts';
import { startHarness } from './harness.ts';

test('the scheduler posts reminders to the configured Slack channels, in Block Kit, with the bot token', async () => {
  const h = await startHarness({ slackYaml: '  reminderChannels: [C0REMIND]' });
  try {
    // The window opened an hour ago: its opening reminder is caught up at start.
    const reminders = await startReminders({ live: h.live, store: h.store, logger: h.logger, sinks: [h.app.reminderSink] });
    try {
      await h.standIn.waitFor('a reminder in C0REMIND', () => h.standIn.callsTo('chat.postMessage').some((c) => c.params.channel === 'C0REMIND'));
      const posted = h.standIn.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0REMIND');
      assert.equal(posted.length, 1);
      assert.equal(posted[0]!.token, h.standIn.botToken);
      assert.ok(Array.isArray(posted[0]!.params.blocks));
      assert.equal(posted[0]!.params.thread_ts, undefined);
      assert.match(JSON.stringify(posted[0]!.params.blocks), /Test election, second round/);
    } finally {
      reminders.stop();
    }
  } finally {
    await h.close();
  }
});

test('the Slack sink reads its channels and language from the slack section', async () => {
  const h = await startHarness({ slackYaml: '  reminderChannels: [C0A, C0B]\n  language: fr' });
  try {
    assert.equal(h.app.reminderSink.platform, 'slack');
    assert.deepEqual(h.app.reminderSink.channels(h.live.config), ['C0A', 'C0B']);
    assert.equal(h.app.reminderSink.language(h.live.config), 'fr');
  } finally {
    await h.close();
  }
});
