/** The audit report as Markdown (for a ticket, a wiki page or an e-mail): the summary, then every incident. */
import type { Verdict } from '../core/index.ts';
import type { AuditReport } from './auditReport.ts';
import { actionText, longTime, reportTexts, shortTime, where } from './texts.ts';

/** Escapes table-breaking characters in a cell. */
const cell = (value: string | number): string => String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const table = (head: string[], rows: (string | number)[][]): string =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

export function renderMarkdown(report: AuditReport): string {
  const w = report.window;
  const t = reportTexts(report.language);
  const short = (iso: string): string => shortTime(iso, w.zone, report.language);
  const busy = report.timeline.filter((h) => h.byVerdict.share + h.byVerdict.mention + h.byVerdict.none > 0);
  return [
    `# ${t.title}${t.colon}${w.name}`,
    '',
    `- ${t.window}${t.colon}\`${w.id}\`, ${t.from} ${longTime(w.start, w.zone, report.language)} ${t.to} ${longTime(w.end, w.zone, report.language)} (${w.zone})`,
    `- ${t.generated}${t.colon}${longTime(report.generatedAt, w.zone, report.language)}`,
    `- ${t.incidentsRecorded}${t.colon}${report.incidents}`,
    ...(report.configFingerprint !== null ? [`- ${t.fingerprint}${t.colon}\`${report.configFingerprint}\``] : []),
    '',
    `## ${t.byVerdict}`,
    '',
    table([t.verdictCol, t.incidentsCol], (Object.entries(report.byVerdict) as [Verdict, number][]).map(([v, n]) => [t.verdict[v], n])),
    '',
    `## ${t.byAction}`,
    '',
    report.byAction.length > 0 ? table([t.actionCol, t.outcomeCol, t.countCol], report.byAction.map((a) => [a.action, a.outcome, a.count])) : `_${t.noAction}_`,
    '',
    `## ${t.byChannel}`,
    '',
    report.byChannel.length > 0
      ? table(
          [t.platformCol, t.workspaceCol, t.channelCol, t.incidentsCol, t.verdict.share, t.verdict.mention],
          report.byChannel.map((c) => [c.platform, where(c).workspace, where(c).channel, c.incidents, c.byVerdict.share, c.byVerdict.mention]),
        )
      : `_${t.noIncident}_`,
    '',
    `## ${t.failures}`,
    '',
    report.failures.length > 0
      ? table(
          [t.postedAtCol(w.zone), t.platformCol, t.channelCol, t.messageCol, t.actionCol, t.outcomeCol, t.whyCol],
          report.failures.map((f) => [short(f.at), f.platform, where(f).channel, f.messageId, f.action, f.outcome, f.detail]),
        )
      : `_${t.noFailure}_`,
    '',
    `## ${t.timeline(w.zone)}`,
    '',
    busy.length > 0
      ? table([t.hourCol, t.verdict.share, t.verdict.mention, t.verdict.none], busy.map((h) => [h.label, h.byVerdict.share, h.byVerdict.mention, h.byVerdict.none]))
      : `_${t.noBusyHour}_`,
    '',
    `## ${t.trail}`,
    '',
    report.trail.length > 0
      ? table(
          [t.postedAtCol(w.zone), t.platformCol, t.workspaceCol, t.channelCol, t.authorCol, t.verdictCol, t.leaksRulesCol, t.actionsCol, t.originCol, t.incidentCol],
          report.trail.map((i) => [
            short(i.at),
            i.platform,
            where(i).workspace,
            where(i).channel,
            i.authorId,
            t.verdict[i.verdict],
            [...i.leaks, ...i.rules.map((r) => `\`${r.replace(/`/g, "'")}\``)].join(', '),
            i.actions.map((a) => actionText(a, t)).join('; '),
            t.origin[i.origin ?? 'unknown'],
            `${i.id} (${t.messageCol.toLowerCase()} ${i.messageId})`,
          ]),
        )
      : `_${t.noIncident}_`,
    '',
  ].join('\n');
}
