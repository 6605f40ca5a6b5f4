/**
 * What a sweep says: one notice per channel where it removed messages (citing the commission's
 * statement, never quoting the material nor naming the authors of old messages), and one digest
 * for the moderators per sweep.
 */
import type { Config, Language } from '../config/schema.ts';
import { COMMISSION_NAME, COMMISSION_STATEMENT } from '../statement.ts';
import type { BlackoutWindow } from '../windows.ts';
import { formatInstant } from './format.ts';
import type { Warning } from './warning.ts';

export interface SweepNoticeInput {
  language: Language;
  /** Messages removed from this channel by the sweep. */
  removed: number;
  window: BlackoutWindow;
  /** End of the blackout in force (may be later than the window's own end). */
  endMs?: number;
}

const NOTICE: Record<Language, { title: string; quote: (s: string) => string; body: (n: number, window: string, end: string) => string }> = {
  fr: {
    title: 'Période de réserve électorale',
    quote: (s) => `« ${s} »`,
    body: (n, window, end) =>
      `${n === 1 ? '1 message relayant' : `${n} messages relayant`} des documents issus d’une fuite ` +
      `${n === 1 ? 'a été retiré' : 'ont été retirés'} de ce salon pour la période de réserve électorale (${window}), ` +
      `qui prend fin le ${end}.`,
  },
  en: {
    title: 'Election blackout in force',
    quote: (s) => `“${s}”`,
    body: (n, window, end) =>
      `${n === 1 ? '1 message sharing' : `${n} messages sharing`} leaked material ` +
      `${n === 1 ? 'was' : 'were'} removed from this channel for the election blackout (${window}), which ends on ${end}.`,
  },
};

/** The one notice a channel gets after a sweep removed messages from it. */
export function renderSweepNotice(config: Pick<Config, 'warnings'>, input: SweepNoticeInput): Warning {
  const statement = config.warnings[input.language]?.statement ?? COMMISSION_STATEMENT[input.language];
  const endsAt = formatInstant(input.endMs ?? input.window.endMs, input.window.zone, input.language);
  const text = NOTICE[input.language];
  return {
    title: config.warnings[input.language]?.title ?? text.title,
    body: `${text.body(input.removed, input.window.name, endsAt)}\n\n${text.quote(statement)}\n— ${COMMISSION_NAME[input.language]}`,
    statement,
    endsAt,
  };
}

export interface SweepDigestChannel {
  /** How the platform names the channel for people (`<#123>`, `#general`). */
  channel: string;
  found: number;
  removed: number;
  /** Links to messages that could not be removed (no permission), for a moderator to act on. */
  leftUp: string[];
}

export interface SweepDigestInput {
  language: Language;
  /** Why the sweep ran, already written for people (`window fr-2017 opened`). */
  reason: string;
  scanned: number;
  channels: SweepDigestChannel[];
  /** Rules matched, described for people (`link to pastebin.com/abc`), never message text. */
  rules: string[];
}

const DIGEST: Record<Language, { title: string; line: (c: SweepDigestChannel) => string; head: (i: SweepDigestInput) => string; rules: string; leftUp: string }> = {
  fr: {
    title: 'Balayage terminé',
    head: (i) => `Balayage (${i.reason}) : ${i.scanned} messages examinés.`,
    line: (c) => `• ${c.channel} : ${c.found} trouvé(s), ${c.removed} retiré(s)`,
    rules: 'Règles en cause',
    leftUp: 'Restés en ligne (suppression non permise)',
  },
  en: {
    title: 'Sweep finished',
    head: (i) => `Sweep (${i.reason}): ${i.scanned} messages examined.`,
    line: (c) => `• ${c.channel}: ${c.found} found, ${c.removed} removed`,
    rules: 'Rules matched',
    leftUp: 'Left up (deletion not allowed)',
  },
};

/** The moderators' digest of one sweep: per channel counts, rules, links to what is left up. */
export function renderSweepDigest(input: SweepDigestInput): { title: string; body: string } {
  const t = DIGEST[input.language];
  const lines = [t.head(input), ...input.channels.map(t.line)];
  if (input.rules.length > 0) lines.push('', `${t.rules}: ${input.rules.slice(0, 20).join(', ')}${input.rules.length > 20 ? ', …' : ''}`);
  const leftUp = input.channels.flatMap((c) => c.leftUp);
  if (leftUp.length > 0) lines.push('', `${t.leftUp}:`, ...leftUp.slice(0, 50).map((l) => `• ${l}`));
  return { title: t.title, body: lines.join('\n') };
}
