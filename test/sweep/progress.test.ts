import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, testDatabase, type TestDatabase } from '../store/backends.ts';
import type { SweepProgress } from '../../src/store/store.ts';

for (const backend of BACKENDS) {
  describe(`sweep progress on ${backend}`, () => {
    const databases: TestDatabase[] = [];
    const db = async () => {
      const d = await testDatabase(backend);
      databases.push(d);
      return d;
    };
    after(async () => {
      for (const d of databases) await d.dispose();
    });

    test('a channel of a sweep is claimed by one instance while its lease runs', async () => {
      const d = await db();
      const [a, b] = [await d.open(), await d.open()];
      assert.equal(typeof (await a.claimSweep('window:w:1:discord:g:c', 1_000, 60_000)), 'object');
      assert.equal(await b.claimSweep('window:w:1:discord:g:c', 2_000, 60_000), 'held');
    });

    test('another instance takes a channel over from its saved progress once the lease ran out', async () => {
      const d = await db();
      const [a, b] = [await d.open(), await d.open()];
      const progress = (await a.claimSweep('k', 1_000, 5_000)) as SweepProgress;
      assert.equal(await a.saveSweep('k', { ...progress, cursor: '42', scanned: 100 }, 2_000, 5_000), true);
      assert.equal(await b.claimSweep('k', 6_000, 5_000), 'held', 'the lease was renewed at 2 000 until 7 000');
      const resumed = (await b.claimSweep('k', 7_000, 5_000)) as SweepProgress;
      assert.equal(resumed.cursor, '42');
      assert.equal(resumed.scanned, 100);
      assert.equal(await a.saveSweep('k', { ...progress, cursor: '43' }, 7_100, 5_000), false, 'the first instance lost its claim');
    });

    test('a finished channel is never claimed again', async () => {
      const d = await db();
      const a = await d.open();
      const progress = (await a.claimSweep('k', 1_000, 5_000)) as SweepProgress;
      assert.equal(await a.saveSweep('k', progress, 1_500, 5_000, true), true);
      assert.equal(await a.claimSweep('k', 100_000, 5_000), 'done');
      const [record] = await a.listSweeps(0);
      assert.equal(record?.doneAt, 1_500);
    });

    test('the last message seen in a channel only moves forward', async () => {
      const d = await db();
      const a = await d.open();
      await a.markSeen([{ key: 'discord:g:c1', messageId: '20', atMs: 2_000 }]);
      await a.markSeen([{ key: 'discord:g:c1', messageId: '10', atMs: 1_000 }, { key: 'discord:g:c2', messageId: '5', atMs: 500 }]);
      await a.markSeen([{ key: 'discord:other:c3', messageId: '7', atMs: 700 }]);
      assert.deepEqual(await a.lastSeen('discord:g:'), [
        { key: 'discord:g:c1', messageId: '20', atMs: 2_000 },
        { key: 'discord:g:c2', messageId: '5', atMs: 500 },
      ]);
    });
  });
}
