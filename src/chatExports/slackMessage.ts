/**
 * One message of a Slack export day file (`ts`, `user`, `text` in Slack markup, `files[]`,
 * `edited`, and the text of `attachments[]` and `blocks`) as a record. Slack's own exports carry
 * no file contents, so attachments are names; their ids are kept for exports made with the files
 * (slackdump), which `scan --media` inspects.
 */
import type { Attachment } from '../core/index.ts';
import { isObject, optionalId, slackTs, text } from './fields.ts';
import { slackExtraText } from './slackContent.ts';
import type { ExportItem, ExportRecord, MediaRef } from './record.ts';

export interface SlackChannel {
  /** Folder name: the channel's name (or a DM's id). */
  name: string;
  id?: string;
}

/**
 * `value` as a record, or a problem naming the message by its position in the day file.
 * `file` is the day file as shown to people.
 */
export function slackRecord(value: unknown, channel: SlackChannel, file: string, index: number): ExportItem {
  if (!isObject(value)) return problem(index, file, 'expected a message object');
  const at = slackTs(value.ts, 'ts');
  if (!at.ok) return problem(index, file, at.reason);
  const body = text(value.text, 'text', true);
  if (!body.ok) return problem(index, file, body.reason);
  // Bots post with a bot_id and no user.
  const user = optionalId(value.user ?? value.bot_id, 'user');
  if (!user.ok) return problem(index, file, user.reason);
  const extra = slackExtraText(value, body.value);
  const record: ExportRecord = {
    id: value.ts as string,
    text: unescapeSlack(extra.length === 0 ? body.value : [body.value, ...extra].join('\n')),
    atMs: at.value,
    attachments: slackFiles(value),
    channel: channel.name,
    source: { file },
  };
  const media = slackMedia(value);
  if (media.length > 0) record.media = media;
  if (channel.id !== undefined) record.channelId = channel.id;
  if (user.value !== undefined) record.user = user.value;
  if (isObject(value.edited)) {
    const edited = slackTs(value.edited.ts, 'edited.ts');
    if (!edited.ok) return problem(index, file, edited.reason);
    record.editedAtMs = edited.value;
  }
  return record;
}

// Helpers of per-message code live at module level: a function made per message costs its
// allocation, and under tsx a `__name` call too (some 170 ms per 500,000 messages).

/** A problem naming the message by its position (from 1) in the day file. */
function problem(index: number, file: string, reason: string): ExportItem {
  return { error: `message ${index + 1}: ${reason}`, file };
}

const ENTITY = /&(lt|gt|amp);/g;

/** Slack escapes only these three in message text; links stay as `<url|label>`, which the core reads. */
export function unescapeSlack(markup: string): string {
  // Most messages have no entity: no replace at all.
  return markup.includes('&') ? markup.replace(ENTITY, unescapeEntity) : markup;
}

function unescapeEntity(_: string, name: string): string {
  return name === 'lt' ? '<' : name === 'gt' ? '>' : '&';
}

function filesOf(message: Record<string, unknown>): unknown[] {
  return Array.isArray(message.files) ? message.files : isObject(message.file) ? [message.file] : [];
}

/** Names of the files shared with the message (`files[]`, or `file` in older exports). */
function slackFiles(message: Record<string, unknown>): Attachment[] {
  const list = filesOf(message);
  const out: Attachment[] = [];
  for (const file of list) {
    // Deleted or hidden files ("tombstone", "hidden_by_limit") have no name: nothing to check.
    if (isObject(file) && typeof file.name === 'string' && file.name !== '') out.push({ name: file.name });
  }
  return out;
}

/** Shared files by id, for an export that carries them (`scan --media`). */
function slackMedia(message: Record<string, unknown>): MediaRef[] {
  const out: MediaRef[] = [];
  for (const file of filesOf(message)) {
    if (!isObject(file) || typeof file.name !== 'string' || file.name === '') continue;
    // Ids are short ("F0ABC123"); anything else cannot name a file of the export.
    if (typeof file.id === 'string' && /^[A-Za-z0-9]{1,64}$/.test(file.id)) out.push({ name: file.name, fileId: file.id });
  }
  return out;
}
