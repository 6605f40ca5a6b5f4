/**
 * The platform-neutral moderation of one message, with the real core, configuration and SQLite
 * store. The ports stand where a platform would be: they record what the platform was asked to do.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { LiveConfig } from '../../src/runtimeConfig/live.ts';
import { createLogger } from '../../src/log/logger.ts';
import { moderate } from '../../src/moderation/moderate.ts';
import { ActionSkipped, type IncomingMessage, type MessageActions, type ModeratorAlert } from '../../src/platform/index.ts';
import { openStore } from '../../src/store/open.ts';

const dir = await mkdtemp(join(tmpdir(), 'bg-moderation-'));
after(() => rm(dir, { recursive: true, force: true }));
const logger = createLogger({ level: 'silent' });
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');

async function setUp(extra = '') {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(
    file,
    `windows:\n  - {id: now, start: "${iso(NOW - 3_600_000)}", end: "${iso(NOW + 3_600_000)}"}\n` +
      `leaks:\n  - {id: dump, urls: [pastebin.com/abc], hashtags: [MacronLeaks]}\n` +
      `store: {sqlitePath: ${JSON.stringify(join(dir, `${Math.random().toString(36).slice(2)}.db`))}}\n${extra}`,
  );
  const loaded = await loadConfig(file);
  const store = await openStore({ sqlitePath: loaded.config.store.sqlitePath, logger });
  after(() => store.close());
  const live = new LiveConfig(loaded);
  return { deps: { live, store, logger, hashKey: 'k', platform: { alertChannel: 'mods' } }, store };
}

function message(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    platform: 'discord',
    workspaceId: 'g1',
    channelId: 'c1',
    messageId: `m${Math.random()}`,
    authorId: 'u1',
    text: 'the files: https://pastebin.com/abc',
    attachments: [],
    atMs: NOW,
    ...overrides,
  };
}

/** What the platform was asked to do, in order. */
function recordingPorts(options: { canDelete?: boolean; warnFails?: boolean } = {}) {
  const calls: string[] = [];
  const alerts: ModeratorAlert[] = [];
  const warnings: string[] = [];
  const ports: MessageActions = {
    mention: (id) => `<@${id}>`,
    warn: async (w) => {
      if (options.warnFails) throw new Error('HTTP 500');
      calls.push('warn');
      warnings.push(w.body);
    },
    delete: async () => {
      if (options.canDelete === false) throw new ActionSkipped('missing Manage Messages');
      calls.push('delete');
    },
    alert: async (a) => {
      calls.push('alert');
      alerts.push(a);
    },
  };
  return { ports, calls, alerts, warnings };
}

test('a share inside a window is warned about before it is deleted, then alerted and recorded', async () => {
  const { deps } = await setUp();
  const { ports, calls } = recordingPorts();
  const result = await moderate(deps, message(), ports);
  assert.deepEqual(calls, ['warn', 'delete', 'alert']);
  assert.deepEqual(result.outcomes.map((o) => `${o.action}:${o.outcome}`), ['warn:done', 'delete:done', 'alert:done', 'record:done']);
});

test('the warning mentions the author and never quotes the message', async () => {
  const { deps } = await setUp();
  const { ports, warnings } = recordingPorts();
  await moderate(deps, message({ text: 'secret-marker https://pastebin.com/abc' }), ports);
  assert.match(warnings[0]!, /<@u1>/);
  assert.doesNotMatch(warnings[0]!, /secret-marker|pastebin/);
});

test('a deletion that is not allowed is reported in the alert as skipped', async () => {
  const { deps } = await setUp();
  const { ports, alerts } = recordingPorts({ canDelete: false });
  await moderate(deps, message(), ports);
  assert.deepEqual(alerts[0]!.deletion, { action: 'delete', outcome: 'skipped', detail: 'missing Manage Messages' });
});

test('a failing warning is recorded as failed and the other actions still happen', async () => {
  const { deps } = await setUp();
  const { ports, calls } = recordingPorts({ warnFails: true });
  const result = await moderate(deps, message(), ports);
  assert.deepEqual(calls, ['delete', 'alert']);
  assert.equal(result.incident?.actions.find((a) => a.action === 'warn')?.outcome, 'failed');
});

test('the incident holds ids, verdict, rules and a keyed hash, never the text', async () => {
  const { deps, store } = await setUp();
  const { ports } = recordingPorts();
  const m = message({ text: 'secret-marker https://pastebin.com/abc' });
  await moderate(deps, m, ports);
  const [incident] = await store.listIncidents({});
  assert.equal(incident!.messageId, m.messageId);
  assert.equal(incident!.verdict, 'share');
  assert.deepEqual(incident!.rules, ['pastebin.com/abc']);
  assert.match(incident!.textHash!, /^[0-9a-f]{64}$/);
  assert.doesNotMatch(JSON.stringify(incident), /secret-marker/);
});

