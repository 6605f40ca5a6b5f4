import { walk } from '../../../src/extract/walk.ts';
const t0 = performance.now(); let n = 0; let errs = 0; let last = t0; const gaps: [number, string][] = [];
for await (const r of walk(process.argv[2]!, { jobs: Number(process.argv[3] ?? 1) })) { n++; if (r.error) { errs++; console.log(r.path, r.error); } const now = performance.now(); if (now - last > 1000) gaps.push([Math.round(now - last), r.path.slice(13)]); last = now; }
console.log(n, errs, ((performance.now() - t0) / 1000).toFixed(1), 's', JSON.stringify(gaps));
