/**
 * What the bot posts, as Discord message payloads: the warning in the channel, the moderators'
 * alert and command replies. None of them ever quotes the flagged material: they carry the
 * configured texts, ids rendered as mentions, and rules from the configuration.
 */
import { EmbedBuilder, type APIEmbed, type APIAllowedMentions } from 'discord.js';
import type { Language, Warning } from '../core/index.ts';
import type { ModeratorAlert } from '../platform/index.ts';
import { messageLink } from './webOrigin.ts';
import type { ActionOutcome } from '../store/store.ts';

const COLORS = { warning: 0xe67e22, reminder: 0x3498db, alert: 0xc0392b, reply: 0x5865f2 } as const;

const LABELS: Record<Language, Record<string, string>> = {
  fr: {
    statement: 'Déclaration de la Commission',
    ends: 'Fin de la période de réserve',
    alertTitle: 'Partage d’un document divulgué',
    mentionTitle: 'Mention d’une fuite',
    channel: 'Salon',
    author: 'Auteur',
    rules: 'Règles déclenchées',
    window: 'Période',
    deletion: 'Suppression',
    message: 'Message',
    edited: 'modifié',
    done: 'message supprimé',
    skipped: 'non supprimé',
    failed: 'échec de la suppression',
    notAttempted: 'non demandée',
    thread: 'dans',
  },
  en: {
    statement: 'Statement of the Commission',
    ends: 'Blackout ends',
    alertTitle: 'Leaked material shared',
    mentionTitle: 'Leak mentioned',
    channel: 'Channel',
    author: 'Author',
    rules: 'Rules matched',
    window: 'Window',
    deletion: 'Deletion',
    message: 'Message',
    edited: 'edited',
    done: 'message deleted',
    skipped: 'not deleted',
    failed: 'deletion failed',
    notAttempted: 'not requested',
    thread: 'in',
  },
};

/** The body of a POST /channels/{id}/messages, in Discord's JSON. */
export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: APIAllowedMentions;
}

/** Discord's limits on embed text. */
const MAX_DESCRIPTION = 4096;
const MAX_FIELD = 1024;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The warning (or gentle reminder) posted in the message's channel. The content mentions the
 * author, so that they are notified (a mention inside an embed does not notify); only that
 * user may be pinged.
 */
export function warningPayload(warning: Warning, authorId: string, kind: 'warning' | 'reminder', language: Language): MessagePayload {
  const labels = LABELS[language];
  const embed = new EmbedBuilder()
    .setTitle(cut(warning.title, 256))
    .setDescription(cut(warning.body, MAX_DESCRIPTION))
    .setColor(COLORS[kind]);
  // A custom template may leave the statement or the end out of the body: they are always shown.
  if (kind === 'warning' && !warning.body.includes(warning.statement)) {
    embed.addFields({ name: labels.statement!, value: cut(warning.statement, MAX_FIELD) });
  }
  if (!warning.body.includes(warning.endsAt)) embed.addFields({ name: labels.ends!, value: cut(warning.endsAt, MAX_FIELD) });
  return { content: `<@${authorId}>`, embeds: [embed.toJSON()], allowed_mentions: { parse: [], users: [authorId] } };
}

/** A sweep's notice in a channel: the warning's embed, mentioning nobody (old messages' authors are not pinged). */
export function noticePayload(notice: Warning, language: Language): MessagePayload {
  const embed = new EmbedBuilder().setTitle(cut(notice.title, 256)).setDescription(cut(notice.body, MAX_DESCRIPTION)).setColor(COLORS.warning);
  if (!notice.body.includes(notice.endsAt)) embed.addFields({ name: LABELS[language].ends!, value: cut(notice.endsAt, MAX_FIELD) });
  return { embeds: [embed.toJSON()], allowed_mentions: { parse: [] } };
}

/**
 * The moderators' alert: where, who, which configured rules matched, the window, and what became
 * of the deletion. Mentions are rendered but notify nobody.
 */
/** The moderators' alert; its message link points at `webOrigin` (see webOrigin.ts). */
export function alertPayload(alert: ModeratorAlert, webOrigin = 'https://discord.com'): MessagePayload {
  const labels = LABELS[alert.language];
  const { message } = alert;
  const where = message.parentChannelId !== undefined
    ? `<#${message.channelId}> ${labels.thread} <#${message.parentChannelId}>`
    : `<#${message.channelId}>`;
  const rules = alert.rules.length > 0 ? [...new Set(alert.rules)].map((r) => `• ${r}`).join('\n') : '—';
  const embed = new EmbedBuilder()
    .setTitle(alert.classification.verdict === 'share' ? labels.alertTitle! : labels.mentionTitle!)
    .setColor(COLORS.alert)
    .addFields(
      { name: labels.channel!, value: where, inline: true },
      { name: labels.author!, value: `<@${message.authorId}> (${message.authorId})`, inline: true },
      { name: labels.rules!, value: cut(rules, MAX_FIELD) },
    )
    .setTimestamp(message.atMs);
  if (alert.window) embed.addFields({ name: labels.window!, value: cut(alert.window.name, MAX_FIELD), inline: true });
  embed.addFields({ name: labels.deletion!, value: describeDeletion(alert.deletion, labels), inline: true });
  embed.addFields({
    name: labels.message!,
    value: `${messageLink(webOrigin, message.workspaceId, message.channelId, message.messageId)}${message.edited ? ` (${labels.edited})` : ''}`,
  });
  return { embeds: [embed.toJSON()], allowed_mentions: { parse: [] } };
}

function describeDeletion(deletion: ActionOutcome | undefined, labels: Record<string, string>): string {
  if (!deletion) return labels.notAttempted!;
  const base = labels[deletion.outcome]!;
  return deletion.detail && deletion.outcome !== 'done' ? `${base} (${deletion.detail})` : base;
}

/** A command's reply as an embed. */
export function replyEmbed(reply: { title?: string; text: string; fields?: { name: string; value: string; inline?: boolean }[] }): APIEmbed {
  const embed = new EmbedBuilder().setColor(COLORS.reply).setDescription(cut(reply.text || '—', MAX_DESCRIPTION));
  if (reply.title) embed.setTitle(cut(reply.title, 256));
  for (const f of (reply.fields ?? []).slice(0, 25)) {
    embed.addFields({ name: cut(f.name || '—', 256), value: cut(f.value || '—', MAX_FIELD), ...(f.inline !== undefined && { inline: f.inline }) });
  }
  return embed.toJSON();
}
