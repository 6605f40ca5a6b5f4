/**
 * One message of a DiscordChatExporter JSON export (`id`, `timestamp`, `timestampEdited`,
 * `content`, `author`, `attachments[]` of `{id, url, fileName, fileSizeBytes}`, `embeds[]`) as a
 * record. The export holds no attachment hashes: file names only.
 */
import type { Attachment } from '../core/index.ts';
import { id, isObject, isoTime, optionalId, text } from './fields.ts';
import type { ExportItem, ExportRecord } from './record.ts';

export interface DiscordChannel {
  id?: string;
  name?: string;
}

/** `value` (element `index` of `messages`) as a record, or a problem naming its position. */
export function discordRecord(value: unknown, channel: DiscordChannel, file: string, index: number, zone: string): ExportItem {
  const problem = (reason: string): ExportItem => ({ error: `messages[${index}]: ${reason}`, file });
  if (!isObject(value)) return problem('expected a message object');
  const messageId = id(value.id, 'id');
  if (!messageId.ok) return problem(messageId.reason);
  const at = isoTime(value.timestamp, 'timestamp', zone);
  if (!at.ok) return problem(at.reason);
  const content = text(value.content, 'content', true);
  if (!content.ok) return problem(content.reason);
  const author = optionalId(isObject(value.author) ? value.author.id : undefined, 'author.id');
  if (!author.ok) return problem(author.reason);
  const files = discordAttachments(value.attachments);
  if (typeof files === 'string') return problem(files);
  const record: ExportRecord = {
    id: messageId.value,
    text: withEmbedLinks(content.value, value.embeds),
    atMs: at.value,
    attachments: files,
    source: { file },
  };
  if (channel.name !== undefined) record.channel = channel.name;
  if (channel.id !== undefined) record.channelId = channel.id;
  if (author.value !== undefined) record.user = author.value;
  if (value.timestampEdited !== undefined && value.timestampEdited !== null) {
    const edited = isoTime(value.timestampEdited, 'timestampEdited', zone);
    if (!edited.ok) return problem(edited.reason);
    record.editedAtMs = edited.value;
  }
  return record;
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

/**
 * The message text plus the links of its embeds: bots and webhooks often post a link only as an
 * embed, with empty content.
 */
function withEmbedLinks(content: string, embeds: unknown): string {
  if (!Array.isArray(embeds)) return content;
  const links = embeds.flatMap((e) => (isObject(e) && typeof e.url === 'string' && e.url !== '' ? [e.url] : []));
  return links.length === 0 ? content : [content, ...links].join('\n');
}
