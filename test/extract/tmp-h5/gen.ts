import { rmSync, mkdirSync } from 'node:fs';
import { generateDump } from '../../../bench/bank.bench.ts';
rmSync('/tmp/h5/dump', { recursive: true, force: true }); mkdirSync('/tmp/h5/dump', { recursive: true });
await generateDump('/tmp/h5/dump', 200 * 1024 * 1024);
