/**
 * Reads a DiscordChatExporter JSON export: `{guild, channel, dateRange, exportedAt, messages:
 * […], messageCount}`, one channel (or thread) per file. The messages are streamed one by one.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { discordRecord, type DiscordChannel } from './discordMessage.ts';
import { isObject } from './fields.ts';
import { jsonEvents } from './jsonStream.ts';
import { NO_METER, type ExportItem, type ReaderOptions } from './record.ts';

/** Yields a record or a problem for each element of the export's `messages`. */
export async function* readDiscordExport(file: string, options: ReaderOptions): AsyncGenerator<ExportItem> {
  const meter = options.meter ?? NO_METER;
  meter.expect((await stat(file)).size);
  const input = createReadStream(file);
  input.on('data', (chunk) => meter.advance(chunk.length));
  // DiscordChatExporter writes `channel` before `messages`, so every record knows its channel.
  let channel: DiscordChannel = {};
  let sawMessages = false;
  let read = 0;
  try {
    for await (const event of jsonEvents(input, { arrayKey: 'messages', fields: ['channel'] })) {
      if (event.kind === 'top' && event.type !== 'object') {
        yield { error: 'not a DiscordChatExporter export: expected an object with a "messages" array', file };
        return;
      }
      if (event.kind === 'field' && isObject(event.value)) channel = channelOf(event.value);
      if (event.kind === 'array') sawMessages = true;
      if (event.kind === 'item') {
        read += 1;
        yield discordRecord(event.value, channel, file, event.index, options.zone);
      }
    }
  } catch (err) {
    yield { error: `not valid JSON after ${read} message(s): ${(err as Error).message}`, file };
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