test('a user is warned once per interval in a channel, but every sharing message is deleted', async () => {
  const { deps } = await setUp();
  const { ports, calls } = recordingPorts();
  await moderate(deps, message(), ports);
  await moderate(deps, message({ atMs: NOW + 1000 }), ports);
  assert.deepEqual(calls, ['warn', 'delete', 'alert', 'delete', 'alert']);
});

test('the same user is warned again in another channel', async () => {
  const { deps } = await setUp();
  const { ports, calls } = recordingPorts();
  await moderate(deps, message(), ports);
  await moderate(deps, message({ channelId: 'c2' }), ports);
  assert.equal(calls.filter((c) => c === 'warn').length, 2);
});

test('a mention inside a window gets nothing by default', async () => {
  const { deps } = await setUp();
  const { ports, calls } = recordingPorts();
  const result = await moderate(deps, message({ text: 'what is #MacronLeaks about?' }), ports);
  assert.equal(result.classification.verdict, 'mention');
  assert.deepEqual(calls, []);
});

test('a share outside every window is only logged', async () => {
  const { deps } = await setUp();
  const { ports, calls } = recordingPorts();
  const result = await moderate(deps, message({ atMs: NOW + 86_400_000 }), ports);
  assert.deepEqual(calls, []);
  assert.deepEqual(result.outcomes.map((o) => o.action), ['log']);
});

test('a message in an exempt channel gets nothing', async () => {
  const { deps } = await setUp('policy: {exemptChannels: [c1]}\n');
  const { ports, calls } = recordingPorts();
  const result = await moderate(deps, message(), ports);
  assert.deepEqual(calls, []);
  assert.equal(result.decision.exemptBecause, 'channel');
});

test('with no moderators channel the alert is skipped and said so', async () => {
  const { deps } = await setUp();
  const { ports } = recordingPorts();
  const result = await moderate({ ...deps, platform: {} }, message(), ports);
  assert.deepEqual(result.outcomes.find((o) => o.action === 'alert'), { action: 'alert', outcome: 'skipped', detail: 'no moderators channel configured' });
});

test('the gentle reminder is posted for a mention when the policy asks for it', async () => {
  const { deps } = await setUp('policy: {inWindow: {mention: [remind]}}\n');
  const { ports, warnings } = recordingPorts();
  await moderate(deps, message({ text: '#MacronLeaks ?' }), ports);
  assert.match(warnings[0]!, /You may discuss|Vous pouvez parler/);
});

test('a warning that could not be posted does not silence the warning of the next message', async () => {
  const { deps } = await setUp();
  const failing = recordingPorts({ warnFails: true });
  await moderate(deps, message(), failing.ports);
  const working = recordingPorts();
  await moderate(deps, message({ atMs: NOW + 1000 }), working.ports);
  assert.equal(working.warnings.length, 1);
});

test('the incident is written, with the actions intended, before the first action is taken', async () => {
  const { deps, store } = await setUp();
  const m = message();
  let seenBeforeWarning: Awaited<ReturnType<typeof store.listIncidents>> = [];
  const { ports } = recordingPorts();
  const warn = ports.warn;
  ports.warn = async (w, kind) => {
    seenBeforeWarning = (await store.listIncidents()).filter((i) => i.messageId === m.messageId);
    await warn(w, kind);
  };
  await moderate({ ...deps, eventKey: `test:${m.messageId}` }, m, ports);
  assert.equal(seenBeforeWarning.length, 1);
  assert.equal(seenBeforeWarning[0]!.state, 'pending');
  assert.deepEqual(seenBeforeWarning[0]!.intended, ['warn', 'delete', 'alert', 'record']);
  const [done] = (await store.listIncidents()).filter((i) => i.messageId === m.messageId);
  assert.equal(done!.state, 'complete');
  assert.deepEqual(done!.actions.map((a) => `${a.action}:${a.outcome}`), ['warn:done', 'delete:done', 'alert:done']);
});

test('an event taken over from an instance that died is not acted on again where it was confirmed', async () => {
  const { deps, store } = await setUp();
  const m = message();
  const key = `test:takeover:${m.messageId}`;
  // What the dead instance left: the incident written ahead, the warning confirmed.
  const begun = await store.openIncident(
    { platform: 'discord', workspaceId: 'g1', channelId: 'c1', messageId: m.messageId, authorId: 'u1', verdict: 'share', leakIds: [], signalKinds: [], rules: [], windowId: null, actions: [], textHash: null, messageAt: NOW },
    key,
    ['warn', 'delete', 'alert', 'record'],
  );
  await store.saveIncident({ ...begun, actions: [{ action: 'warn', outcome: 'done' }] });
  const { ports, calls } = recordingPorts();
  const result = await moderate({ ...deps, eventKey: key }, m, ports);
  assert.deepEqual(calls, ['delete', 'alert']);
  assert.equal(result.incident?.id, begun.id);
  assert.equal(result.incident?.state, 'complete');
});
