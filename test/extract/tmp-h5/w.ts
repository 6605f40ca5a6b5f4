import { walk } from '../../../src/extract/walk.ts';
let peak = 0; const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 50);
const t0 = performance.now(); let n = 0;
for await (const r of walk('/tmp/h5/dump', { jobs: 2 })) { n++; void r; }
clearInterval(timer);
console.log(n, ((performance.now() - t0) / 1000).toFixed(1), 's peak rss', (peak / 1048576).toFixed(0), 'MB');
