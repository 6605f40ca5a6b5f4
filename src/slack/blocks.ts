/**
 * Block Kit for everything the app posts: the threaded warning, the moderators' alert and the
 * `/blackout` replies. Configuration text is escaped for mrkdwn; only the mentions we put in
 * (`<@U…>`, `<#C…>`) stay live. Nothing here ever quotes the flagged message.
 */
import type { types } from '@slack/bolt';
import { fill, type Language, type Warning } from '../core/index.ts';
import type { ActionOutcome } from '../store/store.ts';
import { SLACK_TEXTS } from './texts.ts';

export type KnownBlock = types.KnownBlock;

/** Block Kit limits: header text 150 characters, section text 3000, a field 2000, 10 fields. */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_MAX = 10;

/** Escapes `&`, `<`, `>` for mrkdwn (Slack's rule), leaving mentions `<@…>`, `<#…>`, `<!…>` live. */
export function escapeMrkdwn(text: string): string {
  return text
    .split(/(<[@#!][A-Za-z0-9^|_.-]+>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')))
    .join('');
}

/** Cuts `text` to `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: clip(text, HEADER_MAX), emoji: true } });
const section = (mrkdwn: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, SECTION_MAX) } });

/** The warning: the core's title and body (mention, statement, end of the blackout). */
export function warningBlocks(warning: Warning): KnownBlock[] {
  return [header(warning.title), section(escapeMrkdwn(warning.body))];
}

/** Plain-text fallback of the warning (notifications, screen readers). */
export function warningText(warning: Warning): string {
  return clip(escapeMrkdwn(`${warning.title}: ${warning.body}`), 4000);
}

export interface AlertView {
  language: Language;
  authorId: string;
  channelId: string;
  edited: boolean;
  /** Names of the leak sets recognised. */
  leaks: string[];
  /** The configured rules that matched, described for people. */
  rules: string[];
  windowName?: string;
  deletion?: ActionOutcome;
  permalink?: string;
}

/** The moderators' alert: who, where, which leak and rules, what became of the deletion, a link. */
export function alertBlocks(view: AlertView): KnownBlock[] {
  const t = SLACK_TEXTS[view.language];
  const intro = fill(t.alertIntro, { author: `<@${view.authorId}>`, channel: `<#${view.channelId}>` }) + (view.edited ? t.edited : '');
  const fields: string[] = [];
  if (view.leaks.length > 0) fields.push(`*${t.leaks}*\n${escapeMrkdwn(view.leaks.join(', '))}`);
  if (view.windowName !== undefined) fields.push(`*${t.window}*\n${escapeMrkdwn(view.windowName)}`);
  if (view.deletion) fields.push(`*${t.deletion}*\n${escapeMrkdwn(deletionText(view.language, view.deletion))}`);
  // Rules are configuration values; shown as code so Slack neither links nor unfurls them.
  if (view.rules.length > 0) fields.push(`*${t.rules}*\n${view.rules.map((r) => `\`${r.replaceAll('`', "'")}\``).join('\n')}`);
  const blocks: KnownBlock[] = [header(t.alertTitle), section(intro)];
  if (fields.length > 0) {
    blocks.push({ type: 'section', fields: fields.slice(0, FIELDS_MAX).map((f) => ({ type: 'mrkdwn', text: clip(f, FIELD_MAX) })) });
  }
  // A plain link, not a button: a button would need interactivity enabled for its click.
  if (view.permalink !== undefined) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${view.permalink}|${t.viewMessage}>` }] });
  }
  return blocks;
}

/** Plain-text fallback of the alert. */
export function alertText(view: AlertView): string {
  const t = SLACK_TEXTS[view.language];
  return `${t.alertTitle}: ${fill(t.alertIntro, { author: `<@${view.authorId}>`, channel: `<#${view.channelId}>` })}`;
}

function deletionText(language: Language, outcome: ActionOutcome): string {
  const t = SLACK_TEXTS[language];
  const detail = outcome.detail ?? '';
  if (outcome.outcome === 'done') return t.deletionDone;
  return fill(outcome.outcome === 'skipped' ? t.deletionSkipped : t.deletionFailed, { detail });
}

/** A `/blackout` reply as Block Kit. */
export interface ReplyView {
  title?: string;
  text: string;
  fields?: readonly { name: string; value: string }[];
}

/** Blocks of a command reply: header, text (split over sections when long), fields. */
export function replyBlocks(reply: ReplyView): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (reply.title) blocks.push(header(reply.title));
  for (const chunk of chunks(escapeMrkdwn(reply.text), SECTION_MAX)) blocks.push(section(chunk));
  const fields = reply.fields ?? [];
  for (let i = 0; i < fields.length; i += FIELDS_MAX) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + FIELDS_MAX).map((f) => ({ type: 'mrkdwn', text: clip(`*${escapeMrkdwn(f.name)}*\n${escapeMrkdwn(f.value)}`, FIELD_MAX) })),
    });
  }
  // Slack accepts at most 50 blocks in a message.
  return blocks.slice(0, 50);
}

/** Splits text at line ends into pieces of at most `max` characters. */
function chunks(text: string, max: number): string[] {
  if (text.trim() === '') return [];
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) cut = max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.trim() !== '') out.push(rest);
  return out;
}
