/** Texts of the scheduled reminders: before a window opens, when it opens, when it closes. */
import type { Language } from '../config/schema.ts';
import { COMMISSION_STATEMENT } from '../statement.ts';
import type { BlackoutWindow } from '../windows.ts';
import { formatDuration, formatInstant } from './format.ts';

export type ReminderKind = 'before' | 'open' | 'close';

/** Text of a reminder; `leadMs` is how long before the opening a `before` reminder fires. */
export function renderReminder(kind: ReminderKind, window: BlackoutWindow, language: Language, leadMs = 0): string {
  const start = formatInstant(window.startMs, window.zone, language);
  const end = formatInstant(window.endMs, window.zone, language);
  const fr = language === 'fr';
  switch (kind) {
    case 'before':
      return fr
        ? `⏳ La période de réserve électorale « ${window.name} » commence dans ${formatDuration(leadMs, language)}, le ${start}, et dure jusqu’au ${end}. Pendant cette période, ne republiez pas de documents divulgués.`
        : `⏳ The election blackout "${window.name}" begins in ${formatDuration(leadMs, language)}, on ${start}, and lasts until ${end}. During it, do not republish leaked documents.`;
    case 'open':
      return fr
        ? `🔒 La période de réserve électorale « ${window.name} » est en vigueur jusqu’au ${end}. « ${COMMISSION_STATEMENT.fr} »`
        : `🔒 The election blackout "${window.name}" is now in force until ${end}. “${COMMISSION_STATEMENT.en}”`;
    case 'close':
      return fr
        ? `🔓 La période de réserve électorale « ${window.name} » est terminée (${end}).`
        : `🔓 The election blackout "${window.name}" is over (${end}).`;
  }
}
