import { walk } from '../../../src/extract/walk.ts';
const t0 = performance.now(); let n = 0; const byType = new Map<string, number>();
for await (const r of walk(process.argv[2]!, { jobs: Number(process.argv[3] ?? 1) })) { n++; byType.set(r.type, (byType.get(r.type) ?? 0) + 1); }
console.log(n, ((performance.now() - t0) / 1000).toFixed(1), 's', JSON.stringify([...byType]), 'rss', (process.resourceUsage().maxRSS / 1024).toFixed(0));
