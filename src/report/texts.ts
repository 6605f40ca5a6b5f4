/**
 * The report's words for people, in French and English (the configuration's `language`), and its
 * times: written on the window's clock, to the second, without milliseconds or ISO syntax.
 */
import { DateTime } from 'luxon';
import { formatInstant, type Language, type Verdict } from '../core/index.ts';
import type { ActionOutcome } from '../store/store.ts';
import type { Place } from './auditReport.ts';

export interface ReportTexts {
  /** ": " in English, " : " in French typography. */
  colon: string;
  title: string;
  window: string;
  from: string;
  to: string;
  incidentsRecorded: string;
  generated: string;
  timeline: (zone: string) => string;
  timelineCaption: (zone: string) => string;
  chartLabel: (zone: string, total: number, hours: number) => string;
  byVerdict: string;
  byAction: string;
  byChannel: string;
  failures: string;
  trail: string;
  verdictCol: string;
  incidentsCol: string;
  actionCol: string;
  outcomeCol: string;
  countCol: string;
  platformCol: string;
  workspaceCol: string;
  channelCol: string;
  postedAtCol: (zone: string) => string;
  messageCol: string;
  whyCol: string;
  hourCol: string;
  authorCol: string;
  leaksRulesCol: string;
  actionsCol: string;
  originCol: string;
  incidentCol: string;
  noAction: string;
  noIncident: string;
  noFailure: string;
  noBusyHour: string;
  verdict: Record<Verdict, string>;
  outcome: Record<ActionOutcome['outcome'], string>;
  origin: Record<'live' | 'sweep' | 'unknown', string>;
  hashKept: string;
  fingerprint: string;
  footer: string;
}

const EN: ReportTexts = {
  colon: ': ',
  title: 'Blackout audit',
  window: 'Window',
  from: 'from',
  to: 'to',
  incidentsRecorded: 'Incidents recorded',
  generated: 'Report generated',
  timeline: (zone) => `Hourly timeline (${zone})`,
  timelineCaption: (zone) => `Incidents per hour of the window, by verdict, on the window's clock (${zone}).`,
  chartLabel: (zone, total, hours) => `Incidents per hour (${zone}): ${total} in ${hours} hours`,
  byVerdict: 'By verdict',
  byAction: 'By action and outcome',
  byChannel: 'By channel',
  failures: 'Actions that failed or were skipped',
  trail: 'Every incident',
  verdictCol: 'Verdict',
  incidentsCol: 'Incidents',
  actionCol: 'Action',
  outcomeCol: 'Outcome',
  countCol: 'Count',
  platformCol: 'Platform',
  workspaceCol: 'Server / workspace',
  channelCol: 'Channel',
  postedAtCol: (zone) => `Posted (${zone})`,
  messageCol: 'Message',
  whyCol: 'Why',
  hourCol: 'Hour',
  authorCol: 'Author',
  leaksRulesCol: 'Leak sets and rules',
  actionsCol: 'Actions',
  originCol: 'Origin',
  incidentCol: 'Incident',
  noAction: 'No action taken.',
  noIncident: 'No incident.',
  noFailure: 'None: every action succeeded.',
  noBusyHour: 'No incident in any hour of the window.',
  verdict: { share: 'share', mention: 'mention', none: 'none' },
  outcome: { done: 'done', failed: 'failed', skipped: 'skipped' },
  origin: { live: 'live', sweep: 'sweep', unknown: '—' },
  hashKept: 'text hash kept',
  fingerprint: 'Fingerprint of the rules in force (SHA-256)',
  footer: 'Produced by blackout-guard from its incident records: identifiers, verdicts, rules and outcomes only; no message text is kept.',
};

const FR: ReportTexts = {
  colon: '\u00a0: ',
  title: 'Audit de la réserve électorale',
  window: 'Période',
  from: 'du',
  to: 'au',
  incidentsRecorded: 'Incidents enregistrés',
  generated: 'Rapport établi',
  timeline: (zone) => `Chronologie heure par heure (${zone})`,
  timelineCaption: (zone) => `Incidents par heure de la période, par verdict, à l'heure de la période (${zone}).`,
  chartLabel: (zone, total, hours) => `Incidents par heure (${zone}) : ${total} en ${hours} heures`,
  byVerdict: 'Par verdict',
  byAction: 'Par action et résultat',
  byChannel: 'Par salon',
  failures: 'Actions en échec ou non effectuées',
  trail: 'Tous les incidents',
  verdictCol: 'Verdict',
  incidentsCol: 'Incidents',
  actionCol: 'Action',
  outcomeCol: 'Résultat',
  countCol: 'Nombre',
  platformCol: 'Plateforme',
  workspaceCol: 'Serveur / espace',
  channelCol: 'Salon',
  postedAtCol: (zone) => `Publié (${zone})`,
  messageCol: 'Message',
  whyCol: 'Motif',
  hourCol: 'Heure',
  authorCol: 'Auteur',
  leaksRulesCol: 'Fuites et règles',
  actionsCol: 'Actions',
  originCol: 'Origine',
  incidentCol: 'Incident',
  noAction: 'Aucune action.',
  noIncident: 'Aucun incident.',
  noFailure: 'Aucune : toutes les actions ont abouti.',
  noBusyHour: 'Aucun incident pendant la période.',
  verdict: { share: 'partage', mention: 'mention', none: 'aucun' },
  outcome: { done: 'effectuée', failed: 'échec', skipped: 'non effectuée' },
  origin: { live: 'en direct', sweep: 'balayage', unknown: '—' },
  hashKept: 'empreinte du texte conservée',
  fingerprint: 'Empreinte des règles en vigueur (SHA-256)',
  footer: "Établi par blackout-guard à partir de ses enregistrements d'incidents : identifiants, verdicts, règles et résultats seulement ; aucun texte de message n'est conservé.",
};

/** The texts of `language`. */
export function reportTexts(language: Language): ReportTexts {
  return language === 'fr' ? FR : EN;
}

const LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** A long date for headings, e.g. "Sunday, 7 May 2017 at 20:00 CEST" / "dimanche 7 mai 2017 à 20:00 UTC+2". */
export function longTime(iso: string, zone: string, language: Language): string {
  return formatInstant(DateTime.fromISO(iso).toMillis(), zone, language);
}

/** A short date-time for tables, e.g. "06/05/2017 09:10:00" (the column names the zone). */
export function shortTime(iso: string, zone: string, language: Language): string {
  return DateTime.fromISO(iso, { zone }).setLocale(LOCALE[language]).toFormat('dd/MM/yyyy HH:mm:ss');
}

/** "name (id)" when the name is known, else the id. */
export function named(name: string | undefined, id: string): string {
  return name === undefined || name === id ? id : `${name} (${id})`;
}

/** The workspace and channel of a place, for a table cell. */
export function where(p: Place): { workspace: string; channel: string } {
  return { workspace: named(p.workspaceName, p.workspaceId), channel: named(p.channelName === undefined ? undefined : `#${p.channelName}`, p.channelId) };
}

/** One action and its outcome, e.g. "delete: failed (missing Manage Messages)". */
export function actionText(a: ActionOutcome, t: ReportTexts): string {
  return `${a.action}: ${t.outcome[a.outcome]}${a.detail ? ` (${a.detail})` : ''}`;
}
