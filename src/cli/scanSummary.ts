/**
 * The summary `scan` prints for people: how many messages were read and skipped, and the
 * verdicts counted overall, per blackout window, per channel and per leak set. Counts only: no
 * message text, no message ids.
 */
import type { BlackoutWindow, Classification, Verdict } from '../core/index.ts';
// From its own module: scan's worker bundle, which counts verdicts here, need not hold all of the core (see scanWorker.ts).
import { VERDICTS } from '../core/verdict.ts';
import type { ExportRecord } from '../chatExports/record.ts';

/** Channels listed by name; the rest are counted in one line. */
export const MAX_CHANNELS_SHOWN = 20;

const NO_CHANNEL = '(no channel)';

export type Counts = Record<Verdict, number>;
const zero = (): Counts => ({ share: 0, mention: 0, none: 0 });

/** Attachments that `scan --media` looked inside, or not. */
export interface FileCounts {
  /** Attachments inspected (an archive counts once, whatever it holds). */
  inspected: number;
  /** Attachments not inspected, by reason (`missing`, `damaged`, `too large`, …). */
  notInspected: Record<string, number>;
  /** Attachments not to be inspected: their message is outside every window (`attachments.inspect: inWindow`) or already a share by its text. */
  notNeeded: number;
}

/** Running counts of a scan. */
export class ScanTally {
  messages = 0;
  skipped = 0;
  readonly byVerdict = zero();
  /** Verdicts of the messages inside at least one window. */
  readonly inBlackout = zero();
  readonly byWindow = new Map<string, Counts>();
  readonly byChannel = new Map<string, Counts>();
  readonly byLeak = new Map<string, Counts>();
  readonly files: FileCounts = { inspected: 0, notInspected: {}, notNeeded: 0 };

  /** Counts one classified message. */
  add(record: ExportRecord, c: Classification): void {
    this.messages += 1;
    this.byVerdict[c.verdict] += 1;
    if (c.inBlackout) this.inBlackout[c.verdict] += 1;
    for (const w of c.windows) bump(this.byWindow, w, c.verdict);
    bump(this.byChannel, record.channel ?? NO_CHANNEL, c.verdict);
    for (const leak of c.leaks) bump(this.byLeak, leak, c.verdict);
  }

  /** Counts one record (or file) that could not be read. */
  skip(): void {
    this.skipped += 1;
  }

  /** The counts as plain data, to send from a worker thread. */
  toData(): TallyData {
    return {
      messages: this.messages,
      byVerdict: this.byVerdict,
      inBlackout: this.inBlackout,
      byWindow: this.byWindow,
      byChannel: this.byChannel,
      byLeak: this.byLeak,
      files: this.files,
    };
  }

  /** Counts an attachment not inspected, for `reason`. */
  notInspected(reason: string): void {
    this.files.notInspected[reason] = (this.files.notInspected[reason] ?? 0) + 1;
  }

  /** Adds the counts of another tally (a chunk's, counted on a worker thread). */
  merge(other: TallyData): void {
    this.messages += other.messages;
    addCounts(this.byVerdict, other.byVerdict);
    addCounts(this.inBlackout, other.inBlackout);
    this.files.inspected += other.files.inspected;
    this.files.notNeeded += other.files.notNeeded;
    for (const [reason, count] of Object.entries(other.files.notInspected)) {
      this.files.notInspected[reason] = (this.files.notInspected[reason] ?? 0) + count;
    }
    for (const [target, source] of [
      [this.byWindow, other.byWindow],
      [this.byChannel, other.byChannel],
      [this.byLeak, other.byLeak],
    ] as const) {
      for (const [key, counts] of source) {
        const mine = target.get(key);
        if (mine === undefined) target.set(key, { ...counts });
        else addCounts(mine, counts);
      }
    }
  }
}

/** A tally as plain data (structured-cloneable: Maps of plain objects). */
export interface TallyData {
  messages: number;
  byVerdict: Counts;
  inBlackout: Counts;
  byWindow: Map<string, Counts>;
  byChannel: Map<string, Counts>;
  byLeak: Map<string, Counts>;
  files: FileCounts;
}

function addCounts(target: Counts, source: Counts): void {
  target.share += source.share;
  target.mention += source.mention;
  target.none += source.none;
}

function bump(map: Map<string, Counts>, key: string, verdict: Verdict): void {
  const counts = map.get(key);
  if (counts !== undefined) counts[verdict] += 1;
  else map.set(key, { ...zero(), [verdict]: 1 });
}

