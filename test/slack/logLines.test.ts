/** Log lines of the Slack app name their platform exactly once (pino keeps duplicate keys). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForLog, withApp } from './harness.ts';

test('every log line of a moderated message names the platform once, as slack', () =>
  withApp({}, async (h) => {
    const { ts } = await h.postMessage({ text: 'Everything is here: <https://pastebin.com/emleaks-test|the files>' });
    const line = await waitForLog(h, 'message moderated', { message: ts });
    assert.equal(line.platform, 'slack');
    for (const raw of h.logs) assert.ok((raw.match(/"platform":/g) ?? []).length <= 1, raw);
  }));
