/**
 * Reads JSON Lines exports: one message per line, `{"id", "text", "at", "attachments"?,
 * "channel"?, "user"?}`. A bad line becomes a problem naming its line number; the next lines
 * are still read.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { MAX_LINE_BYTES, readLines } from './lines.ts';
import { attachments, id, isObject, isoTime, optionalId, text } from './fields.ts';
import { NO_METER, type ExportItem, type ExportRecord, type ReaderOptions } from './record.ts';

/** Yields a record or a problem for each non-blank line of `file`. */
export async function* readJsonLines(file: string, options: ReaderOptions): AsyncGenerator<ExportItem> {
  const meter = options.meter ?? NO_METER;
  meter.expect((await stat(file)).size);
  for await (const line of readLines(createReadStream(file), MAX_LINE_BYTES, (n) => meter.advance(n))) {
    if ('tooLong' in line) {
      yield { error: 'line too long (over 16 MiB), skipped', file, line: line.line };
      continue;
    }
    const content = line.line === 1 ? line.text.replace(/^\uFEFF/, '') : line.text;
    if (content.trim() === '') continue;
    yield parseLine(content, file, line.line, options.zone);
  }
}

/** One line as a record, or the reason it is not one. */
export function parseLine(content: string, file: string, line: number, zone: string): ExportItem {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err) {
    // V8's message quotes the line itself: only its position is kept (no message text in output).
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    return { error: position === undefined ? 'not valid JSON' : `not valid JSON (at character ${Number(position) + 1})`, file, line };
  }
  if (!isObject(value)) return { error: 'expected a JSON object {"id", "text", "at", …}', file, line };
  const recordId = id(value.id, 'id');
  if (!recordId.ok) return { error: recordId.reason, file, line };
  const body = text(value.text, 'text');
  if (!body.ok) return { error: body.reason, file, line };
  const at = isoTime(value.at, 'at', zone);
  if (!at.ok) return { error: at.reason, file, line };
  const files = attachments(value.attachments, 'attachments');
  if (!files.ok) return { error: files.reason, file, line };
  const channel = optionalId(value.channel, 'channel');
  if (!channel.ok) return { error: channel.reason, file, line };
  const user = optionalId(value.user, 'user');
  if (!user.ok) return { error: user.reason, file, line };
  const record: ExportRecord = {
    id: recordId.value,
    text: body.value,
    atMs: at.value,
    attachments: files.value,
    source: { file, line },
  };
  if (channel.value !== undefined) record.channel = channel.value;
  if (user.value !== undefined) record.user = user.value;
  return record;
}
