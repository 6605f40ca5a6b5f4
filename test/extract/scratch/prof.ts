import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { generateDump } from '../../../bench/bank.bench.ts';
import { walk } from '../../../src/extract/walk.ts';
const dir = await mkdtemp(join(tmpdir(), 'h5prof-'));
await generateDump(dir, 30 * 1024 * 1024);
for (const sub of ['documents', 'photos', 'mails']) {
  const byType = new Map<string, { n: number; ms: number; bytes: number }>();
  for (const f of readdirSync(join(dir, sub)).sort()) {
    const bytes = readFileSync(join(dir, sub, f));
    const t0 = performance.now();
    let type = '';
    for await (const r of walk({ name: f, bytes })) type = r.type;
    const ms = performance.now() - t0;
    const e = byType.get(type) ?? { n: 0, ms: 0, bytes: 0 };
    e.n++; e.ms += ms; e.bytes += bytes.length; byType.set(type, e);
  }
  for (const [t, e] of byType) console.log(sub, t, e.n, `${(e.bytes / 1e6).toFixed(1)} MB`, `${e.ms.toFixed(0)} ms`, `${(e.bytes / 1e6 / (e.ms / 1000)).toFixed(1)} MB/s`);
}
rmSync(dir, { recursive: true });
