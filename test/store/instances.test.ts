/**
 * Several store instances, each in a process of its own, on one database: each reminder is
 * claimed once, each event handled once, a configuration change is heard by the others within
 * 5 s, and an instance killed after claiming loses nothing (its claim is taken over).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BACKENDS, sampleIncident, testDatabase, waitFor, type TestDatabase } from './backends.ts';
import type { OpenStoreOptions } from '../../src/store/open.ts';

const INSTANCE = new URL('./fixtures/instance.ts', import.meta.url).pathname;

interface Instance {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** Starts an instance process with a task; collects its reports. */
export function startInstance(task: object): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', INSTANCE, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function storeOptions(db: TestDatabase, extra: Partial<OpenStoreOptions> = {}): Promise<Omit<OpenStoreOptions, 'logger'>> {
  const { logger: _logger, ...rest } = await db.options(extra);
  return rest;
}

for (const backend of BACKENDS) {
  describe(`several instances on ${backend}`, () => {
    let db: TestDatabase;
    const running: Instance[] = [];
    before(async () => {
      db = await testDatabase(backend);
    });
    after(async () => {
      for (const i of running) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
      await Promise.all(running.map((i) => i.exited));
      await db?.dispose();
    });
    const start = (task: object): Instance => {
      const instance = startInstance(task);
      running.push(instance);
      return instance;
    };

    test('three instances claiming the same reminders and events get each one exactly once', async () => {
      const keys = Array.from({ length: 60 }, (_, i) => `three-${i}`);
      const instances = await Promise.all([0, 1, 2].map(async () => start({ mode: 'claim', store: await storeOptions(db), keys })));
      const codes = await Promise.all(instances.map((i) => i.exited));
      assert.deepEqual(codes, [0, 0, 0]);
      for (const key of keys) {
        const reports = instances.flatMap((i) => i.lines.filter((l) => l.key === key));
        assert.equal(reports.length, 3, key);
        assert.equal(reports.filter((r) => r.reminder === true).length, 1, `reminder ${key}`);
        assert.equal(reports.filter((r) => r.event === true).length, 1, `event ${key}`);
      }
      const store = await db.open();
      for (const key of keys) assert.equal(await store.reminderSent(`reminder:${key}`), true, key);
    });

    test('a reminder claimed by an instance killed before posting is posted by another after the lease', async () => {
      const keys = ['killed-0', 'killed-1'];
      const leaseMs = 1000;
      const doomed = start({ mode: 'claim', store: await storeOptions(db), keys, leaseMs, dieAfterClaims: 1 });
      assert.equal(await doomed.exited, null);
      assert.ok(doomed.lines.some((l) => l.key === 'killed-0' && l.dying === true));
      const store = await db.open();
      assert.equal(await store.reminderSent('reminder:killed-0'), false);
      // The survivor retries until the dead instance's lease has run out, then posts it, once.
      await waitFor('the lease to run out', async () => store.claimReminder('reminder:killed-0', Date.now(), leaseMs));
      await store.markReminderSent('reminder:killed-0', Date.now());
      const late = start({ mode: 'claim', store: await storeOptions(db), keys, leaseMs });
      assert.equal(await late.exited, 0);
      assert.equal(late.lines.find((l) => l.key === 'killed-0')?.reminder, false);
      assert.equal(late.lines.find((l) => l.key === 'killed-1')?.reminder, true);
    });

    test('an instance killed while recording incidents loses none that it acknowledged', async () => {
      const recorder = start({ mode: 'record', store: await storeOptions(db), incident: sampleIncident({ workspaceId: 'ws-killed' }) });
      await waitFor('incidents to be acknowledged', () => recorder.lines.length >= 50, 60_000);
      recorder.child.kill('SIGKILL');
      await recorder.exited;
      const acknowledged = recorder.lines.map((l) => String(l.recorded));
      const store = await db.open();
      const ids = new Set((await store.listIncidents({ workspaceId: 'ws-killed' })).map((i) => i.id));
      assert.deepEqual(acknowledged.filter((id) => !ids.has(id)), []);
    });

    test('a configuration change made by one instance is heard by the others within 5 s', async () => {
      const watchers = await Promise.all([0, 1].map(async () => start({ mode: 'watch', store: await storeOptions(db) })));
      await waitFor('the watchers to follow changes', () => watchers.every((w) => w.lines.some((l) => l.following === true)), 30_000);
      const store = await db.open();
      await store.addConfigChange({ kind: 'leak.add', leak: 'macronleaks', key: 'hashtags', value: 'EMLeaks' }, { platform: 'discord', userId: 'mod' }, Date.now());
      await waitFor('every watcher to hear of the change', () => watchers.every((w) => w.lines.some((l) => l.changed === true)), 5000);
      for (const w of watchers) w.child.kill('SIGTERM');
      await Promise.all(watchers.map((w) => w.exited));
    });
  });
}
