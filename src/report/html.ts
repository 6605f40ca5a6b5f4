/**
 * The audit report as one self-contained HTML file: inline CSS, the hourly timeline as an inline
 * SVG chart, no script and nothing fetched, in the configuration's language, laid out to print on
 * A4 (what the legal team files): fixed-layout tables whose long ids wrap instead of overflowing.
 */
import type { Verdict } from '../core/index.ts';
import type { AuditReport } from './auditReport.ts';
import { escapeHtml as e } from './escapeHtml.ts';
import { actionText, longTime, reportTexts, shortTime, where } from './texts.ts';
import { renderTimelineChart } from './timelineChart.ts';

const CSS = `
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; margin: 2rem auto; max-width: 980px; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
  dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
  dl.meta dt { font-weight: 600; }
  dl.meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0; table-layout: fixed; }
  th, td { border: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
  th { background: #f2f2f4; font-size: .88em; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  table.trail { font-size: .8rem; }
  table.trail td { line-height: 1.3; }
  table.trail th, table.trail td { padding: .2rem .3rem; }
  .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .92em; overflow-wrap: anywhere; }
  .sub { display: block; color: #555; }
  .share { color: #b3261e; font-weight: 600; }
  .empty { color: #555; font-style: italic; }
  figure { margin: .5rem 0; }
  figcaption { color: #555; font-size: .9rem; }
  footer { margin-top: 2rem; color: #555; font-size: .85rem; border-top: 1px solid #ccc; padding-top: .5rem; }
  footer p { margin: .2rem 0; overflow-wrap: anywhere; }
  @page { size: A4; margin: 15mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
    table.trail { font-size: 7.5pt; }
    h2 { break-after: avoid; }
    tr, figure { break-inside: avoid; }
    thead { display: table-header-group; }
    th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
`;

type Cell = string | number | { html: string };

function table(head: string[], rows: Cell[][], options: { numeric?: number[]; widths?: number[]; className?: string } = {}): string {
  const numeric = options.numeric ?? [];
  const cls = (i: number): string => (numeric.includes(i) ? ' class="n"' : '');
  const cols = options.widths ? `<colgroup>${options.widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  const th = head.map((h, i) => `<th scope="col"${cls(i)}>${e(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${typeof c === 'object' ? c.html : e(String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table${options.className ? ` class="${options.className}"` : ''}>${cols}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const empty = (text: string): string => `<p class="empty">${e(text)}</p>`;
const id = (text: string): string => `<span class="id">${e(text)}</span>`;

export function renderHtml(report: AuditReport): string {
  const w = report.window;
  const lang = report.language;
  const t = reportTexts(lang);
  const long = (iso: string): string => longTime(iso, w.zone, lang);
  const short = (iso: string): string => shortTime(iso, w.zone, lang);
  const verdict = (v: Verdict): { html: string } => ({ html: `<span class="${v}">${e(t.verdict[v])}</span>` });
  const total = report.timeline.reduce((n, h) => n + h.byVerdict.share + h.byVerdict.mention + h.byVerdict.none, 0);
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${t.title}${t.colon}${w.name}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(t.title)}${e(t.colon)}${e(w.name)}</h1>
<dl class="meta">
<dt>${e(t.window)}</dt><dd><code>${e(w.id)}</code>, ${e(t.from)} ${e(long(w.start))} ${e(t.to)} ${e(long(w.end))} (${e(w.zone)})</dd>
<dt>${e(t.incidentsRecorded)}</dt><dd id="incident-count">${report.incidents}</dd>
<dt>${e(t.generated)}</dt><dd>${e(long(report.generatedAt))}</dd>
</dl>
</header>
<main>
<section>
<h2>${e(t.timeline(w.zone))}</h2>
<figure>
${renderTimelineChart(report.timeline, { verdict: t.verdict, label: t.chartLabel(w.zone, total, report.timeline.length) })}
<figcaption>${e(t.timelineCaption(w.zone))}</figcaption>
</figure>
</section>
<section>
<h2>${e(t.byVerdict)}</h2>
${table([t.verdictCol, t.incidentsCol], (Object.entries(report.byVerdict) as [Verdict, number][]).map(([v, n]) => [verdict(v), n]), { numeric: [1] })}
</section>
<section>
<h2>${e(t.byAction)}</h2>
${report.byAction.length > 0 ? table([t.actionCol, t.outcomeCol, t.countCol], report.byAction.map((a) => [a.action, t.outcome[a.outcome as keyof typeof t.outcome] ?? a.outcome, a.count]), { numeric: [2] }) : empty(t.noAction)}
</section>
<section>
<h2>${e(t.byChannel)}</h2>
${
  report.byChannel.length > 0
    ? table(
        [t.platformCol, t.workspaceCol, t.channelCol, t.incidentsCol, t.verdict.share, t.verdict.mention],
        report.byChannel.map((c) => [c.platform, where(c).workspace, where(c).channel, c.incidents, c.byVerdict.share, c.byVerdict.mention]),
        { numeric: [3, 4, 5], widths: [14, 25, 25, 12, 12, 12] },
      )
    : empty(t.noIncident)
}
</section>
<section>
<h2>${e(t.failures)}</h2>
${
  report.failures.length > 0
    ? table(
        [t.postedAtCol(w.zone), t.platformCol, t.channelCol, t.messageCol, t.actionCol, t.outcomeCol, t.whyCol],
        report.failures.map((f) => [short(f.at), f.platform, where(f).channel, { html: id(f.messageId) }, f.action, t.outcome[f.outcome], f.detail]),
        { widths: [15, 12, 17, 15, 10, 11, 20] },
      )
    : empty(t.noFailure)
}
</section>
<section>
<h2>${e(t.trail)}</h2>
${
  report.trail.length > 0
    ? table(
        [t.postedAtCol(w.zone), `${t.platformCol} · ${t.workspaceCol} · ${t.channelCol}`, t.authorCol, t.verdictCol, t.leaksRulesCol, t.actionsCol, t.originCol, t.incidentCol],
        report.trail.map((i) => {
          const place = where(i);
          return [
            short(i.at),
            { html: `${e(i.platform)}<span class="sub">${e(place.workspace)}</span><span class="sub">${e(place.channel)}</span>` },
            { html: id(i.authorId) },
            verdict(i.verdict),
            { html: [...i.leaks.map((l) => `<strong>${e(l)}</strong>`), ...i.rules.map((r) => `<span class="sub">${e(r)}</span>`)].join(' ') },
            { html: i.actions.map((a) => e(actionText(a, t))).join('<br>') },
            t.origin[i.origin ?? 'unknown'],
            { html: `${id(i.id)}<span class="sub">${e(t.messageCol)} ${id(i.messageId)}</span>${i.textHashKept ? `<span class="sub">${e(t.hashKept)}</span>` : ''}` },
          ];
        }),
        { className: 'trail', widths: [11, 17, 10, 9, 15, 16, 7, 15] },
      )
    : empty(t.noIncident)
}
</section>
</main>
<footer>
<p>${e(t.generated)}${e(t.colon)}<span id="generated-at">${e(long(report.generatedAt))}</span></p>
${report.configFingerprint !== null ? `<p>${e(t.fingerprint)}${e(t.colon)}<span class="id" id="config-fingerprint">${e(report.configFingerprint)}</span></p>` : ''}
<p>${e(t.footer)}</p>
</footer>
</body>
</html>
`;
}
