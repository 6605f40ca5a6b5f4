/** Dates and durations written for people, in the window's zone and the reader's language. */
import { DateTime, Duration } from 'luxon';
import type { Language } from '../config/schema.ts';

const LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** e.g. "dimanche 7 mai 2017 à 20:00 UTC+2" / "Sunday 7 May 2017 at 20:00 GMT+2". */
export function formatInstant(ms: number, zone: string, language: Language): string {
  return DateTime.fromMillis(ms, { zone })
    .setLocale(LOCALE[language])
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

/** e.g. "1 jour, 3 heures" / "1 day, 3 hours" (rounded down to the minute). */
export function formatDuration(ms: number, language: Language): string {
  const d = Duration.fromMillis(Math.max(0, ms)).shiftTo('days', 'hours', 'minutes');
  const parts = (['days', 'hours', 'minutes'] as const)
    .map((unit) => [unit, Math.floor(d.get(unit))] as const)
    .filter(([, n]) => n > 0)
    .map(([unit, n]) => Duration.fromObject({ [unit]: n }, { locale: LOCALE[language] }).toHuman());
  return parts.length > 0 ? parts.join(', ') : Duration.fromObject({ minutes: 0 }, { locale: LOCALE[language] }).toHuman();
}
