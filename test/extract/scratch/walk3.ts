import { walkParallel } from '../../../src/extract/pool.ts';
const t0 = performance.now(); let n = 0;
for await (const r of walkParallel([process.argv[2]!], { jobs: 1 })) { n++; void r; }
console.log('pool jobs=1', n, ((performance.now() - t0) / 1000).toFixed(1), 's');
