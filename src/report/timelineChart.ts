/**
 * The hourly timeline as an inline SVG bar chart (stacked by verdict), drawn by hand: a few
 * rectangles need no charting library, and the chart stays inside the one HTML file and prints.
 * The legend sits above the plot, right-aligned, so it never meets the slanted hour labels below.
 */
import type { Verdict } from '../core/index.ts';
import type { TimelineHour } from './auditReport.ts';
import { escapeHtml } from './escapeHtml.ts';

const WIDTH = 900;
const HEIGHT = 290;
/** The bottom and left margins hold the hour labels ("06/05 14:00") slanted at 40°: about 50 units tall and wide. */
const MARGIN = { top: 34, right: 12, bottom: 66, left: 64 };
const LEGEND_ITEM = 120;
const COLOURS = { share: '#b3261e', mention: '#e8a317', none: '#8a8f98' } as const;

export interface ChartTexts {
  /** The name of each verdict in the legend. */
  verdict: Record<Verdict, string>;
  /** The chart's accessible description. */
  label: string;
}

export function renderTimelineChart(timeline: readonly TimelineHour[], texts: ChartTexts): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = timeline.map((h) => h.byVerdict.share + h.byVerdict.mention + h.byVerdict.none);
  const max = Math.max(1, ...totals);
  const step = plotW / Math.max(1, timeline.length);
  const barW = Math.max(1, step * 0.8);
  const y = (n: number): number => MARGIN.top + plotH - (n / max) * plotH;
  const parts: string[] = [];
  // Grid lines and counts on the left axis.
  const ticks = max <= 4 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  for (const t of ticks) {
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" class="tick">${t}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(timeline.length / 12));
  timeline.forEach((hour, i) => {
    const x = MARGIN.left + i * step + (step - barW) / 2;
    let base = 0;
    for (const verdict of ['share', 'mention', 'none'] as const) {
      const n = hour.byVerdict[verdict];
      if (n === 0) continue;
      parts.push(
        `<rect class="bar ${verdict}" x="${x.toFixed(1)}" y="${y(base + n).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + n)).toFixed(1)}" fill="${COLOURS[verdict]}"><title>${escapeHtml(`${hour.label}: ${n} ${texts.verdict[verdict]}`)}</title></rect>`,
      );
      base += n;
    }
    if (i % labelEvery === 0) {
      const lx = x + barW / 2;
      const ly = HEIGHT - MARGIN.bottom + 14;
      parts.push(`<text x="${lx.toFixed(1)}" y="${ly}" text-anchor="end" transform="rotate(-40 ${lx.toFixed(1)} ${ly})" class="tick xlabel">${escapeHtml(hour.label)}</text>`);
    }
  });
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(0)}" y2="${y(0)}" class="axis"/>`);
  const legendX = WIDTH - MARGIN.right - 3 * LEGEND_ITEM;
  const legend =
    '<g class="legend">' +
    (['share', 'mention', 'none'] as const)
      .map((v, i) => `<rect x="${legendX + i * LEGEND_ITEM}" y="8" width="10" height="10" fill="${COLOURS[v]}"/><text x="${legendX + i * LEGEND_ITEM + 14}" y="17" class="tick">${escapeHtml(texts.verdict[v])}</text>`)
      .join('') +
    '</g>';
  return (
    `<svg id="timeline-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" ` +
    `aria-label="${escapeHtml(texts.label)}">` +
    `<style>.grid{stroke:#ddd;stroke-width:1}.axis{stroke:#333;stroke-width:1}.tick{font:11px sans-serif;fill:#333}</style>` +
    parts.join('') +
    legend +
    `</svg>`
  );
}
