/**
 * Reads a Slack workspace export (folder or zip): `channels.json` (and `groups.json`,
 * `mpims.json`, `dms.json` in exports that include private conversations) list the
 * conversations; each has a folder of day files (`2017-05-06.json`), each an array of messages.
 * Messages come out channel by channel in the order of those lists, days in date order.
 */
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { ByteParts } from './bytes.ts';
import type { ExportTree } from './exportTree.ts';
import { isObject } from './fields.ts';
import { CHUNK_BYTES, type ExportPiece } from './chunks.ts';
import { jsonEvents } from './jsonStream.ts';
import { splitJsonArray } from './jsonSplitter.ts';
import { MAX_LINE_BYTES } from './lines.ts';
import { parsePieces } from './parsePieces.ts';
import { NO_METER, type ByteMeter, type ExportItem, type ReaderOptions } from './record.ts';
import { brokenOff, ChunkBuilder, dayPiece, DaysBuilder, notAnArray, WHOLE_DAY_BYTES, type DayCount } from './slackDays.ts';
import type { SlackChannel } from './slackMessage.ts';

/** The conversation lists, and whether each names its folder by `name` or by `id`. */
const LISTS = [
  { file: 'channels.json', folderBy: 'name' },
  { file: 'groups.json', folderBy: 'name' },
  { file: 'mpims.json', folderBy: 'name' },
  { file: 'dms.json', folderBy: 'id' },
] as const;

/** Yields a record or a problem for each message of the export in `tree`, then closes it. */
export async function* readSlackExport(tree: ExportTree, options: ReaderOptions): AsyncGenerator<ExportItem> {
  yield* parsePieces(splitSlackExport(tree, options), options.zone);
}

/**
 * Cuts the messages of the export in `tree` into chunks (parsed later by `parseChunk`), several
 * small day files to a chunk, then closes the tree.
 */
export async function* splitSlackExport(tree: ExportTree, options: ReaderOptions): AsyncGenerator<ExportPiece> {
  const meter = options.meter ?? NO_METER;
  const chunks = new ChunkBuilder(options.chunkBytes ?? CHUNK_BYTES);
  try {
    for (const { path, reason } of tree.skipped) yield { error: `entry left out: ${reason}`, file: tree.describe(path) };
    const root = findRoot(tree);
    if (root === undefined) {
      yield { error: 'not a Slack export: no channels.json (nor groups.json, mpims.json, dms.json) found', file: tree.label };
      return;
    }
    const channels: SlackChannel[] = [];
    for (const list of LISTS) {
      const path = root + list.file;
      if (!tree.files.has(path)) continue;
      try {
        channels.push(...(await readChannelList(await tree.open(path), list.folderBy)));
      } catch (err) {
        yield { error: `cannot read the conversation list: ${(err as Error).message}`, file: tree.describe(path) };
      }
    }
    const days = dayFiles(tree, root);
    let total = 0;
    for (const paths of days.values()) for (const path of paths) total += tree.files.get(path) ?? 0;
    meter.expect(total);
    const whole = new DaysBuilder(options.chunkBytes ?? CHUNK_BYTES);
    const order = orderChannels(channels, days).flatMap((channel) => (days.get(channel.name) ?? []).map((path) => ({ channel, path })));
    for (const { channel, path } of order) {
      // A small day file is read in one synchronous call (folderTree.ts, zipTree.ts): nothing to read ahead.
      if (options.wholeDays !== false && (tree.files.get(path) ?? 0) <= WHOLE_DAY_BYTES) {
        const day = await readWhole(tree, path, meter);
        const full = whole.add(day.bytes, tree.describe(path), channel, day.error);
        if (full !== undefined) yield* chunks.accept(full);
        continue;
      }
      // A day file cut as it is read (a large one, or all with `wholeDays: false`), after the whole ones before it.
      const pending = whole.take();
      if (pending !== undefined) yield* chunks.accept(pending);
      for await (const piece of splitDay(tree, path, channel, meter, options)) yield* chunks.accept(piece);
    }
    const pending = whole.take();
    if (pending !== undefined) yield* chunks.accept(pending);
    const last = chunks.take();
    if (last !== undefined) yield last;
  } finally {
    tree.close();
  }
}

