import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, decide } from '../../src/core/index.ts';
import { AT_BLACKOUT, engineFrom, LEAK_YAML } from '../support/engine.ts';

const base = engineFrom(LEAK_YAML);
const SHARE = 'https://pastebin.com/abc';
const OUTSIDE = Date.parse('2017-06-01T12:00:00Z');
const ctx = { channelId: 'c1', authorId: 'u1' };
const actions = (e = base, text = SHARE, at = AT_BLACKOUT, context: Parameters<typeof decide>[2] = ctx) =>
  decide(e.config, classify(e, { text, at }), context).actions;

test('by default a share inside a window is warned about, deleted, alerted and recorded, in that order', () => {
  assert.deepEqual(actions(), ['warn', 'delete', 'alert', 'record']);
});

test('by default a mention inside a window gets nothing', () => {
  assert.deepEqual(actions(base, '#MacronLeaks'), []);
});

test('by default a share outside every window is only logged', () => {
  assert.deepEqual(actions(base, SHARE, OUTSIDE), ['log']);
});

test('a configured action list replaces the default, in run order', () => {
  const e = engineFrom(`${LEAK_YAML}\npolicy:\n  inWindow:\n    mention: [record, remind]\n`);
  assert.deepEqual(actions(e, '#MacronLeaks'), ['remind', 'record']);
});

test('an exempt channel gets no action', () => {
  const e = engineFrom(`${LEAK_YAML}\npolicy:\n  exemptChannels: [c1]\n`);
  assert.deepEqual(decide(e.config, classify(e, { text: SHARE, at: AT_BLACKOUT }), ctx), { actions: [], exemptBecause: 'channel' });
});

test('a thread of an exempt channel is exempt too', () => {
  const e = engineFrom(`${LEAK_YAML}\npolicy:\n  exemptChannels: [parent]\n`);
  assert.deepEqual(actions(e, SHARE, AT_BLACKOUT, { channelId: 'thread', parentChannelId: 'parent', authorId: 'u1' }), []);
});

test('a member with an exempt role gets no action', () => {
  const e = engineFrom(`${LEAK_YAML}\npolicy:\n  exemptRoles: [press]\n`);
  assert.deepEqual(actions(e, SHARE, AT_BLACKOUT, { ...ctx, roleIds: ['everyone', 'press'] }), []);
});

test('a channel override names its own moderators channel', () => {
  const e = engineFrom(`${LEAK_YAML}\npolicy:\n  channels:\n    c1: {alertChannel: mods-c1}\n`);
  assert.equal(decide(e.config, classify(e, { text: SHARE, at: AT_BLACKOUT }), ctx, 'mods').alertChannel, 'mods-c1');
});

test('a channel override of the actions applies to that channel only', () => {
  const e = engineFrom(`${LEAK_YAML}\npolicy:\n  channels:\n    c1:\n      inWindow: {share: [warn]}\n`);
  assert.deepEqual(actions(e), ['warn']);
  assert.deepEqual(actions(e, SHARE, AT_BLACKOUT, { channelId: 'c2', authorId: 'u1' }), ['warn', 'delete', 'alert', 'record']);
});
