/**
 * The audit report as CSV (RFC 4180), one tidy table for a spreadsheet: each row is a count
 * (`section`, `label`, `outcome`, `count`), a failed action (`section` = failure, with `detail`)
 * or an incident of the trail (`section` = incident, one row per incident, with its author,
 * verdict, leak sets, rules, actions and origin). Times are ISO in the window's zone.
 */
import type { AuditReport } from './auditReport.ts';

/** Quotes a field; a leading =, +, - or @ is defused so that a spreadsheet never runs it as a formula. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEAD = [
  'window',
  'section',
  'label',
  'outcome',
  'count',
  'at',
  'platform',
  'workspace',
  'channel',
  'message',
  'detail',
  'incident',
  'author',
  'verdict',
  'leaks',
  'rules',
  'actions',
  'origin',
  'workspace_name',
  'channel_name',
] as const;

type Row = Partial<Record<(typeof CSV_HEAD)[number], string | number>>;

export function renderCsv(report: AuditReport): string {
  const rows: Row[] = [];
  const count = (section: string, label: string, outcome: string, n: number, extra: Row = {}) => rows.push({ section, label, outcome, count: n, ...extra });
  count('total', 'incidents', '', report.incidents);
  for (const [verdict, n] of Object.entries(report.byVerdict)) count('verdict', verdict, '', n);
  for (const a of report.byAction) count('action', a.action, a.outcome, a.count);
  for (const c of report.byChannel) {
    count('channel', c.channelId, '', c.incidents, { platform: c.platform, workspace: c.workspaceId, channel: c.channelId, workspace_name: c.workspaceName ?? '', channel_name: c.channelName ?? '' });
  }
  for (const h of report.timeline) count('hour', h.label, '', h.byVerdict.share + h.byVerdict.mention + h.byVerdict.none, { at: h.start });
  for (const f of report.failures) {
    rows.push({ section: 'failure', label: f.action, outcome: f.outcome, count: 1, at: f.at, platform: f.platform, workspace: f.workspaceId, channel: f.channelId, message: f.messageId, detail: f.detail, incident: f.incidentId });
  }
  for (const i of report.trail) {
    rows.push({
      section: 'incident',
      label: i.verdict,
      count: 1,
      at: i.at,
      platform: i.platform,
      workspace: i.workspaceId,
      channel: i.channelId,
      message: i.messageId,
      incident: i.id,
      author: i.authorId,
      verdict: i.verdict,
      leaks: i.leaks.join(' '),
      rules: i.rules.join(' | '),
      actions: i.actions.map((a) => `${a.action}:${a.outcome}${a.detail ? ` (${a.detail})` : ''}`).join('; '),
      origin: i.origin ?? '',
      workspace_name: i.workspaceName ?? '',
      channel_name: i.channelName ?? '',
    });
  }
  const lines = [CSV_HEAD.map(csvField).join(','), ...rows.map((r) => CSV_HEAD.map((k) => csvField(k === 'window' ? report.window.id : (r[k] ?? ''))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
