/**
 * Reads JSON Lines exports: one message per line, `{"id", "text", "at", "attachments"?,
 * "channel"?, "user"?}`. A bad line becomes a problem naming its line number; the next lines
 * are still read.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CHUNK_BYTES, READ_BYTES, type ExportPiece, type LinesChunk } from './chunks.ts';
import { MAX_LINE_BYTES } from './lines.ts';
import { parsePieces } from './parsePieces.ts';
import { attachments, id, isObject, isoTime, optionalId, text } from './fields.ts';
import { NO_METER, type ExportItem, type ExportRecord, type ReaderOptions } from './record.ts';

/** Yields a record or a problem for each non-blank line of `file`. */
export async function* readJsonLines(file: string, options: ReaderOptions): AsyncGenerator<ExportItem> {
  yield* parsePieces(splitJsonLines(file, options), options.zone);
}

/**
 * Cuts `file` into chunks of whole lines (parsed later by `parseChunk`), without decoding them. A
 * line over 16 MiB becomes a problem and is skipped without being kept in memory.
 */
export async function* splitJsonLines(file: string, options: ReaderOptions): AsyncGenerator<ExportPiece> {
  const meter = options.meter ?? NO_METER;
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const maxLine = options.maxLineBytes ?? MAX_LINE_BYTES;
  meter.expect((await stat(file)).size);
  let parts: Buffer[] = [];
  let length = 0;
  /** Number of the first line in `parts`, and of the line being read. */
  let firstLine = 1;
  let line = 1;
  /** The start of the current line, from earlier reads (dropped once it is too long). */
  let carry: Buffer[] = [];
  let carryLength = 0;
  let tooLong = false;
  const take = (): LinesChunk => {
    const chunk: LinesChunk = { kind: 'lines', file, firstLine, bytes: Buffer.concat(parts, length) };
    parts = [];
    length = 0;
    firstLine = line;
    return chunk;
  };
  for await (const read of createReadStream(file, { highWaterMark: Math.max(READ_BYTES, chunkBytes) }) as AsyncIterable<Buffer>) {
    meter.advance(read.length);
    const first = read.indexOf(10);
    if (first === -1) {
      if (!tooLong) {
        carry.push(read);
        carryLength += read.length;
        if (carryLength > maxLine) [tooLong, carry, carryLength] = [true, [], 0];
      }
      continue;
    }
    // The line carried from earlier reads ends at `first`.
    let from = 0;
    if (tooLong || carryLength + first > maxLine) {
      if (length > 0) yield take();
      yield { error: 'line too long (over 16 MiB), skipped', file, line };
      line += 1;
      firstLine = line;
      from = first + 1;
    } else if (carryLength > 0) {
      parts.push(...carry);
      length += carryLength;
    }
    [tooLong, carry, carryLength] = [false, [], 0];
    const last = read.lastIndexOf(10);
    const whole = read.subarray(from, last + 1);
    if (last + 1 < read.length) {
      carry = [read.subarray(last + 1)];
      carryLength = read.length - last - 1;
    }
    // A read holds many chunks' worth: cut it after the first line end that fills the chunk.
    for (let at = 0; at < whole.length; ) {
      const wanted = at + Math.max(chunkBytes - length, 1) - 1;
      const nl = wanted < whole.length ? whole.indexOf(10, wanted) : -1;
      const piece = whole.subarray(at, nl === -1 ? whole.length : nl + 1);
      parts.push(piece);
      length += piece.length;
      for (let i = piece.indexOf(10); i !== -1; i = piece.indexOf(10, i + 1)) line += 1;
      at += piece.length;
      if (length >= chunkBytes) yield take();
    }
  }
  if (tooLong) {
    if (length > 0) yield take();
    yield { error: 'line too long (over 16 MiB), skipped', file, line };
  } else if (carryLength > 0) {
    parts.push(...carry);
    length += carryLength;
  }
  if (length > 0) yield take();
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