/** The folder holding channels.json (or another list): the export's root, `` or `wrapper/`. */
function findRoot(tree: ExportTree): string | undefined {
  let best: string | undefined;
  for (const path of tree.files.keys()) {
    const base = posix.basename(path);
    if (!LISTS.some((l) => l.file === base)) continue;
    const dir = posix.dirname(path);
    const root = dir === '.' ? '' : `${dir}/`;
    if (best === undefined || root.split('/').length < best.split('/').length) best = root;
  }
  return best;
}

async function readChannelList(input: Readable, folderBy: 'name' | 'id'): Promise<SlackChannel[]> {
  const out: SlackChannel[] = [];
  for await (const event of jsonEvents(input)) {
    if (event.kind === 'top' && event.type !== 'array') throw new Error('expected an array of conversations');
    if (event.kind !== 'item' || !isObject(event.value)) continue;
    const { id, name } = event.value;
    const folder = folderBy === 'id' ? id : name;
    if (typeof folder !== 'string' || folder === '') continue;
    out.push(typeof id === 'string' ? { name: folder, id } : { name: folder });
  }
  return out;
}

/**
 * Day files by folder name, each folder's files sorted (dates sort as text). One pass over the
 * entries, then one sort per folder: linear in the entries apart from the sorts (a zip of 100,000
 * day files took minutes when each file copied its folder's list).
 */
export function dayFiles(tree: Pick<ExportTree, 'files'>, root: string): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const path of tree.files.keys()) {
    if (!path.startsWith(root) || !path.endsWith('.json')) continue;
    const rest = path.slice(root.length);
    const slash = rest.indexOf('/');
    if (slash <= 0 || rest.indexOf('/', slash + 1) !== -1) continue;
    const folder = rest.slice(0, slash);
    const list = days.get(folder);
    if (list === undefined) days.set(folder, [path]);
    else list.push(path);
  }
  for (const list of days.values()) list.sort();
  return days;
}

/** Listed conversations first, in list order; then folders no list names, by name. */
function orderChannels(listed: SlackChannel[], days: Map<string, string[]>): SlackChannel[] {
  const seen = new Set<string>();
  const out: SlackChannel[] = [];
  for (const channel of listed) {
    if (seen.has(channel.name)) continue;
    seen.add(channel.name);
    out.push(channel);
  }
  for (const folder of [...days.keys()].sort()) {
    if (!seen.has(folder)) out.push({ name: folder });
  }
  return out;
}

/**
 * A day file read whole, or as far as it could be (`error`: why not further). A file that cannot be
 * opened is an empty one that failed.
 */
async function readWhole(tree: ExportTree, path: string, meter: ByteMeter): Promise<{ bytes: Uint8Array; error?: string }> {
  const parts = new ByteParts();
  try {
    for await (const part of (await tree.open(path)) as AsyncIterable<Buffer>) {
      parts.push(part);
      meter.advance(part.length);
    }
  } catch (err) {
    return { bytes: parts.take(), error: (err as Error).message };
  }
  return { bytes: parts.take() };
}

/** The messages of one day file, cut as it is read, in chunks (or problems). */
async function* splitDay(
  tree: ExportTree,
  path: string,
  channel: SlackChannel,
  meter: ByteMeter,
  options: ReaderOptions,
): AsyncGenerator<ExportPiece> {
  const file = tree.describe(path);
  const count: DayCount = { read: 0 };
  try {
    const input = await tree.open(path);
    const split = splitJsonArray(
      input as AsyncIterable<Buffer>,
      { batchBytes: options.chunkBytes ?? CHUNK_BYTES, maxElementBytes: options.maxLineBytes ?? MAX_LINE_BYTES },
      (n) => meter.advance(n),
    );
    for await (const event of split) {
      const piece = dayPiece(event, file, channel, count);
      if (piece === 'stop') {
        yield notAnArray(file);
        return;
      }
      if (piece !== undefined) yield piece;
    }
  } catch (err) {
    yield brokenOff(file, count.read, (err as Error).message);
  }
}
