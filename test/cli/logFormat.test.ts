/** The logger's two formats: JSON lines for machines, lines for people; both redact tokens. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger, logFormat } from '../../src/log/logger.ts';

const SLACK_TOKEN = 'xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

test('in JSON format each line is one JSON object, and tokens are redacted', () => {
  const out = capture();
  const logger = createLogger({ destination: out.stream, format: 'json' });
  logger.info({ token: SLACK_TOKEN, channel: 'C1' }, `connected with ${SLACK_TOKEN}`);
  const entry = JSON.parse(out.text().trim()) as { msg: string; token: string; channel: string };
  assert.equal(entry.token, '[redacted]');
  assert.equal(entry.msg, 'connected with [redacted]');
  assert.equal(entry.channel, 'C1');
});

test('in pretty format lines are for people (level, message, fields), and tokens are still redacted', () => {
  const out = capture();
  const logger = createLogger({ destination: out.stream, format: 'pretty' });
  logger.info({ token: SLACK_TOKEN, channel: 'C1' }, `connected with ${SLACK_TOKEN}`);
  const text = out.text();
  assert.match(text, /INFO.*: connected with \[redacted\]/);
  assert.match(text, /channel: "C1"/);
  assert.doesNotMatch(text, /^\{/m);
  assert.ok(!text.includes(SLACK_TOKEN));
});

test('LOG_FORMAT chooses the format; otherwise a terminal gets pretty lines and anything else JSON', () => {
  const saved = process.env.LOG_FORMAT;
  try {
    delete process.env.LOG_FORMAT;
    assert.equal(logFormat(Object.assign(capture().stream, { isTTY: true })), 'pretty');
    assert.equal(logFormat(capture().stream), 'json');
    process.env.LOG_FORMAT = 'json';
    assert.equal(logFormat(Object.assign(capture().stream, { isTTY: true })), 'json');
    process.env.LOG_FORMAT = 'pretty';
    assert.equal(logFormat(capture().stream), 'pretty');
  } finally {
    if (saved === undefined) delete process.env.LOG_FORMAT;
    else process.env.LOG_FORMAT = saved;
  }
});
