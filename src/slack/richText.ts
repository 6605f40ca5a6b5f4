/**
 * Links inside Block Kit `rich_text` blocks. Slack clients send both `text` (in Slack markup) and
 * `blocks`; a message posted through the API or an app can carry a link in its blocks only, and
 * the core classifies text, so such links are added to the text in Slack's own link markup.
 */

/** Deepest nesting followed and most elements visited: a malformed payload cannot stall us. */
const MAX_DEPTH = 12;
const MAX_NODES = 5_000;

interface Walked {
  links: string[];
  texts: string[];
}

/**
 * URLs and words of Block Kit blocks, in document order: `link` and `text` elements of
 * `rich_text`, text objects (`mrkdwn`, `plain_text`) of sections, headers, fields and contexts,
 * and the URL of link buttons.
 */
export function walkBlocks(blocks: unknown): Walked {
  const out: Walked = { links: [], texts: [] };
  let budget = MAX_NODES;
  const visit = (node: unknown, depth: number): void => {
    if (budget-- <= 0 || depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.type === 'link' && typeof record.url === 'string') {
      out.links.push(record.url);
      if (typeof record.text === 'string') out.texts.push(record.text);
    } else if ((record.type === 'text' || record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') {
      out.texts.push(record.text);
    } else if (record.type === 'button' && typeof record.url === 'string') {
      out.links.push(record.url);
    }
    for (const key of ['elements', 'text', 'fields', 'accessory'] as const) {
      const child = record[key];
      if (child !== null && typeof child === 'object') visit(child, depth + 1);
    }
  };
  visit(blocks, 0);
  return out;
}

/** The links and words of `rich_text` blocks (and every other block's text). */
export const walkRichText = walkBlocks;

/**
 * The text to classify: the message's markup text, followed by `<url>` for every block link the
 * text does not already hold. When the text is empty, the blocks' words are used instead.
 */
export function textWithBlockLinks(text: string | undefined, blocks: unknown): string {
  const walked = walkRichText(blocks);
  let out = text ?? '';
  if (out.trim() === '' && walked.texts.length > 0) out = walked.texts.join(' ');
  const seen = new Set<string>();
  for (const url of walked.links) {
    if (seen.has(url)) continue;
    seen.add(url);
    // Slack escapes & as &amp; in `text` but not in blocks.
    if (out.includes(url) || out.includes(url.replaceAll('&', '&amp;'))) continue;
    out += `\n<${url}>`;
  }
  return out;
}
