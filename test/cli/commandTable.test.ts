/** The command line loads only the module of the command it runs, and still lists every command. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, Help } from 'commander';
import { COMMANDS, commandNamed, outlineCommand } from '../../src/cli/commandTable.ts';

test('each command is outlined in the top-level help as its own definition reads', async () => {
  const help = new Help();
  for (const entry of COMMANDS) {
    const program = new Command();
    (await entry.load())(program);
    const real = program.commands.find((c) => c.name() === entry.name);
    assert.ok(real, `${entry.name}: its module adds no command of that name`);
    const outline = outlineCommand(entry);
    assert.equal(help.subcommandTerm(outline), help.subcommandTerm(real), entry.name);
    assert.equal(outline.description(), real.description(), entry.name);
  }
});

test('the command to load is the first word of the command line that is not an option', () => {
  assert.equal(commandNamed(['node', 'blackout-guard', 'scan', '--jobs', '2', 'x.jsonl']), 'scan');
  assert.equal(commandNamed(['node', 'blackout-guard', '--help']), undefined);
  assert.equal(commandNamed(['node', 'blackout-guard', '-V']), undefined);
});

/**
 * The modules the command line loads for `args`, as URLs: a module loader hook (registered before
 * the program runs) writes each one to a file. A part of the command line's bundle stands for the
 * sources it was built from, as its source map names them.
 */
async function modulesLoaded(args: string[]): Promise<{ modules: string[]; status: number | null; stdout: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'blackout-modules-'));
  try {
    const log = join(dir, 'loaded.txt');
    const hooks = join(dir, 'hooks.mjs');
    await writeFile(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}
`,
    );
    const registrar = join(dir, 'register.mjs');
    await writeFile(registrar, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    await writeFile(log, '');
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(registrar).href, 'bin/blackout-guard.js', ...args], { encoding: 'utf8' });
    const loaded = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    return { modules: (await Promise.all(loaded.map(sourcesOf))).flat(), status: run.status, stdout: run.stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The sources a loaded module was built from: itself, unless it is a part of the command line's bundle. */
async function sourcesOf(url: string): Promise<string[]> {
  if (!/\/node_modules\/\.cache\/blackout-guard\/cli-[^/]+\/[^/]+\.mjs$/.test(url)) return [url];
  const map = JSON.parse(await readFile(new URL(`${url}.map`), 'utf8')) as { sources: string[] };
  return map.sources.map((source) => new URL(source, url).href);
}

const heavy = (modules: string[]) => modules.filter((m) => /node_modules\/(discord\.js|@slack\/bolt|pdfjs-dist|sharp|tesseract\.js)\//.test(m));

test('scan loads neither discord.js, Bolt, pdf.js, sharp nor tesseract, nor the other commands', async () => {
  const { modules, status } = await modulesLoaded(['scan', '--config', 'test/fixtures/exports/config.yaml', '--json', 'test/fixtures/exports/messages.jsonl']);
  assert.equal(status, 0);
  assert.ok(modules.some((m) => m.endsWith('/src/cli/scan.ts')), 'scan.ts was not loaded');
  assert.deepEqual(heavy(modules), []);
  assert.deepEqual(modules.filter((m) => /\/src\/cli\/(start|check|report|verify|fingerprint|sweep|registerCommands)\.ts$/.test(m)), []);
});

test('the top-level help lists every command without loading any of them', async () => {
  const { modules, status, stdout } = await modulesLoaded(['--help']);
  assert.equal(status, 0);
  for (const entry of COMMANDS) assert.match(stdout, new RegExp(`^  ${entry.name}\\b`, 'm'), entry.name);
  assert.deepEqual(modules.filter((m) => /\/src\/cli\/(?!main|commandTable|exitCodes)\w+\.ts$/.test(m)), []);
});
