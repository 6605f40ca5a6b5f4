/**
 * `npm run bench [-- NAME…]`: runs every bench/*.bench.ts (or those whose name contains NAME),
 * each in its own process so one does not warm up or slow down another, and writes what each
 * prints (a Markdown section) into BENCHMARKS.md, keeping the sections of benchmarks not run.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

const filters = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => filters.length === 0 || filters.some((n) => f.includes(n)));

const MARK = (name: string) => `<!-- bench:${name} -->`;
/** Sections written by this run. */
const sections = new Map<string, string>();

for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.error(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${file}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(run.stdout);
  if (run.status !== 0) {
    console.error(`${file} failed (exit ${run.status})`);
    process.exitCode = 1;
    continue;
  }
  sections.set(name, `${run.stdout.trim()}\n`);
}

// Read only now: another bench run that ended meanwhile keeps the sections it wrote.
const previous = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '';
for (const m of previous.matchAll(/<!-- bench:([\w.-]+) -->\n([\s\S]*?)<!-- \/bench -->/g)) if (!sections.has(m[1]!)) sections.set(m[1]!, m[2]!);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const body = [...sections.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, text]) => `${MARK(name)}\n${text}<!-- /bench -->`)
  .join('\n\n');
writeFileSync(
  'BENCHMARKS.md',
  `# Benchmarks\n\nReproduce with \`npm run bench\` (or \`npm run bench -- NAME\` for one of bench/NAME.bench.ts).\n` +
    `Each benchmark runs in its own process; figures are medians unless said otherwise.\n` +
    `Last run on: ${machine}.\n\n${body}\n`,
);
