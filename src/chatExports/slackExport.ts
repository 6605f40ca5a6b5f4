/**
 * Reads a Slack workspace export (folder or zip): `channels.json` (and `groups.json`,
 * `mpims.json`, `dms.json` in exports that include private conversations) list the
 * conversations; each has a folder of day files (`2017-05-06.json`), each an array of messages.
 * Messages come out channel by channel in the order of those lists, days in date order.
 */
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import type { ExportTree } from './exportTree.ts';
import { isObject } from './fields.ts';
import { jsonEvents } from './jsonStream.ts';
import { NO_METER, type ByteMeter, type ExportItem, type ReaderOptions } from './record.ts';
import { slackRecord, type SlackChannel } from './slackMessage.ts';

/** The conversation lists, and whether each names its folder by `name` or by `id`. */
const LISTS = [
  { file: 'channels.json', folderBy: 'name' },
  { file: 'groups.json', folderBy: 'name' },
  { file: 'mpims.json', folderBy: 'name' },
  { file: 'dms.json', folderBy: 'id' },
] as const;

/** Yields a record or a problem for each message of the export in `tree`, then closes it. */
export async function* readSlackExport(tree: ExportTree, options: ReaderOptions): AsyncGenerator<ExportItem> {
  const meter = options.meter ?? NO_METER;
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
    meter.expect([...days.values()].flat().reduce((sum, path) => sum + (tree.files.get(path) ?? 0), 0));
    for (const channel of orderChannels(channels, days)) {
      for (const path of days.get(channel.name) ?? []) yield* readDay(tree, path, channel, meter);
    }
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

/** Day files by folder name, each folder's files sorted (dates sort as text). */
function dayFiles(tree: ExportTree, root: string): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const path of [...tree.files.keys()].sort()) {
    if (!path.startsWith(root) || !path.endsWith('.json')) continue;
    const parts = path.slice(root.length).split('/');
    if (parts.length !== 2) continue;
    const folder = parts[0]!;
    days.set(folder, [...(days.get(folder) ?? []), path]);
  }
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

async function* readDay(tree: ExportTree, path: string, channel: SlackChannel, meter: ByteMeter): AsyncGenerator<ExportItem> {
  const file = tree.describe(path);
  let read = 0;
  try {
    const input = await tree.open(path);
    input.on('data', (chunk: Buffer) => meter.advance(chunk.length));
    for await (const event of jsonEvents(input)) {
      if (event.kind === 'top' && event.type !== 'array') {
        yield { error: 'expected an array of messages', file };
        return;
      }
      if (event.kind === 'item') {
        read += 1;
        yield slackRecord(event.value, channel, file, event.index);
      }
    }
  } catch (err) {
    yield { error: `unreadable or not valid JSON after ${read} message(s): ${(err as Error).message}`, file };
  }
}
