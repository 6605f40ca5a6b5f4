import { walk } from '../../../src/extract/walk.ts';
console.log('start rss', (process.memoryUsage.rss() / 1048576).toFixed(0));
for await (const r of walk('/tmp/h5/tiny', { jobs: 2 })) void r;
console.log('after pool rss (peak)', (process.resourceUsage().maxRSS / 1024).toFixed(0));
const { walkRoot } = await import('../../../src/extract/visit.ts');
console.log('main loads parsers rss', (process.memoryUsage.rss() / 1048576).toFixed(0));
