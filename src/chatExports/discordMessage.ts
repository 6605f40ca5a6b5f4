/**
 * One message of a DiscordChatExporter JSON export (`id`, `timestamp`, `timestampEdited`,
 * `content`, `author`, `attachments[]` of `{id, url, fileName, fileSizeBytes}`, `embeds[]`) as a
 * record. The export holds no attachment hashes: file names only.
 */
import type { Attachment } from '../core/index.ts';
import { id, isObject, isoTime, optionalId, text } from './fields.ts';
import type { ExportItem, ExportRecord, MediaRef } from './record.ts';

export interface DiscordChannel {
  id?: string;
  name?: string;
}

/** `value` (element `index` of `messages`) as a record, or a problem naming its position. */
export function discordRecord(value: unknown, channel: DiscordChannel, file: string, index: number, zone: string): ExportItem {
  if (!isObject(value)) return problem(index, file, 'expected a message object');
  const messageId = id(value.id, 'id');
  if (!messageId.ok) return problem(index, file, messageId.reason);
  const at = isoTime(value.timestamp, 'timestamp', zone);
  if (!at.ok) return problem(index, file, at.reason);
  const content = text(value.content, 'content', true);
  if (!content.ok) return problem(index, file, content.reason);
  const author = optionalId(isObject(value.author) ? value.author.id : undefined, 'author.id');
  if (!author.ok) return problem(index, file, author.reason);
  const list = forwardedAttachments(value);
  const files = discordAttachments(list);
  if (typeof files === 'string') return problem(index, file, files);
  const record: ExportRecord = {
    id: messageId.value,
    text: withEmbeds(content.value, value),
    atMs: at.value,
    attachments: files,
    source: { file },
  };
  const media = localMedia(list as unknown[] | undefined);
  if (media.length > 0) record.media = media;
  if (channel.name !== undefined) record.channel = channel.name;
  if (channel.id !== undefined) record.channelId = channel.id;
  if (author.value !== undefined) record.user = author.value;
  if (value.timestampEdited !== undefined && value.timestampEdited !== null) {
    const edited = isoTime(value.timestampEdited, 'timestampEdited', zone);
    if (!edited.ok) return problem(index, file, edited.reason);
    record.editedAtMs = edited.value;
  }
  return record;
}

// Helpers of per-message code live at module level: a function made per message costs its
// allocation, and under tsx a `__name` call too (some 170 ms per 500,000 messages).

/** A problem naming the message by its index in `messages`. */
function problem(index: number, file: string, reason: string): ExportItem {
  return { error: `messages[${index}]: ${reason}`, file };
}

function discordAttachments(value: unknown): Attachment[] | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return '"attachments" must be an array';
  const out: Attachment[] = [];
  for (const [i, item] of value.entries()) {
    if (!isObject(item) || typeof item.fileName !== 'string') return `"attachments[${i}].fileName" must be text`;
    const attachment: Attachment = { name: item.fileName };
    if (typeof item.fileSizeBytes === 'number' && Number.isSafeInteger(item.fileSizeBytes)) attachment.size = item.fileSizeBytes;
    out.push(attachment);
  }
  return out;
}

/** A URL with a scheme (`https://cdn.discordapp.com/…`): not a file saved with the export. */
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Attachments saved beside the export (DiscordChatExporter `--media` writes each `url` as a path
 * relative to the JSON file, or absolute when the media folder lies outside it). Remote URLs are
 * never fetched: a scan reads local files only.
 */
function localMedia(list: unknown[] | undefined | null): MediaRef[] {
  const out: MediaRef[] = [];
  for (const item of list ?? []) {
    if (!isObject(item) || typeof item.fileName !== 'string' || typeof item.url !== 'string') continue;
    if (item.url === '' || REMOTE.test(item.url)) continue;
    out.push({ name: item.fileName, path: item.url });
  }
  return out;
}

/**
 * The message text plus what its embeds and a forwarded message carry: bots and webhooks often
 * post a link only as an embed, with empty content, and a forwarded message's content sits in
 * `forwardedMessage` (DiscordChatExporter 2.45 and later), its own `content` being empty.
 */
function withEmbeds(content: string, value: Record<string, unknown>): string {
  const forwarded = value.forwardedMessage;
  // Most messages have neither: no list to build.
  if (!(Array.isArray(value.embeds) && value.embeds.length > 0) && !isObject(forwarded)) return content;
  const pieces = [content];
  addEmbeds(pieces, value.embeds);
  if (isObject(forwarded)) {
    addPiece(pieces, forwarded.content);
    addEmbeds(pieces, forwarded.embeds);
  }
  return pieces.length === 1 ? content : pieces.join('\n');
}

/** Adds a non-empty text not already among `pieces`. */
function addPiece(pieces: string[], piece: unknown): void {
  if (typeof piece === 'string' && piece !== '' && !pieces.includes(piece)) pieces.push(piece);
}

/** Adds the links and texts of a list of embeds (the first 100, each with its first 100 fields). */
function addEmbeds(pieces: string[], list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const e of list.slice(0, 100)) {
    if (!isObject(e)) continue;
    addPiece(pieces, e.url);
    addPiece(pieces, e.title);
    addPiece(pieces, e.description);
    if (isObject(e.author)) addPiece(pieces, e.author.url);
    if (Array.isArray(e.fields)) for (const f of e.fields.slice(0, 100)) if (isObject(f)) addPiece(pieces, f.value);
  }
}

/** File names of the message's attachments and of a forwarded message's. */
function forwardedAttachments(value: Record<string, unknown>): unknown {
  const forwarded = value.forwardedMessage;
  if (!isObject(forwarded) || !Array.isArray(forwarded.attachments)) return value.attachments;
  return [...(Array.isArray(value.attachments) ? value.attachments : []), ...forwarded.attachments];
}
