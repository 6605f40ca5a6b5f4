/**
 * Reads a DiscordChatExporter JSON export: `{guild, channel, dateRange, exportedAt, messages:
 * […], messageCount}`, one channel (or thread) per file. The messages are cut out one by one
 * and handed on in chunks; the file is never held whole.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CHUNK_BYTES, READ_BYTES, type ExportPiece } from './chunks.ts';
import type { DiscordChannel } from './discordMessage.ts';
import { isObject } from './fields.ts';
import { SplitError, splitJsonArray } from './jsonSplitter.ts';
import { MAX_LINE_BYTES } from './lines.ts';
import { parsePieces } from './parsePieces.ts';
import { NO_METER, type ExportItem, type ReaderOptions } from './record.ts';

/** Yields a record or a problem for each element of the export's `messages`. */
export async function* readDiscordExport(file: string, options: ReaderOptions): AsyncGenerator<ExportItem> {
  yield* parsePieces(splitDiscordExport(file, options), options.zone);
}

/** Cuts the export's `messages` into chunks (parsed later by `parseChunk`). */
export async function* splitDiscordExport(file: string, options: ReaderOptions): AsyncGenerator<ExportPiece> {
  const meter = options.meter ?? NO_METER;
  meter.expect((await stat(file)).size);
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const input = createReadStream(file, { highWaterMark: READ_BYTES });
  // DiscordChatExporter writes `channel` before `messages`, so every chunk knows its channel.
  let channel: DiscordChannel = {};
  let sawMessages = false;
  let read = 0;
  const split = splitJsonArray(
    input,
    { arrayKey: 'messages', fields: ['channel'], batchBytes: chunkBytes, maxElementBytes: options.maxLineBytes ?? MAX_LINE_BYTES },
    (n) => meter.advance(n),
  );
  try {
    for await (const event of split) {
      if (event.kind === 'top' && event.type !== 'object') {
        yield { error: 'not a DiscordChatExporter export: expected an object with a "messages" array', file };
        return;
      }
      if (event.kind === 'field' && isObject(event.value)) channel = channelOf(event.value);
      if (event.kind === 'array') sawMessages = true;
      if (event.kind === 'tooLarge') {
        read += 1;
        yield { error: `messages[${event.index}]: too large (over 16 MiB), skipped`, file };
      }
      if (event.kind === 'elements') {
        read += event.ends.length;
        yield {
          kind: 'discord',
          bytes: event.bytes,
          ends: event.ends,
          groups: [{ file, channel, firstIndex: event.firstIndex, count: event.ends.length }],
        };
      }
    }
  } catch (err) {
    const what = err instanceof SplitError ? 'not valid JSON' : 'cannot read';
    yield { error: `${what} after ${read} message(s): ${(err as Error).message}`, file };
    return;
  }
  if (!sawMessages) yield { error: 'not a DiscordChatExporter export: no "messages" array', file };
}

function channelOf(value: Record<string, unknown>): DiscordChannel {
  const out: DiscordChannel = {};
  if (typeof value.id === 'string') out.id = value.id;
  if (typeof value.name === 'string') out.name = value.name;
  return out;
}
