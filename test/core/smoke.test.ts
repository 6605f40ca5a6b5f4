import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { classify } from '../../src/core/index.ts';

test('the shipped configuration loads and flags the 2017 paste link during the blackout', async () => {
  const { engine } = await loadConfig('config/blackout.yaml');
  const at = Date.parse('2017-05-06T12:00:00+02:00');
  const c = classify(engine, { text: 'tout est là https://PasteBin.com/emleaks-2017 #MacronLeaks', at });
  assert.equal(c.verdict, 'share');
  assert.equal(c.inBlackout, true);
  assert.deepEqual(c.leaks, ['macronleaks']);
});