/** How the scan went, for the lines around the tables. */
export interface ScanFacts {
  /** Wall time of the scan. */
  seconds: number;
  /** The inputs as given, to show the command that lists the sharing messages. */
  paths: readonly string[];
  /** Attachments were looked for in the exports (`--media`): say how many were inspected. */
  media?: boolean;
}

/** The summary as text. `windows` are the configured ones: each is listed, even with no message. */
export function renderSummary(tally: ScanTally, windows: readonly BlackoutWindow[], facts?: ScanFacts): string {
  const out: string[] = [];
  const skipped = tally.skipped === 0 ? 'none skipped' : `${n(tally.skipped)} skipped (see the errors above)`;
  out.push(`Scanned ${n(tally.messages)} message${tally.messages === 1 ? '' : 's'}; ${skipped}.`);
  if (facts !== undefined && facts.seconds > 0) {
    out.push(`Took ${facts.seconds.toFixed(1)} s (${n(Math.round(tally.messages / facts.seconds))} messages/s).`);
  }
  if (facts?.media === true) out.push(filesLine(tally.files));
  out.push('');

  out.push(...table(['By verdict', 'all', 'in blackout'], VERDICTS.map((v) => [v, n(tally.byVerdict[v]), n(tally.inBlackout[v])])), '');

  const windowRows = windows.map((w) => {
    const c = tally.byWindow.get(w.id) ?? zero();
    return [w.name === w.id ? w.id : `${w.id} (${w.name})`, n(c.share), n(c.mention), n(c.none)];
  });
  if (windowRows.length === 0) out.push('By window: no blackout window is configured.', '');
  else out.push(...table(['By window', 'share', 'mention', 'none'], windowRows), '');

  // Channels with shared material first: they are what a legal team reads.
  const channels = [...tally.byChannel.entries()].sort(
    ([a, x], [b, y]) => y.share - x.share || y.mention - x.mention || total(y) - total(x) || a.localeCompare(b),
  );
  const channelRows = channels.slice(0, MAX_CHANNELS_SHOWN).map(([name, c]) => [name, n(c.share), n(c.mention), n(c.none)]);
  if (channelRows.length > 0) {
    out.push(...table(['By channel', 'share', 'mention', 'none'], channelRows));
    const rest = channels.length - channelRows.length;
    if (rest > 0) out.push(`  … and ${n(rest)} more channel${rest === 1 ? '' : 's'} with no more shares than the last above`);
    out.push('');
  }

  const leakRows = [...tally.byLeak.entries()].map(([id, c]) => [id, n(c.share), n(c.mention)]);
  if (leakRows.length > 0) out.push(...table(['By leak set', 'share', 'mention'], leakRows), '');

  const shares = tally.byVerdict.share;
  if (shares > 0 && facts !== undefined) {
    const paths = facts.paths.map(shellWord).join(' ');
    out.push(
      `To list the ${n(shares)} sharing message${shares === 1 ? '' : 's'} (one JSON line each, ids and rules, no text):`,
      `  blackout-guard scan --only share ${facts.media === true ? '--media ' : ''}${paths}`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** `Attachments: 3 inspected, 2 not inspected (1 missing, 1 damaged), 4 not needed (…).` */
export function filesLine(files: FileCounts): string {
  const parts = [`${n(files.inspected)} inspected`];
  const reasons = Object.entries(files.notInspected).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const notInspected = reasons.reduce((sum, [, count]) => sum + count, 0);
  if (notInspected > 0) parts.push(`${n(notInspected)} not inspected (${reasons.map(([reason, count]) => `${n(count)} ${reason}`).join(', ')})`);
  else parts.push('none not inspected');
  if (files.notNeeded > 0) parts.push(`${n(files.notNeeded)} not needed (outside the windows inspected, or the message already a share)`);
  return `Attachments: ${parts.join(', ')}.`;
}

/** A path as a shell word: quoted when it holds anything but plain characters. */
function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function total(c: Counts): number {
  return c.share + c.mention + c.none;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

/** Left-aligned first column, right-aligned numbers; rows indented under the heading. */
function table(heading: string[], rows: string[][]): string[] {
  const all = [heading, ...rows.map((r) => r.map((cell, i) => (i === 0 ? `  ${cell}` : cell)))];
  const widths = heading.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
