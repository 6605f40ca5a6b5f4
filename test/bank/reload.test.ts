/** Bots reload a bank that is replaced, like a changed configuration, and keep the last good one. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify, type Engine } from '../../src/core/index.ts';
import { emptyBank } from '../../src/bank/bank.ts';
import { BankBuilder } from '../../src/bank/builder.ts';
import { encodeBank } from '../../src/bank/format.ts';
import { writeBank } from '../../src/bank/file.ts';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import { LiveConfig } from '../../src/runtimeConfig/live.ts';

const OLD = '01'.repeat(32);
const NEW = '02'.repeat(32);

function bankWith(...sha256: string[]) {
  const builder = new BankBuilder(emptyBank('macronleaks', undefined));
  for (const [i, sha] of sha256.entries()) builder.addFile({ path: `f${i}`, name: `f${i}.bin`, sha256: sha });
  return builder.finish();
}

const verdictFor = (engine: Engine, sha256: string) => classify(engine, { text: '', attachments: [{ name: 'x', sha256 }], at: 0 }).verdict;

const dir = await mkdtemp(join(tmpdir(), 'bg-reload-'));
after(() => rm(dir, { recursive: true, force: true }));
// The bank watcher does not keep a process alive by itself (a bot has its connections for that).
const keepAlive = setInterval(() => {}, 1000);
after(() => clearInterval(keepAlive));

async function setUp(name: string) {
  const bank = join(dir, `${name}.bank`);
  const config = join(dir, `${name}.yaml`);
  await writeBank(bank, bankWith(OLD));
  await writeFile(config, `leaks:\n  - id: macronleaks\n    banks: [${name}.bank]\n`);
  return { bank, config };
}

test('every instance recompiles when a bank file is replaced', { timeout: 30_000 }, async () => {
  const { bank, config } = await setUp('replaced');
  const instances = [new LiveConfig(await loadConfig(config)), new LiveConfig(await loadConfig(config))];
  after(() => {
    for (const l of instances) l.close();
  });
  assert.equal(verdictFor(instances[0]!.engine, NEW), 'none');
  const changed = instances.map((l) => once(l, 'change'));
  await writeBank(bank, bankWith(OLD, NEW));
  await Promise.all(changed);
  for (const live of instances) {
    assert.equal(verdictFor(live.engine, NEW), 'share');
    assert.equal(verdictFor(live.engine, OLD), 'share');
  }
});

test('a damaged replacement bank is refused and the last good bank stays in force', { timeout: 30_000 }, async () => {
  const { bank, config } = await setUp('damaged');
  const live = new LiveConfig(await loadConfig(config));
  after(() => live.close());
  const refused = once(live, 'bankProblem');
  const bytes = encodeBank(bankWith(OLD, NEW));
  await writeFile(bank, bytes.subarray(0, bytes.length - 3));
  const [message] = await refused;
  assert.match(String(message), /damaged\.bank: truncated/);
  assert.equal(verdictFor(live.engine, OLD), 'share');
  assert.equal(verdictFor(live.engine, NEW), 'none');
});
