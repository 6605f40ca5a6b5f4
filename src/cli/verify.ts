/**
 * `blackout-guard verify --incident ID [TEXT]`: says whether a text is the one an incident
 * moderated, by comparing its keyed hash (HMAC-SHA256 with BLACKOUT_HASH_KEY, as the bots compute
 * it) with the one the incident keeps. The store never holds the text; this is how a legal team
 * proves which text it was. Exit 0: the same text; 6: another text; 2: unknown incident, no key,
 * or an incident recorded without a hash.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Command } from 'commander';
import { keyedTextHash } from '../moderation/textHash.ts';
import { readEnv } from '../runtimeConfig/env.ts';
import { configOption } from './configOption.ts';
import { EXIT, usageError, withExitCode, type ExitCode } from './exitCodes.ts';
import { withStore } from './storeAccess.ts';

interface VerifyOptions {
  config?: string;
  incident: string;
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('say whether a text (argument or standard input) is the one an incident moderated, by its keyed hash')
    .argument('[text...]', 'the text; read from standard input when omitted (one final line break there is not part of it)')
    .requiredOption('-i, --incident <id>', 'the incident id (as listed by `blackout-guard report`)')
    .addOption(configOption())
    .addHelpText(
      'after',
      `
Needs BLACKOUT_HASH_KEY, the key the bots used when the incident was recorded.
Exit codes: 0 the same text, 6 another text, 2 unknown incident, no key or no hash kept, 7 store unreachable.

Example:
  $ pbpaste | blackout-guard verify --incident 3f2b6c1e-5d4a-4c1b-9a57-0b3c2d1e4f60`,
    )
    .action(withExitCode(runVerify));
}

async function runVerify(words: string[], options: VerifyOptions): Promise<ExitCode> {
  const key = readEnv().hashKey;
  if (!key) throw usageError('verify needs BLACKOUT_HASH_KEY, the key the bots hashed the text with');
  const text = words.length > 0 ? words.join(' ') : await readStdin();
  const kept = await withStore(options.config, 'reading the incident', async ({ store }) => {
    // The store has no lookup by id; a CLI run over the incidents of a campaign is cheap enough.
    const incident = (await store.listIncidents()).find((i) => i.id === options.incident);
    if (incident === undefined) throw usageError(`no incident "${options.incident}" in the store`);
    if (incident.textHash === null) throw usageError(`incident ${incident.id} was recorded without a text hash (BLACKOUT_HASH_KEY was not set then)`);
    return incident.textHash;
  });
  const computed = keyedTextHash(text, key)!;
  if (sameHex(computed, kept)) {
    process.stdout.write(`MATCH: this is the text moderated in incident ${options.incident}.\n`);
    return EXIT.ok;
  }
  process.stdout.write(`NO MATCH: this is not the text moderated in incident ${options.incident} (or the key differs from the one used then).\n`);
  return EXIT.mismatch;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw usageError('give the text as an argument or on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
