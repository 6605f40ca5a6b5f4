/**
 * The store's behaviour, specified once and checked on both backends (SQLite and PostgreSQL).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, sampleIncident, sqlOn, testDatabase, waitFor, type TestDatabase } from './backends.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { HANDLED_EVENT_RETENTION_MS } from '../../src/store/handledEvent.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2017-05-06T00:00:00+02:00');

for (const backend of BACKENDS) {
  describe(`store on ${backend}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await testDatabase(backend);
    });
    after(async () => {
      await db?.dispose();
    });

    test('a recorded incident is listed back with every field and a stable id', async () => {
      const store = await db.open();
      const input = sampleIncident({ workspaceId: 'ws-fields', textHash: null, windowId: null });
      const recorded = await store.recordIncident(input);
      assert.match(recorded.id, /^[0-9a-f-]{36}$/);
      const listed = await store.listIncidents({ workspaceId: 'ws-fields' });
      assert.deepEqual(listed, [recorded]);
      assert.deepEqual({ ...listed[0], id: undefined, recordedAt: undefined }, { ...input, origin: 'live', state: 'complete', id: undefined, recordedAt: undefined });
    });

    test('incidents are listed by window, time range, platform and workspace', async () => {
      const store = await db.open();
      const ws = 'ws-filter';
      await store.recordIncident(sampleIncident({ workspaceId: ws, windowId: 'w1', messageAt: T0 + 1 * HOUR }));
      await store.recordIncident(sampleIncident({ workspaceId: ws, windowId: 'w1', messageAt: T0 + 3 * HOUR, platform: 'slack' }));
      await store.recordIncident(sampleIncident({ workspaceId: ws, windowId: 'w2', messageAt: T0 + 5 * HOUR }));
      const ids = async (f: Parameters<typeof store.listIncidents>[0]) => (await store.listIncidents({ workspaceId: ws, ...f })).map((i) => `${i.windowId}@${(i.messageAt - T0) / HOUR}`);
      assert.deepEqual(await ids({ windowId: 'w1' }), ['w1@1', 'w1@3']);
      assert.deepEqual(await ids({ fromMs: T0 + 2 * HOUR, toMs: T0 + 5 * HOUR }), ['w1@3']);
      assert.deepEqual(await ids({ platform: 'slack' }), ['w1@3']);
      assert.deepEqual(await ids({}), ['w1@1', 'w1@3', 'w2@5']);
    });

    test('the incidents table holds no column for message text', async () => {
      const store = await db.open();
      await store.recordIncident(sampleIncident());
      const [row] = await sqlOn(db, 'SELECT * FROM incidents LIMIT 1');
      assert.ok(row);
      assert.deepEqual(
        Object.keys(row).filter((k) => /text|content|body/.test(k)),
        ['text_hash'],
      );
    });

    test('an event is claimed by the first caller only', async () => {
      const store = await db.open();
      assert.equal(await store.claimEvent('slack:Ev-once', T0), true);
      assert.equal(await store.claimEvent('slack:Ev-once', T0 + 1000), false);
    });

    test('an event claimed at once through two stores is handled by exactly one', async () => {
      const [a, b] = [await db.open(), await db.open()];
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).claimEvent('discord:msg-race', T0)));
      assert.equal(results.filter(Boolean).length, 1);
    });

    test('a warning slot is refused inside the interval and given again after it', async () => {
      const store = await db.open();
      const key = 'discord:chan:user-slot';
      assert.equal(await store.takeWarningSlot(key, T0, 600_000), true);
      assert.equal(await store.takeWarningSlot(key, T0 + 599_999, 600_000), false);
      assert.equal(await store.takeWarningSlot(key, T0 + 600_000, 600_000), true);
      assert.equal(await store.takeWarningSlot(key, T0 + 700_000, 600_000), false);
    });

    test('a released warning slot can be taken again at once, unless another message took it since', async () => {
      const store = await db.open();
      const key = 'discord:chan:user-release';
      assert.equal(await store.takeWarningSlot(key, T0, 600_000), true);
      await store.releaseWarningSlot(key, T0);
      assert.equal(await store.takeWarningSlot(key, T0 + 1, 600_000), true);
      await store.releaseWarningSlot(key, T0);
      assert.equal(await store.takeWarningSlot(key, T0 + 2, 600_000), false);
    });

    test('a warning slot taken at once through two stores goes to exactly one', async () => {
      const [a, b] = [await db.open(), await db.open()];
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).takeWarningSlot('slack:C1:U-race', T0, 600_000)));
      assert.equal(results.filter(Boolean).length, 1);
    });

    test('a reminder claimed at once through two stores goes to exactly one', async () => {
      const [a, b] = [await db.open(), await db.open()];
      const key = 'before-24h:fr-2017-t2-metropole:2017-05-05T00:00';
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).claimReminder(key, T0, 60_000)));
      assert.equal(results.filter(Boolean).length, 1);
    });

    test('an unsent reminder claim is taken over only once its lease has run out', async () => {
      const [a, b] = [await db.open(), await db.open()];
      const key = 'open:lease';
      assert.equal(await a.claimReminder(key, T0, 60_000), true);
      assert.equal(await b.claimReminder(key, T0 + 59_999, 60_000), false);
      assert.equal(await b.claimReminder(key, T0 + 60_000, 60_000), true);
      assert.equal(await a.claimReminder(key, T0 + 60_001, 60_000), false);
      assert.equal(await a.reminderSent(key), false);
    });

    test('a reminder marked sent is never claimed again, even after the lease', async () => {
      const [a, b] = [await db.open(), await db.open()];
      const key = 'close:sent';
      assert.equal(await a.claimReminder(key, T0, 1000), true);
      await a.markReminderSent(key, T0 + 10);
      assert.equal(await b.reminderSent(key), true);
      assert.equal(await b.claimReminder(key, T0 + 24 * HOUR, 1000), false);
      assert.equal(await a.claimReminder(key, T0 + 24 * HOUR, 1000), false);
    });

    test('a reminder marked sent without a claim counts as sent', async () => {
      const store = await db.open();
      await store.markReminderSent('open:unclaimed', T0);
      assert.equal(await store.reminderSent('open:unclaimed'), true);
      assert.equal(await store.claimReminder('open:unclaimed', T0 + 1, 1000), false);
      assert.equal(await store.reminderSent('open:never'), false);
    });

    test('configuration changes are kept in order with who made them', async () => {
      const [a, b] = [await db.open(), await db.open()];
      const before = (await b.listConfigChanges()).length;
      const first = await a.addConfigChange({ kind: 'leak.add', leak: 'macronleaks', key: 'domains', value: 'emleaks.example' }, { platform: 'discord', userId: 'mod-1' }, T0);
      const second = await b.addConfigChange({ kind: 'window.remove', id: 'fr-2017-t2-antilles-guyane' }, { platform: 'slack', userId: 'U-admin' }, T0 + 1000);
      assert.ok(second.id > first.id);
      const listed = (await a.listConfigChanges()).slice(before);
      assert.deepEqual(listed, [first, second]);
      assert.deepEqual(listed[1]?.actor, { platform: 'slack', userId: 'U-admin' });
    });

    test('a configuration change made through one store is seen by another within 5 s', async () => {
      const a = await db.open();
      const b = await db.open({ pollMs: 1000 });
      let seen = 0;
      const unwatch = b.watchConfigChanges(() => {
        seen += 1;
      });
      try {
        // A watcher reports once when it starts following (its first look, or LISTEN in effect).
        await waitFor('the watcher to start following', () => seen > 0);
        seen = 0;
        await a.addConfigChange({ kind: 'window.remove', id: 'w-watch' }, { platform: 'discord', userId: 'ops' }, T0);
        await waitFor('the other store to hear of the change', () => seen > 0, 5000);
      } finally {
        unwatch();
      }
    });

    test('reopening the database keeps its data and applies each migration once', async () => {
      const first = await db.open();
      const incident = await first.recordIncident(sampleIncident({ workspaceId: 'ws-reopen' }));
      await first.close();
      const second = await db.open();
      assert.deepEqual(await second.listIncidents({ workspaceId: 'ws-reopen' }), [incident]);
      const versions = await sqlOn(db, 'SELECT version FROM schema_migrations');
      assert.deepEqual(versions.map((r) => Number(r.version)).sort((a, b) => a - b), MIGRATIONS.map((m) => m.version));
    });

    test('handled events and warning slots are expired once they no longer matter', async () => {
      const store = await db.open();
      await store.claimEvent('old-event', T0);
      await store.takeWarningSlot('old-slot', T0, 600_000);
      await store.claimEvent('new-event', T0 + HANDLED_EVENT_RETENTION_MS);
      await store.takeWarningSlot('new-slot', T0 + HANDLED_EVENT_RETENTION_MS, 600_000);
      const removed = await store.expire(T0 + HANDLED_EVENT_RETENTION_MS + 1);
      assert.ok(removed.events >= 1 && removed.warnings >= 1);
      assert.equal(await store.claimEvent('new-event', T0 + HANDLED_EVENT_RETENTION_MS + 2), false);
      assert.equal(await store.claimEvent('old-event', T0 + HANDLED_EVENT_RETENTION_MS + 2), true);
      const keys = (await sqlOn(db, 'SELECT key FROM warning_slots')).map((r) => r.key);
      assert.ok(keys.includes('new-slot') && !keys.includes('old-slot'));
    });

    test('a closed store refuses further calls', async () => {
      const store = await db.open();
      await store.close();
      await assert.rejects(store.claimEvent('after-close', T0), /closed/);
    });

    if (backend === 'sqlite') {
      test('the SQLite file is created with its folder, in WAL mode', async () => {
        await db.open();
        assert.ok(existsSync(join(db.dir, 'data', 'blackout-guard.db')));
        const [mode] = await sqlOn(db, 'PRAGMA journal_mode');
        assert.equal(mode?.journal_mode, 'wal');
      });
    }
  });
}
