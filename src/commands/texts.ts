/**
 * Every sentence the `/blackout` command answers with, in French and English. Handlers pick the
 * texts here and fill in data; they never put the checked text in a reply.
 */
import type { Language } from './context.ts';

export interface CommandTexts {
  refusedAdmin: (platform: 'discord' | 'slack') => string;
  storeDown: string;
  failed: string;
  statusTitle: string;
  statusInForce: (name: string, end: string, left: string) => string;
  statusNext: (name: string, start: string, left: string, end: string) => string;
  statusNone: string;
  statusLast: (name: string, end: string) => string;
  checkTitle: string;
  verdict: Record<'share' | 'mention' | 'none', string>;
  checkInBlackout: (names: string) => string;
  checkOutside: string;
  checkWouldAct: Record<'share' | 'mention' | 'none', string>;
  fieldLeaks: string;
  fieldRules: string;
  statementTitle: string;
  windowsTitle: string;
  windowsNone: string;
  windowLine: (id: string, name: string, start: string, end: string, zone: string, state: string) => string;
  windowState: Record<'open' | 'upcoming' | 'over', string>;
  windowAdded: (id: string, start: string, end: string) => string;
  windowReplaced: (id: string, start: string, end: string) => string;
  windowRemoved: (id: string) => string;
  windowUnknown: (id: string, known: string) => string;
  leaksTitle: string;
  leaksNone: string;
  leakKinds: Record<'urls' | 'domains' | 'sha256' | 'fileNames' | 'infohashes' | 'keywords' | 'hashtags' | 'documents', string>;
  leakAdded: (kind: string, value: string, leak: string) => string;
  leakAlready: (kind: string, value: string, leak: string) => string;
  leakSetUnknown: (id: string, known: string) => string;
  leakSetNone: string;
  invalidChange: string;
  reportTitle: (name: string) => string;
  reportNoWindow: string;
  reportEmpty: string;
  reportSummary: (count: number, start: string, end: string) => string;
  fieldByVerdict: string;
  fieldByAction: string;
  fieldByChannel: string;
  fieldFailures: string;
  outcome: Record<'done' | 'failed' | 'skipped', string>;
  missingOption: (name: string) => string;
  none: string;
  sweepStarted: (where: string, since: string) => string;
  sweepEverywhere: string;
  sweepUnavailable: string;
  sweepBadSince: (value: string) => string;
  sweepStatus: (id: string, done: number, running: number, scanned: number, found: number, removed: number) => string;
}

