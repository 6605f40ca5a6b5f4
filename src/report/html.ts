/**
 * The audit report as one self-contained HTML file: inline CSS, the hourly timeline as an inline
 * SVG chart, no script and nothing fetched, laid out to print on A4 (what the legal team files).
 */
import type { AuditReport } from './auditReport.ts';
import { escapeHtml as e } from './escapeHtml.ts';
import { renderTimelineChart } from './timelineChart.ts';

const CSS = `
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; margin: 2rem auto; max-width: 980px; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
  dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
  dl.meta dt { font-weight: 600; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
  th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f2f2f4; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .empty { color: #555; font-style: italic; }
  figure { margin: .5rem 0; }
  figcaption { color: #555; font-size: .9rem; }
  footer { margin-top: 2rem; color: #555; font-size: .85rem; }
  @page { size: A4; margin: 15mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 11pt; }
    h2 { break-after: avoid; }
    table, figure { break-inside: avoid; }
    th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
`;

function table(head: string[], rows: (string | number)[][], numeric: number[] = []): string {
  const th = head.map((h) => `<th scope="col">${e(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${e(String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const empty = (text: string): string => `<p class="empty">${e(text)}</p>`;

export function renderHtml(report: AuditReport): string {
  const w = report.window;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Blackout audit: ${w.name}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Blackout audit: ${e(w.name)}</h1>
<dl class="meta">
<dt>Window</dt><dd><code>${e(w.id)}</code>, ${e(w.start)} to ${e(w.end)} (${e(w.zone)})</dd>
<dt>Incidents recorded</dt><dd id="incident-count">${report.incidents}</dd>
<dt>Report generated</dt><dd>${e(report.generatedAt)}</dd>
</dl>
</header>
<main>
<section>
<h2>Hourly timeline (${e(w.zone)})</h2>
<figure>
${renderTimelineChart(report.timeline, w.zone)}
<figcaption>Incidents per hour of the window, by verdict, on the window's clock (${e(w.zone)}).</figcaption>
</figure>
</section>
<section>
<h2>By verdict</h2>
${table(['Verdict', 'Incidents'], Object.entries(report.byVerdict).map(([v, n]) => [v, n]), [1])}
</section>
<section>
<h2>By action and outcome</h2>
${report.byAction.length > 0 ? table(['Action', 'Outcome', 'Count'], report.byAction.map((a) => [a.action, a.outcome, a.count]), [2]) : empty('No action taken.')}
</section>
<section>
<h2>By channel</h2>
${
  report.byChannel.length > 0
    ? table(
        ['Platform', 'Workspace', 'Channel', 'Incidents', 'Share', 'Mention'],
        report.byChannel.map((c) => [c.platform, c.workspaceId, c.channelId, c.incidents, c.byVerdict.share, c.byVerdict.mention]),
        [3, 4, 5],
      )
    : empty('No incident.')
}
</section>
<section>
<h2>Actions that failed or were skipped</h2>
${
  report.failures.length > 0
    ? table(
        ['Posted at', 'Platform', 'Channel', 'Message', 'Action', 'Outcome', 'Why'],
        report.failures.map((f) => [f.at, f.platform, f.channelId, f.messageId, f.action, f.outcome, f.detail]),
      )
    : empty('None: every action succeeded.')
}
</section>
</main>
<footer>Produced by blackout-guard from its incident records (identifiers, verdicts and outcomes only; no message text is kept).</footer>
</body>
</html>
`;
}
