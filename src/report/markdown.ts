/** The audit report as Markdown (for a ticket, a wiki page or an e-mail). */
import type { AuditReport } from './auditReport.ts';

/** Escapes table-breaking characters in a cell. */
const cell = (value: string | number): string => String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const table = (head: string[], rows: (string | number)[][]): string =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

export function renderMarkdown(report: AuditReport): string {
  const w = report.window;
  const busy = report.timeline.filter((h) => h.byVerdict.share + h.byVerdict.mention + h.byVerdict.none > 0);
  return [
    `# Blackout audit: ${w.name}`,
    '',
    `- Window: \`${w.id}\`, ${w.start} to ${w.end} (${w.zone})`,
    `- Report generated: ${report.generatedAt}`,
    `- Incidents recorded: ${report.incidents}`,
    '',
    '## By verdict',
    '',
    table(['Verdict', 'Incidents'], Object.entries(report.byVerdict).map(([v, n]) => [v, n])),
    '',
    '## By action and outcome',
    '',
    report.byAction.length > 0 ? table(['Action', 'Outcome', 'Count'], report.byAction.map((a) => [a.action, a.outcome, a.count])) : '_No action taken._',
    '',
    '## By channel',
    '',
    report.byChannel.length > 0
      ? table(
          ['Platform', 'Workspace', 'Channel', 'Incidents', 'Share', 'Mention'],
          report.byChannel.map((c) => [c.platform, c.workspaceId, c.channelId, c.incidents, c.byVerdict.share, c.byVerdict.mention]),
        )
      : '_No incident._',
    '',
    '## Actions that failed or were skipped',
    '',
    report.failures.length > 0
      ? table(
          ['Posted at', 'Platform', 'Channel', 'Message', 'Action', 'Outcome', 'Why'],
          report.failures.map((f) => [f.at, f.platform, f.channelId, f.messageId, f.action, f.outcome, f.detail]),
        )
      : '_None: every action succeeded._',
    '',
    `## Hourly timeline (${w.zone})`,
    '',
    busy.length > 0
      ? table(['Hour', 'Share', 'Mention', 'None'], busy.map((h) => [h.label, h.byVerdict.share, h.byVerdict.mention, h.byVerdict.none]))
      : '_No incident in any hour of the window._',
    '',
  ].join('\n');
}
