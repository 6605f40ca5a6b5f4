/**
 * Faults: PostgreSQL becomes unreachable mid-test (a proxy in front of it is cut). Incidents
 * are spooled and written when it returns; other calls fail fast; a process killed during an
 * outage loses no incident it acknowledged.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sampleIncident, testDatabase, TEST_DATABASE_URL, waitFor, type TestDatabase } from './backends.ts';
import { startTcpProxy, type TcpProxy } from './tcpProxy.ts';
import { StoreUnavailableError } from '../../src/store/unavailable.ts';
import { SpoolFullError } from '../../src/store/spool.ts';
import type { Incident } from '../../src/store/store.ts';

const INSTANCE = new URL('./fixtures/instance.ts', import.meta.url).pathname;

describe('PostgreSQL unreachable mid-way', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: string;
  before(async () => {
    db = await testDatabase('postgres');
    const url = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    viaProxy = url.toString();
  });
  after(async () => {
    await db?.dispose();
    await proxy?.close();
  });

  test('an incident recorded during an outage is written when the database returns', async () => {
    proxy.restore();
    const store = await db.open({ databaseUrl: viaProxy });
    const before = await store.recordIncident(sampleIncident({ workspaceId: 'ws-outage' }));
    proxy.cut();
    const during = await Promise.all([1, 2, 3].map(() => store.recordIncident(sampleIncident({ workspaceId: 'ws-outage' }))));
    assert.equal(store.available, false);
    assert.equal(store.spooled, 3);
    proxy.restore();
    await waitFor('the store to be available again', () => store.available);
    assert.equal(store.spooled, 0);
    const listed = await store.listIncidents({ workspaceId: 'ws-outage' });
    assert.deepEqual(listed.map((i) => i.id).sort(), [before, ...during].map((i) => i.id).sort());
  });

  test('other calls fail at once with StoreUnavailableError during an outage', async () => {
    proxy.restore();
    const store = await db.open({ databaseUrl: viaProxy });
    assert.equal(await store.claimEvent('outage-event', Date.now()), true);
    proxy.cut();
    await store.recordIncident(sampleIncident()); // notices the outage
    await assert.rejects(store.claimEvent('outage-event-2', Date.now()), StoreUnavailableError);
    await assert.rejects(store.takeWarningSlot('k', Date.now(), 1000), StoreUnavailableError);
    await assert.rejects(store.claimReminder('r', Date.now(), 1000), StoreUnavailableError);
    await assert.rejects(store.listConfigChanges(), StoreUnavailableError);
    proxy.restore();
    await waitFor('the store to be available again', () => store.available);
    assert.equal(await store.claimEvent('outage-event', Date.now()), false);
  });

  test('the spool file holds the incident records as JSON lines, with no message text', async () => {
    proxy.restore();
    const spoolDir = join(db.dir, 'spool-inspect');
    const store = await db.open({ databaseUrl: viaProxy, spoolDir, retryMs: 60_000 });
    proxy.cut();
    const incident = await store.recordIncident(sampleIncident({ workspaceId: 'ws-spool-file' }));
    const [file] = await readdir(spoolDir);
    assert.ok(file);
    const lines = (await readFile(join(spoolDir, file), 'utf8')).trim().split('\n');
    assert.deepEqual(lines.map((l) => JSON.parse(l) as Incident), [incident]);
    assert.ok(!('text' in incident) && !('content' in incident));
    proxy.restore();
    assert.equal(await store.flushSpool(), 1);
  });

  test('flushing a spool twice does not duplicate an incident', async () => {
    proxy.restore();
    const spoolDir = join(db.dir, 'spool-twice');
    const store = await db.open({ databaseUrl: viaProxy, spoolDir, retryMs: 60_000 });
    proxy.cut();
    const incident = await store.recordIncident(sampleIncident({ workspaceId: 'ws-twice' }));
    const line = await readFile(join(spoolDir, (await readdir(spoolDir))[0]!), 'utf8');
    proxy.restore();
    assert.equal(await store.flushSpool(), 1);
    assert.equal(await store.flushSpool(), 0);
    // The same line again, left by a process that died between the write and the spool's removal.
    await writeFile(join(spoolDir, 'incidents-999999999-dead.jsonl'), line);
    const other = await db.open({ databaseUrl: viaProxy, spoolDir });
    await waitFor('the dead process spool to be adopted', async () => (await readdir(spoolDir)).length === 0);
    const listed = await other.listIncidents({ workspaceId: 'ws-twice' });
    assert.deepEqual(listed.map((i) => i.id), [incident.id]);
  });

  test('when neither the database nor the spool file can take more, recording fails instead of losing silently', async () => {
    proxy.restore();
    const blocked = join(db.dir, 'not-a-folder');
    await writeFile(blocked, 'a file where the spool folder should be');
    const store = await db.open({ databaseUrl: viaProxy, spoolDir: blocked, spoolLimit: 2, retryMs: 60_000 });
    proxy.cut();
    await store.recordIncident(sampleIncident());
    await store.recordIncident(sampleIncident());
    await assert.rejects(store.recordIncident(sampleIncident()), SpoolFullError);
    proxy.restore();
    assert.equal(await store.flushSpool(), 2);
  });

  test('a store opened while the database is unreachable spools, then creates the schema when it answers', async () => {
    proxy.cut();
    const schema = `${db.schema}_late`;
    const store = await db.open({ databaseUrl: viaProxy, schema });
    try {
      assert.equal(store.available, false);
      const incident = await store.recordIncident(sampleIncident({ workspaceId: 'ws-late' }));
      proxy.restore();
      await waitFor('the store to be available', () => store.available);
      assert.deepEqual((await store.listIncidents({ workspaceId: 'ws-late' })).map((i) => i.id), [incident.id]);
    } finally {
      await store.close();
      const { dropSchema } = await import('./backends.ts');
      await dropSchema(schema);
    }
  });

  test('every incident acknowledged by a process killed during an outage is there after a restart', async () => {
    proxy.restore();
    const spoolDir = join(db.dir, 'spool-crash');
    await mkdir(spoolDir, { recursive: true });
    const options = await db.options({ databaseUrl: viaProxy, spoolDir, retryMs: 60_000 });
    const { logger: _logger, ...store } = options;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', INSTANCE, JSON.stringify({ mode: 'record', store, incident: sampleIncident({ workspaceId: 'ws-crash' }) })],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acknowledged: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => acknowledged.push((JSON.parse(line) as { recorded: string }).recorded));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor('incidents written directly', () => acknowledged.length >= 20, 60_000);
      proxy.cut();
      const atCut = acknowledged.length;
      await waitFor('incidents spooled during the outage', () => acknowledged.length >= atCut + 20, 60_000);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    proxy.restore();
    // The restarted instance adopts the dead process's spool file and writes it.
    const restarted = await db.open({ databaseUrl: viaProxy, spoolDir });
    await waitFor('the spool to be written and removed', async () => (await readdir(spoolDir)).length === 0);
    const ids = new Set((await restarted.listIncidents({ workspaceId: 'ws-crash' })).map((i) => i.id));
    assert.deepEqual(acknowledged.filter((id) => !ids.has(id)), []);
  });
});
