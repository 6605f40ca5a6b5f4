/** The `blackout-guard` command line as a whole: version, help, one --config everywhere, exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { EXIT } from '../../src/cli/exitCodes.ts';

function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DISCORD_TOKEN;
  const run = spawnSync(process.execPath, ['bin/blackout-guard.js', ...args], { encoding: 'utf8', env, input: '' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The subcommands listed by the top-level help. */
function subcommands(): string[] {
  const help = cli(['--help']).stdout;
  const section = help.slice(help.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!);
}

test('--version prints the package version and exits 0', () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const r = cli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), version);
});

test('every subcommand takes the one --config option, described the same way, and its help ends with an example', () => {
  const names = subcommands();
  assert.ok(names.includes('register-commands') && names.includes('verify') && names.includes('check'), names.join());
  const problems: string[] = [];
  for (const name of names) {
    const help = cli([name, '--help']).stdout;
    if (!/-c, --config <file> +configuration file \(default: \$BLACKOUT_CONFIG, else\s+config\/blackout\.yaml\)/.test(help)) problems.push(`${name}: not the shared --config option`);
    if (!/\nExample:\n {2}\$ .*(blackout-guard|npm start)/.test(help)) problems.push(`${name}: no "Example:" with a "$ " command line`);
  }
  assert.deepEqual(problems, []);
});

test('register-commands reads --config like every command: a missing file is exit 2', () => {
  const r = cli(['register-commands', '--config', 'no/such/file.yaml']);
  assert.equal(r.code, EXIT.usage);
  assert.match(r.stderr, /no\/such\/file\.yaml.*file not found/);
});

test('an unknown option or command is a usage error, exit 2', () => {
  assert.equal(cli(['check', '--no-such-option', 'hi']).code, EXIT.usage);
  assert.equal(cli(['no-such-command']).code, EXIT.usage);
});

test('the top-level help lists the exit codes', () => {
  const help = cli(['--help']).stdout;
  for (const [name, code] of Object.entries(EXIT)) assert.match(help, new RegExp(`\\b${code} `), name);
});
