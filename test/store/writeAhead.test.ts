/**
 * The write-ahead audit trail: an incident is written, with the actions intended, before any is
 * taken; its outcomes complete it; what an instance that died left half done is taken over (its
 * event claimed again) or marked interrupted once its lease is over. Both backends.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, sampleIncident, testDatabase, type TestDatabase } from './backends.ts';
import { INTERRUPTED_DETAIL } from '../../src/store/incident.ts';

for (const backend of BACKENDS) {
  describe(`write-ahead incidents on ${backend}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await testDatabase(backend);
    });
    after(async () => {
      await db?.dispose();
    });

    test('an incident opened before acting is pending, with the actions intended and no outcome yet', async () => {
      const store = await db.open();
      const opened = await store.openIncident(sampleIncident({ actions: [] }), 'slack:event:EvOPEN', ['warn', 'delete', 'alert', 'record']);
      const [listed] = (await store.listIncidents()).filter((i) => i.id === opened.id);
      assert.equal(listed?.state, 'pending');
      assert.deepEqual(listed?.intended, ['warn', 'delete', 'alert', 'record']);
      assert.deepEqual(listed?.actions, []);
      assert.equal(listed?.origin, 'live');
    });

    test('progress and completion replace the pending incident; a complete one is never changed again', async () => {
      const store = await db.open();
      const opened = await store.openIncident(sampleIncident({ actions: [] }), 'slack:event:EvDONE', ['warn', 'delete', 'record']);
      await store.saveIncident({ ...opened, actions: [{ action: 'warn', outcome: 'done' }] });
      await store.saveIncident({ ...opened, actions: [{ action: 'warn', outcome: 'done' }, { action: 'delete', outcome: 'done' }], state: 'complete' });
      await store.saveIncident({ ...opened, actions: [], state: 'pending' });
      const listed = (await store.listIncidents()).filter((i) => i.id === opened.id);
      assert.equal(listed.length, 1);
      assert.equal(listed[0]!.state, 'complete');
      assert.deepEqual(listed[0]!.actions.map((a) => a.action), ['warn', 'delete']);
    });

    test('opening the incident of the same event again returns the one begun, with its confirmed outcomes', async () => {
      const store = await db.open();
      const first = await store.openIncident(sampleIncident({ actions: [] }), 'discord:42:create', ['warn', 'delete', 'record']);
      await store.saveIncident({ ...first, actions: [{ action: 'warn', outcome: 'done' }] });
      const again = await store.openIncident(sampleIncident({ actions: [] }), 'discord:42:create', ['warn', 'delete', 'record']);
      assert.equal(again.id, first.id);
      assert.deepEqual(again.actions, [{ action: 'warn', outcome: 'done' }]);
    });

    test('a pending incident whose instance stopped is marked interrupted after its lease, unconfirmed actions failed', async () => {
      const dead = await db.open({ leaseMs: 1 });
      const opened = await dead.openIncident(sampleIncident({ actions: [] }), 'slack:event:EvDEAD', ['warn', 'delete', 'alert', 'record']);
      await dead.saveIncident({ ...opened, actions: [{ action: 'warn', outcome: 'done' }] });
      await new Promise((r) => setTimeout(r, 20));
      const survivor = await db.open();
      // The survivor's check (or the dead store's own timer, had it lived on) marks it.
      await survivor.markInterrupted(Date.now());
      const [marked] = (await survivor.listIncidents()).filter((i) => i.id === opened.id);
      assert.equal(marked?.state, 'interrupted');
      assert.deepEqual(
        marked?.actions.map((a) => `${a.action}:${a.outcome}${a.detail === INTERRUPTED_DETAIL ? ':interrupted' : ''}`),
        ['warn:done', 'delete:failed:interrupted', 'alert:failed:interrupted', 'record:failed:interrupted'],
      );
    });

    test('a pending incident still within its lease is left to its instance', async () => {
      const store = await db.open({ leaseMs: 60_000 });
      const opened = await store.openIncident(sampleIncident({ actions: [] }), 'slack:event:EvALIVE', ['warn', 'record']);
      await store.markInterrupted(Date.now());
      const [listed] = (await store.listIncidents()).filter((i) => i.id === opened.id);
      assert.equal(listed?.state, 'pending');
    });

    test('an event left unfinished by an instance that died is claimed again after its lease; a finished one never is', async () => {
      const dead = await db.open({ leaseMs: 1 });
      const now = Date.now();
      assert.equal(await dead.claimEvent('slack:event:EvTAKEOVER', now), true);
      assert.equal(await dead.claimEvent('slack:event:EvFINISHED', now), true);
      await dead.finishEvent('slack:event:EvFINISHED');
      const other = await db.open();
      assert.equal(await other.claimEvent('slack:event:EvTAKEOVER', now + 10), true);
      assert.equal(await other.claimEvent('slack:event:EvTAKEOVER', now + 20), false, 'the new claim holds its own lease');
      assert.equal(await other.claimEvent('slack:event:EvFINISHED', now + 10), false);
    });

    test('an incident found by a sweep says so, and incidents can be listed by origin', async () => {
      const store = await db.open();
      const swept = await store.recordIncident(sampleIncident({ workspaceId: 'ws-origin', origin: 'sweep' }));
      const live = await store.recordIncident(sampleIncident({ workspaceId: 'ws-origin' }));
      const bySweep = await store.listIncidents({ workspaceId: 'ws-origin', origin: 'sweep' });
      assert.deepEqual(bySweep.map((i) => i.id), [swept.id]);
      const all = await store.listIncidents({ workspaceId: 'ws-origin' });
      assert.deepEqual(all.map((i) => i.origin).sort(), ['live', 'sweep']);
      assert.ok(all.some((i) => i.id === live.id));
    });
  });
}
