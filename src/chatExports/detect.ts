/**
 * Tells which kind of export a path is: a folder or a .zip is a Slack export, .jsonl/.ndjson is
 * JSON Lines, a .json file whose top-level object has a `messages` array is a
 * DiscordChatExporter export, and a file of any other name whose first line is a JSON object is
 * JSON Lines. Anything else is refused with the reason.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { jsonEvents } from './jsonStream.ts';
import { readLines } from './lines.ts';
import { isObject } from './fields.ts';

export type ExportFormat = 'jsonl' | 'slack-folder' | 'slack-zip' | 'discord';

/** Names of the formats, for messages and the docs. */
export const FORMAT_NAMES: Record<ExportFormat, string> = {
  jsonl: 'JSON Lines',
  'slack-folder': 'Slack export (folder)',
  'slack-zip': 'Slack export (zip)',
  discord: 'DiscordChatExporter JSON',
};

const EXPECTED =
  'expected a Slack export (folder or .zip), a DiscordChatExporter .json file, or JSON Lines (.jsonl, .ndjson)';

/** The format, or why there is none; `unreadable` when the path is missing or cannot be read at all. */
export type Detection = { format: ExportFormat } | { error: string; unreadable?: true };

/** The format of `path`, or why it is none of the known ones. */
export async function detectFormat(path: string): Promise<Detection> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${(err as Error).message}`, unreadable: true };
  }
  if (info.isDirectory()) return { format: 'slack-folder' };
  if (!info.isFile()) return { error: `not a regular file or folder; ${EXPECTED}` };
  const ext = extname(path).toLowerCase();
  if (ext === '.zip') return { format: 'slack-zip' };
  if (ext === '.jsonl' || ext === '.ndjson') return { format: 'jsonl' };
  try {
    if (ext === '.json') return await sniffJson(path);
    return (await firstLineIsObject(path)) ? { format: 'jsonl' } : { error: `unknown format; ${EXPECTED}` };
  } catch (err) {
    return { error: `cannot read: ${(err as Error).message}`, unreadable: true };
  }
}

/** Reads a .json file only as far as the top-level `messages` array. */
async function sniffJson(path: string): Promise<Detection> {
  try {
    for await (const event of jsonEvents(createReadStream(path), { arrayKey: 'messages' })) {
      if (event.kind === 'top' && event.type === 'array') {
        return { error: `a JSON array, not an export (a single Slack day file? give the whole export folder or zip); ${EXPECTED}` };
      }
      if (event.kind === 'top' && event.type === 'scalar') return { error: `not an export; ${EXPECTED}` };
      if (event.kind === 'array') return { format: 'discord' };
    }
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message}); ${EXPECTED}` };
  }
  return { error: `a JSON object without a "messages" array, so not a DiscordChatExporter export; ${EXPECTED}` };
}

async function firstLineIsObject(path: string): Promise<boolean> {
  for await (const line of readLines(createReadStream(path, { end: 1024 * 1024 }), 1024 * 1024)) {
    if ('tooLong' in line) return false;
    const text = line.text.replace(/^\uFEFF/, '').trim();
    if (text === '') continue;
    try {
      return isObject(JSON.parse(text));
    } catch {
      return false;
    }
  }
  return false;
}
