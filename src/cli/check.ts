/**
 * `blackout-guard check [--config F] [--at ISO] [--json] [--attachment FILE…] [TEXT]`: classifies
 * one message (the argument, or standard input) the way the bots would, without posting anything.
 * The exit code is the verdict, so scripts can test it: 0 none, 3 mention, 4 share (2: usage).
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
  nextWindow,
  type ActionName,
  type Attachment,
  type Classification,
  type Engine,
  type Verdict,
} from '../core/index.ts';
import { describeSignal, inspectLocalFiles } from '../inspect/index.ts';
import { configOption, loadConfigOption } from './configOption.ts';
import { CliError, EXIT, usageError, withExitCode, type ExitCode } from './exitCodes.ts';

/** The exit code of each verdict. */
export const VERDICT_EXIT: Record<Verdict, ExitCode> = { none: EXIT.ok, mention: EXIT.mention, share: EXIT.share };

interface CheckOptions {
  config?: string;
  at?: string;
  json?: boolean;
  attachment: string[];
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('classify one message (argument or standard input) as share, mention or none; the exit code is the verdict')
    .argument('[text...]', 'the message; read from standard input when omitted')
    .addOption(configOption())
    .option('--at <iso>', 'when the message is posted (ISO time; without an offset, in the configured zone); default now')
    .option('--json', 'print the result as JSON')
    .option('-a, --attachment <file>', 'a file attached to the message (hashed and inspected locally, up to attachments.maxBytes; repeatable)', collect, [])
    .addHelpText(
      'after',
      `
Exit codes: 0 none, 3 mention, 4 share, 2 usage or configuration error.

Example:
  $ blackout-guard check --at 2017-05-06T12:00 "tout est là : hxxps://pastebin[.]com/emleaks-2017"`,
    )
    .action(withExitCode(runCheck));
}

async function runCheck(words: string[], options: CheckOptions): Promise<ExitCode> {
  const { engine } = await loadConfigOption(options.config);
  const at = parseAt(options.at, engine.config.timezone);
  const text = words.length > 0 ? words.join(' ') : await readStdin();
  const maxBytes = engine.config.attachments.maxBytes;
  const attachments = await Promise.all(options.attachment.map((path) => hashFile(path, maxBytes)));
  // Inside the attachments too, as the bots would (attachments.inspect, in the worker pool).
  const result = await inspectLocalFiles(engine, classify(engine, { text, attachments, at }), options.attachment);
  // What the bots would do in a channel with no override, by a member with no exempt role.
  const { actions } = decide(engine.config, result, { channelId: '', authorId: '' });
  process.stdout.write(
    options.json ? `${JSON.stringify({ at: new Date(at).toISOString(), ...result, actions })}\n` : describe(engine, result, at, actions),
  );
  return VERDICT_EXIT[result.verdict];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseAt(text: string | undefined, zone: string): number {
  if (text === undefined) return Date.now();
  const dt = DateTime.fromISO(text, { zone, setZone: false });
  if (!dt.isValid) throw usageError(`--at "${text}" is not an ISO time (e.g. 2017-05-06T12:00 or 2017-05-06T10:00:00Z)`);
  return dt.toMillis();
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw usageError('give the message as an argument or on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Hashes a file as it streams, as the bots hash a download; past `maxBytes` (the configuration's
 * `attachments.maxBytes`) it stops reading, so a device such as /dev/zero cannot run forever.
 */
async function hashFile(path: string, maxBytes: number): Promise<Attachment> {
  const hash = createHash('sha256');
  let size = 0;
  const stream = createReadStream(path);
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        stream.destroy();
        throw usageError(`attachment ${path} is larger than attachments.maxBytes (${maxBytes.toLocaleString('en-US')} bytes); nothing was checked`);
      }
      hash.update(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw usageError(`cannot read attachment ${path}: ${(err as Error).message}`);
  }
  return { name: basename(path), sha256: hash.digest('hex') };
}

/** When the next window opens, on its own clock; or that none is ahead. */
function notInBlackout(engine: Engine, at: number): string {
  const next = nextWindow(engine.windows, at);
  return next === undefined ? 'no blackout window ahead' : `next: ${next.name}, from ${formatInstant(next.startMs, next.zone, 'en')}`;
}

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
      : `In blackout: no (${notInBlackout(engine, at)})`,
  );
  if (result.leaks.length > 0) lines.push(`Leak sets: ${result.leaks.join(', ')}`);
  for (const s of result.signals) lines.push(`  - ${describeSignal(s)} [${s.kind}, ${s.leak}]`);
  for (const note of 'notes' in result ? (result.notes as string[]) : []) lines.push(`  (${note})`);
  lines.push(actions.length === 0 ? 'The bots would do nothing.' : 'The bots would (in a channel without overrides):');
  for (const a of actions) lines.push(`  - ${a}: ${actionDefinition(a).summary}`);
  return `${lines.join('\n')}\n`;
}
