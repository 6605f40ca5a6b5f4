/**
 * Everything readable in a Slack message, as one text for the core: the message's `text`, the
 * links and words of its Block Kit `blocks`, and its legacy `attachments[]` (link unfurls, shared
 * messages, app cards: `pretext`, `title`, `title_link`, `from_url`, `original_url`, `text`,
 * `fallback`, `fields`, and their own `blocks`). A message posted through the API can carry a
 * link only there, so each part is checked like `text`.
 * @see https://api.slack.com/reference/messaging/attachments
 */
import { textWithBlockLinks, walkBlocks } from './richText.ts';

/** Most attachments read per message (Slack allows 100; a hostile payload may hold more). */
const MAX_ATTACHMENTS = 100;
const ATTACHMENT_FIELDS = ['pretext', 'title', 'title_link', 'from_url', 'original_url', 'text', 'fallback'] as const;

/** The text to classify. */
export function messageText(message: { text?: string; blocks?: unknown; attachments?: unknown }): string {
  const parts = [textWithBlockLinks(message.text, message.blocks)];
  const seen = new Set<string>(parts);
  const add = (value: unknown): void => {
    if (typeof value !== 'string' || value.trim() === '' || seen.has(value)) return;
    // Already in what the text says (Slack repeats a link's URL in `text` and in its unfurl).
    if (parts[0]!.includes(value)) return;
    seen.add(value);
    parts.push(value);
  };
  for (const extra of walkBlocks(message.blocks).texts) add(extra);
  if (Array.isArray(message.attachments)) {
    for (const attachment of message.attachments.slice(0, MAX_ATTACHMENTS)) {
      if (attachment === null || typeof attachment !== 'object') continue;
      const a = attachment as Record<string, unknown>;
      for (const field of ATTACHMENT_FIELDS) add(a[field]);
      if (Array.isArray(a.fields)) {
        for (const f of a.fields.slice(0, MAX_ATTACHMENTS)) if (f !== null && typeof f === 'object') add((f as { value?: unknown }).value);
      }
      const walked = walkBlocks(a.blocks);
      for (const url of walked.links) add(`<${url}>`);
      for (const text of walked.texts) add(text);
    }
  }
  return parts.join('\n');
}
