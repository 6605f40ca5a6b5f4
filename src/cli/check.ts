/**
 * `blackout-guard check [--config F] [--at ISO] [--json] [--attachment FILE…] [TEXT]`: classifies
 * one message (the argument, or standard input) the way the bots would, without posting anything.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import {
  actionDefinition,
  classify,
  decide,
  formatInstant,
  MATCHERS,
  type ActionName,
  type Attachment,
  type Classification,
  type Engine,
} from '../core/index.ts';
import { EXIT_USAGE, loadConfigOrExit } from './configOption.ts';

interface CheckOptions {
  config?: string;
  at?: string;
  json?: boolean;
  attachment: string[];
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('classify one message (argument or standard input): share, mention or none')
    .argument('[text...]', 'the message; read from standard input when omitted')
    .option('-c, --config <file>', 'configuration file (default: $BLACKOUT_CONFIG or config/blackout.yaml)')
    .option('--at <iso>', 'when the message is posted (ISO time; without an offset, in the configured zone); default now')
    .option('--json', 'print the result as JSON')
    .option('-a, --attachment <file>', 'a file attached to the message (hashed locally; repeatable)', collect, [])
    .action(async (words: string[], options: CheckOptions) => {
      const { engine } = await loadConfigOrExit(options.config);
      const at = parseAt(options.at, engine.config.timezone);
      const text = words.length > 0 ? words.join(' ') : await readStdin();
      const attachments = await Promise.all(options.attachment.map(hashFile));
      const result = classify(engine, { text, attachments, at });
      // What the bots would do in a channel with no override, by a member with no exempt role.
      const { actions } = decide(engine.config, result, { channelId: '', authorId: '' });
      process.stdout.write(
        options.json ? `${JSON.stringify({ at: new Date(at).toISOString(), ...result, actions })}\n` : describe(engine, result, at, actions),
      );
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseAt(text: string | undefined, zone: string): number {
  if (text === undefined) return Date.now();
  const dt = DateTime.fromISO(text, { zone, setZone: false });
  if (!dt.isValid) {
    process.stderr.write(`blackout-guard: --at "${text}" is not an ISO time (e.g. 2017-05-06T12:00 or 2017-05-06T10:00:00Z)\n`);
    process.exit(EXIT_USAGE);
  }
  return dt.toMillis();
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('blackout-guard: give the message as an argument or on standard input\n');
    process.exit(EXIT_USAGE);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function hashFile(path: string): Promise<Attachment> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (err) {
    process.stderr.write(`blackout-guard: cannot read attachment ${path}: ${(err as Error).message}\n`);
    process.exit(EXIT_USAGE);
  }
  return { name: basename(path), sha256: hash.digest('hex') };
}

const DESCRIBE = new Map(MATCHERS.map((m) => [m.kind, m.describe]));
const VERDICT_TEXT = {
  share: 'SHARE: the message carries leaked material',
  mention: 'MENTION: the message names a leak but carries no material',
  none: 'NONE: nothing to do with a known leak',
};

/** The result for people: verdict, blackout status, and which rules matched (never the text). */
function describe(engine: Engine, result: Classification, at: number, actions: ActionName[]): string {
  const lines = [VERDICT_TEXT[result.verdict]];
  const windows = engine.windows.filter((w) => result.windows.includes(w.id));
  lines.push(
    result.inBlackout
      ? `In blackout: yes (${windows.map((w) => `${w.name}, until ${formatInstant(w.endMs, w.zone, 'en')}`).join('; ')})`
      : `In blackout: no (at ${new Date(at).toISOString()})`,
  );
  if (result.leaks.length > 0) lines.push(`Leak sets: ${result.leaks.join(', ')}`);
  for (const s of result.signals) lines.push(`  - ${DESCRIBE.get(s.kind)!(s.rule)} [${s.kind}, ${s.leak}]`);
  lines.push(actions.length === 0 ? 'The bots would do nothing.' : 'The bots would (in a channel without overrides):');
  for (const a of actions) lines.push(`  - ${a}: ${actionDefinition(a).summary}`);
  return `${lines.join('\n')}\n`;
}