export const TEXTS: Record<Language, CommandTexts> = {
  en: {
    refusedAdmin: (platform) =>
      platform === 'discord'
        ? 'Only members with the Manage Server permission can use this. Nothing was changed.'
        : 'Only workspace admins and owners (or the configured admin group) can use this. Nothing was changed.',
    storeDown: 'The change could not be saved right now (storage unavailable). Nothing was changed; please try again.',
    failed: 'Something went wrong while answering. Nothing was changed; please try again.',
    statusTitle: 'Election blackout',
    statusInForce: (name, end, left) => `🔒 The blackout "${name}" is in force until ${end} (${left} left).`,
    statusNext: (name, start, left, end) => `⏳ Next blackout: "${name}", from ${start} (in ${left}) until ${end}.`,
    statusNone: 'No blackout window is in force or planned.',
    statusLast: (name, end) => `The last one, "${name}", ended on ${end}.`,
    checkTitle: 'Dry run (nothing was posted, stored or logged)',
    verdict: {
      share: 'Verdict: shares leaked material.',
      mention: 'Verdict: mentions a leak but carries no leaked material.',
      none: 'Verdict: nothing to flag.',
    },
    checkInBlackout: (names) => `A blackout is in force now (${names}).`,
    checkOutside: 'No blackout is in force now.',
    checkWouldAct: {
      share: 'Inside a blackout window such a message is deleted, its author warned and moderators alerted.',
      mention: 'Discussing the news is allowed: such a message is left alone.',
      none: 'Such a message is left alone.',
    },
    fieldLeaks: 'Leak sets',
    fieldRules: 'Rules that matched',
    statementTitle: 'Statement of the electoral commission (6 May 2017)',
    windowsTitle: 'Blackout windows',
    windowsNone: 'No blackout window is configured.',
    windowLine: (id, name, start, end, zone, state) => `• ${name} (\`${id}\`, ${state}): ${start} → ${end} [${zone}]`,
    windowState: { open: 'in force', upcoming: 'upcoming', over: 'over' },
    windowAdded: (id, start, end) => `Window \`${id}\` added: ${start} → ${end}. It applies now.`,
    windowReplaced: (id, start, end) => `Window \`${id}\` replaced: ${start} → ${end}. It applies now.`,
    windowRemoved: (id) => `Window \`${id}\` removed. It no longer applies.`,
    windowUnknown: (id, known) => `There is no window \`${id}\`. Known windows: ${known}.`,
    leaksTitle: 'Leak sets',
    leaksNone: 'No leak set is configured.',
    leakKinds: {
      urls: 'links',
      domains: 'domains',
      sha256: 'file hashes',
      fileNames: 'file names',
      infohashes: 'torrents',
      keywords: 'keywords',
      hashtags: 'hashtags',
      documents: 'documents',
    },
    leakAdded: (kind, value, leak) => `Added to \`${leak}\` (${kind}): ${value}. It applies now.`,
    leakAlready: (kind, value, leak) => `\`${leak}\` already lists ${value} (${kind}). Nothing changed.`,
    leakSetUnknown: (id, known) => `There is no leak set \`${id}\`. Known leak sets: ${known}.`,
    leakSetNone: 'No leak set is configured: add one to the configuration file first.',
    invalidChange: 'This change was refused, nothing was saved:',
    reportTitle: (name) => `Report: ${name}`,
    reportNoWindow: 'There is no current or past blackout window to report on.',
    sweepStarted: (where, since) => `🧹 Sweeping ${where} for messages posted since ${since}. The moderators' channel gets the digest when it is done.`,
    sweepEverywhere: 'every channel',
    sweepUnavailable: 'Sweeps are not available here (no platform connection in this process).',
    sweepBadSince: (value) => `"${value}" is not a duration such as 6h or 2d.`,
    sweepStatus: (id, done, running, scanned, found, removed) =>
      `🧹 Sweep ${id}: ${done} channel(s) done${running > 0 ? `, ${running} running` : ''}; ${scanned} messages examined, ${found} found, ${removed} removed.`,
    reportEmpty: 'No incident was recorded in this window.',
    reportSummary: (count, start, end) => `${count} incident(s) recorded between ${start} and ${end}.`,
    fieldByVerdict: 'By verdict',
    fieldByAction: 'By action',
    fieldByChannel: 'By channel',
    fieldFailures: 'Failed actions',
    outcome: { done: 'done', failed: 'failed', skipped: 'skipped' },
    missingOption: (name) => `Missing option: ${name}.`,
    none: 'none',
  },
  fr: {
    refusedAdmin: (platform) =>
      platform === 'discord'
        ? 'Seuls les membres ayant la permission « Gérer le serveur » peuvent utiliser cette commande. Rien n’a été modifié.'
        : 'Seuls les administrateurs et propriétaires de l’espace de travail (ou le groupe d’administration configuré) peuvent utiliser cette commande. Rien n’a été modifié.',
    storeDown: 'La modification n’a pas pu être enregistrée (stockage indisponible). Rien n’a été modifié ; réessayez.',
    failed: 'Une erreur est survenue. Rien n’a été modifié ; réessayez.',
    statusTitle: 'Réserve électorale',
    statusInForce: (name, end, left) => `🔒 La période de réserve « ${name} » est en vigueur jusqu’au ${end} (encore ${left}).`,
    statusNext: (name, start, left, end) => `⏳ Prochaine période de réserve : « ${name} », du ${start} (dans ${left}) au ${end}.`,
    statusNone: 'Aucune période de réserve n’est en cours ni prévue.',
    statusLast: (name, end) => `La dernière, « ${name} », s’est terminée le ${end}.`,
    checkTitle: 'Essai (rien n’a été publié, enregistré ni journalisé)',
    verdict: {
      share: 'Verdict : relaie des documents divulgués.',
      mention: 'Verdict : évoque une fuite sans en relayer le contenu.',
      none: 'Verdict : rien à signaler.',
    },
    checkInBlackout: (names) => `Une période de réserve est en vigueur (${names}).`,
    checkOutside: 'Aucune période de réserve n’est en vigueur.',
    checkWouldAct: {
      share: 'Pendant la réserve, un tel message est supprimé, son auteur averti et les modérateurs alertés.',
      mention: 'Parler de l’actualité reste permis : un tel message n’est pas touché.',
      none: 'Un tel message n’est pas touché.',
    },
    fieldLeaks: 'Fuites',
    fieldRules: 'Règles reconnues',
    statementTitle: 'Déclaration de la commission électorale (6 mai 2017)',
    windowsTitle: 'Périodes de réserve',
    windowsNone: 'Aucune période de réserve n’est configurée.',
    windowLine: (id, name, start, end, zone, state) => `• ${name} (\`${id}\`, ${state}) : ${start} → ${end} [${zone}]`,
    windowState: { open: 'en vigueur', upcoming: 'à venir', over: 'terminée' },
    windowAdded: (id, start, end) => `Période \`${id}\` ajoutée : ${start} → ${end}. Elle s’applique dès maintenant.`,
    windowReplaced: (id, start, end) => `Période \`${id}\` remplacée : ${start} → ${end}. Elle s’applique dès maintenant.`,
    windowRemoved: (id) => `Période \`${id}\` retirée. Elle ne s’applique plus.`,
    windowUnknown: (id, known) => `Aucune période \`${id}\`. Périodes connues : ${known}.`,
    leaksTitle: 'Fuites surveillées',
    leaksNone: 'Aucune fuite n’est configurée.',
    leakKinds: {
      urls: 'liens',
      domains: 'domaines',
      sha256: 'empreintes de fichiers',
      fileNames: 'noms de fichiers',
      infohashes: 'torrents',
      keywords: 'mots-clés',
      hashtags: 'hashtags',
      documents: 'documents',
    },
    leakAdded: (kind, value, leak) => `Ajouté à \`${leak}\` (${kind}) : ${value}. S’applique dès maintenant.`,
    leakAlready: (kind, value, leak) => `\`${leak}\` contient déjà ${value} (${kind}). Rien n’a changé.`,
    leakSetUnknown: (id, known) => `Aucune fuite \`${id}\`. Fuites connues : ${known}.`,
    leakSetNone: 'Aucune fuite n’est configurée : ajoutez-en une dans le fichier de configuration.',
    invalidChange: 'Modification refusée, rien n’a été enregistré :',
    reportTitle: (name) => `Rapport : ${name}`,
    reportNoWindow: 'Aucune période de réserve en cours ou passée sur laquelle faire un rapport.',
    sweepStarted: (where, since) => `🧹 Balayage de ${where} pour les messages publiés depuis le ${since}. Le salon des modérateurs recevra le bilan à la fin.`,
    sweepEverywhere: 'tous les salons',
    sweepUnavailable: 'Le balayage n’est pas disponible ici (aucune connexion à une plateforme dans ce processus).',
    sweepBadSince: (value) => `« ${value} » n’est pas une durée comme 6h ou 2d.`,
    sweepStatus: (id, done, running, scanned, found, removed) =>
      `🧹 Balayage ${id} : ${done} salon(s) terminé(s)${running > 0 ? `, ${running} en cours` : ''} ; ${scanned} messages examinés, ${found} trouvé(s), ${removed} retiré(s).`,
    reportEmpty: 'Aucun incident enregistré pendant cette période.',
    reportSummary: (count, start, end) => `${count} incident(s) enregistré(s) entre le ${start} et le ${end}.`,
    fieldByVerdict: 'Par verdict',
    fieldByAction: 'Par action',
    fieldByChannel: 'Par salon',
    fieldFailures: 'Actions en échec',
    outcome: { done: 'fait', failed: 'échec', skipped: 'ignoré' },
    missingOption: (name) => `Option manquante : ${name}.`,
    none: 'aucune',
  },
};
