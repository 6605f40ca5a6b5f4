/**
 * The audit report as CSV (RFC 4180), one tidy table for a spreadsheet: each row is a count
 * (`section`, `label`, `outcome`, `count`) or a failed action (`section` = failure, with `detail`).
 */
import type { AuditReport } from './auditReport.ts';

/** Quotes a field; a leading =, +, - or @ is defused so that a spreadsheet never runs it as a formula. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const HEAD = ['window', 'section', 'label', 'outcome', 'count', 'at', 'platform', 'workspace', 'channel', 'message', 'detail'];

export function renderCsv(report: AuditReport): string {
  const w = report.window.id;
  const rows: (string | number)[][] = [HEAD];
  const count = (section: string, label: string, outcome: string, n: number, extra: Partial<Record<'platform' | 'workspace' | 'channel' | 'at', string>> = {}) =>
    rows.push([w, section, label, outcome, n, extra.at ?? '', extra.platform ?? '', extra.workspace ?? '', extra.channel ?? '', '', '']);
  count('total', 'incidents', '', report.incidents);
  for (const [verdict, n] of Object.entries(report.byVerdict)) count('verdict', verdict, '', n);
  for (const a of report.byAction) count('action', a.action, a.outcome, a.count);
  for (const c of report.byChannel) count('channel', c.channelId, '', c.incidents, { platform: c.platform, workspace: c.workspaceId, channel: c.channelId });
  for (const h of report.timeline) count('hour', h.label, '', h.byVerdict.share + h.byVerdict.mention + h.byVerdict.none, { at: h.start });
  for (const f of report.failures) rows.push([w, 'failure', f.action, f.outcome, 1, f.at, f.platform, f.workspaceId, f.channelId, f.messageId, f.detail]);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
