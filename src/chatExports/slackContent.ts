/**
 * The text of a Slack message that does not sit in `text`: bot and integration posts and link
 * unfurls carry it in legacy `attachments[]` (`title_link`, `from_url`, `original_url`, `text`,
 * `pretext`, `fallback`, `title`, fields), and Block Kit messages in `blocks` (section texts and
 * fields, rich-text runs and links, buttons' URLs). It is checked together with `text`.
 *
 * @see https://api.slack.com/reference/messaging/attachments
 * @see https://api.slack.com/reference/block-kit/blocks
 */
import { isObject } from './fields.ts';

/** Attachment fields that hold text or a link. */
const ATTACHMENT_FIELDS = ['pretext', 'title', 'title_link', 'text', 'fallback', 'from_url', 'original_url', 'author_link', 'footer'] as const;

/** Block Kit walk limits: a hostile message must not make the walk long. */
const MAX_NODES = 10_000;
const MAX_DEPTH = 12;

/** Keys of a block that hold further blocks, elements or text objects. */
const CHILD_KEYS = ['text', 'elements', 'fields', 'accessory', 'title', 'description'] as const;

/**
 * Pieces of text and links from `attachments` and `blocks` that `text` does not already hold
 * (rich-text blocks repeat the message text; repeating it would only cost time).
 */
export function slackExtraText(message: Record<string, unknown>, text: string): string[] {
  const pieces: string[] = [];
  if (Array.isArray(message.attachments)) {
    for (const attachment of message.attachments.slice(0, 100)) {
      if (!isObject(attachment)) continue;
      for (const field of ATTACHMENT_FIELDS) add(pieces, text, attachment[field]);
      if (Array.isArray(attachment.fields)) {
        for (const f of attachment.fields.slice(0, 100)) if (isObject(f)) add(pieces, text, f.value);
      }
      if (Array.isArray(attachment.blocks)) walkBlocks(attachment.blocks, pieces, text);
    }
  }
  if (Array.isArray(message.blocks)) walkBlocks(message.blocks, pieces, text);
  return pieces;
}

// Helpers of per-message code live at module level: a function made per message costs its
// allocation, and under tsx a `__name` call too.

/** Adds a non-empty text that neither `text` nor `pieces` already holds. */
function add(pieces: string[], text: string, value: unknown): void {
  if (typeof value === 'string' && value !== '' && !text.includes(value) && !pieces.includes(value)) pieces.push(value);
}

/** Collects every `text` string and `url` of a block tree, iteratively and within limits. */
function walkBlocks(blocks: unknown[], pieces: string[], text: string): void {
  // Nodes and their depths side by side: no pair allocated per node.
  const stack: unknown[] = [];
  const depths: number[] = [];
  for (const block of blocks) {
    stack.push(block);
    depths.push(0);
  }
  let nodes = 0;
  while (stack.length > 0 && nodes < MAX_NODES) {
    const node = stack.pop();
    const depth = depths.pop()!;
    nodes += 1;
    if (Array.isArray(node)) {
      if (depth < MAX_DEPTH) {
        for (let i = node.length - 1; i >= 0; i--) {
          stack.push(node[i]);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    if (!isObject(node)) continue;
    // A text object ({type: mrkdwn|plain_text, text}) or a rich-text run ({type: text, text}).
    add(pieces, text, typeof node.text === 'string' ? node.text : undefined);
    add(pieces, text, node.url);
    for (const key of CHILD_KEYS) {
      const child = node[key];
      if (depth < MAX_DEPTH && (Array.isArray(child) || isObject(child))) {
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
}
