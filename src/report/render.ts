/** Renders an audit report in the format asked for. */
import type { AuditReport } from './auditReport.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { htmlToPdf } from './pdf.ts';

export const REPORT_FORMATS = ['md', 'csv', 'json', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type TextFormat = Exclude<ReportFormat, 'pdf'>;

/** The report as text (every format but PDF). */
export function renderReport(report: AuditReport, format: TextFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report);
    case 'csv':
      return renderCsv(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'html':
      return renderHtml(report);
  }
}

/** The report's bytes in any format; PDF is the HTML report printed by headless Chromium. */
export async function renderReportBytes(report: AuditReport, format: ReportFormat): Promise<Buffer> {
  if (format === 'pdf') return htmlToPdf(renderHtml(report));
  return Buffer.from(renderReport(report, format), 'utf8');
}
