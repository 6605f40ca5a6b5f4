/** A Slack export unpacked in a folder. */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { READ_BYTES } from './chunks.ts';
import type { ExportTree } from './exportTree.ts';

/**
 * Deepest folder level read: `channel/day.json` and `__uploads/<id>/<name>`, under at most one
 * wrapping folder. A bound, so a wrong folder (a home directory) is not walked to the bottom.
 */
const MAX_DEPTH = 4;

/**
 * Lists the export folder: regular files only. Symbolic links are not followed (one could point
 * anywhere on the machine); each is left out and reported.
 */
export async function openFolderTree(dir: string): Promise<ExportTree> {
  const files = new Map<string, number>();
  const skipped: ExportTree['skipped'] = [];
  await walk(dir, '', 1, files, skipped);
  return {
    label: dir,
    files,
    skipped,
    describe: (path) => join(dir, path),
    // A day file in one read when it fits in READ_BYTES (a Slack day file is some 100 kB; the
    // default of 64 KiB takes three reads, each a round trip through the thread pool).
    open: async (path) => createReadStream(join(dir, path), { highWaterMark: Math.min(Math.max(files.get(path) ?? 0, 64 * 1024), READ_BYTES) }),
    close: () => {},
  };
}

async function walk(
  root: string,
  prefix: string,
  depth: number,
  files: Map<string, number>,
  skipped: ExportTree['skipped'],
): Promise<void> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile()) files.set(path, (await stat(join(root, path))).size);
    else if (entry.isDirectory() && depth < MAX_DEPTH) await walk(root, path, depth + 1, files, skipped);
    else if (entry.isSymbolicLink()) skipped.push({ path, reason: 'symbolic link, not followed' });
  }
}
