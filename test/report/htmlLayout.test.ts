/**
 * The HTML report as Chromium lays it out for printing on A4: nothing wider than the page, no
 * cell that clips its text, and a chart whose legend stays clear of its axis labels.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BlackoutWindow } from '../../src/core/index.ts';
import { buildAuditReport } from '../../src/report/auditReport.ts';
import { renderReport } from '../../src/report/render.ts';
import { NameMap } from '../../src/report/names.ts';
import type { Incident } from '../../src/store/store.ts';
import { evaluateInPage } from './devtools.ts';

/** A4 (210 mm) less the report's 15 mm margins, in CSS pixels (96 per inch). */
const A4_PRINTABLE_PX = Math.floor(((210 - 30) / 25.4) * 96);

const WINDOW: BlackoutWindow = {
  id: 'fr-2017-t2-metropole',
  name: 'Présidentielle 2017, second tour (métropole)',
  zone: 'Europe/Paris',
  startMs: Date.parse('2017-05-06T00:00:00+02:00'),
  endMs: Date.parse('2017-05-07T20:00:00+02:00'),
};

/** Incidents with the longest things a report shows: snowflakes, UUIDs, a long link rule, failures with reasons. */
function busyWeekend(): Incident[] {
  const out: Incident[] = [];
  for (let i = 0; i < 40; i += 1) {
    const at = WINDOW.startMs + i * 3_970_000;
    out.push({
      id: `3f2b6c1e-5d4a-4c1b-9a57-0b3c2d1e${String(1000 + i).padStart(4, '0')}`,
      recordedAt: at + 500,
      platform: i % 3 === 0 ? 'slack' : 'discord',
      workspaceId: i % 3 === 0 ? 'T0123ABCDEF' : '301234567890123456',
      channelId: i % 3 === 0 ? `C0${i}ABCDEFGH` : `30${String(i).padStart(2, '0')}12345678901234`,
      messageId: i % 3 === 0 ? `1494112800.${String(i).padStart(6, '0')}` : `40${String(i).padStart(2, '0')}99887766554433`,
      authorId: i % 3 === 0 ? 'U0ABCDEFGHIJ' : `50${String(i).padStart(2, '0')}11223344556677`,
      verdict: i % 4 === 0 ? 'mention' : 'share',
      leakIds: ['macronleaks'],
      signalKinds: ['url', 'keyword'],
      rules: ['pastebin.com/emleaks-2017/full-archive-of-the-campaign-mailboxes-part-one-of-nine-with-attachments', 'emleaks'],
      windowId: WINDOW.id,
      actions: [
        { action: 'warn', outcome: i % 5 === 0 ? 'skipped' : 'done', ...(i % 5 === 0 && { detail: 'author warned recently in this channel' }) },
        { action: 'delete', outcome: i % 7 === 0 ? 'failed' : 'done', ...(i % 7 === 0 && { detail: 'missing Manage Messages in this channel (ask an administrator)' }) },
        { action: 'alert', outcome: 'done' },
        { action: 'record', outcome: 'done' },
      ],
      textHash: 'ab'.repeat(32),
      messageAt: at,
    });
  }
  return out;
}

let dir: string;
let page: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bg-report-layout-'));
  const names = new NameMap();
  names.setWorkspace('discord', '301234567890123456', 'Rédaction du Journal des Élections Présidentielles');
  names.setChannel('discord', '301234567890123456', '300112345678901234', 'actualités-politiques-et-débats-du-second-tour');
  const report = buildAuditReport(WINDOW, busyWeekend(), Date.parse('2017-05-08T10:00:00+02:00'), { language: 'fr', names, configFingerprint: `${'c0ffee'.repeat(10)}abcd` });
  page = join(dir, 'report.html');
  await writeFile(page, renderReport(report, 'html'));
});
after(() => rm(dir, { recursive: true, force: true }));

const OVERFLOWS = `(() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5) problems.push(el.tagName + ' ends at ' + Math.round(box.right) + ' > ' + width + ': ' + (el.textContent || '').slice(0, 50));
    if (['TD', 'TH', 'DD', 'P', 'SPAN'].includes(el.tagName) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
      problems.push(el.tagName + ' clips its text: ' + (el.textContent || '').slice(0, 50));
  }
  return { width, problems };
})()`;

test('printed at A4 width, nothing in the HTML report is wider than the page', async () => {
  const { width, problems } = await evaluateInPage<{ width: number; problems: string[] }>(pathToFileURL(page).href, { width: A4_PRINTABLE_PX, media: 'print' }, OVERFLOWS);
  assert.equal(width, A4_PRINTABLE_PX);
  assert.deepEqual(problems, []);
});

const CHART_OVERLAPS = `(() => {
  const chart = document.getElementById('timeline-chart');
  const legend = chart.querySelector('.legend').getBoundingClientRect();
  const labels = [...chart.querySelectorAll('text')].filter((t) => !t.closest('.legend'));
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const bars = [...chart.querySelectorAll('rect.bar')];
  return {
    labels: labels.length,
    overLabels: labels.filter((t) => hit(t.getBoundingClientRect(), legend)).map((t) => t.textContent),
    overBars: bars.filter((b) => hit(b.getBoundingClientRect(), legend)).length,
    outside: labels.filter((t) => { const r = t.getBoundingClientRect(), c = chart.getBoundingClientRect(); return r.bottom > c.bottom + 0.5 || r.left < c.left - 0.5; }).map((t) => t.textContent),
  };
})()`;

test('the chart\'s legend overlaps none of its axis labels or bars, and every label is inside the chart', async () => {
  const result = await evaluateInPage<{ labels: number; overLabels: string[]; overBars: number; outside: string[] }>(
    pathToFileURL(page).href,
    { width: A4_PRINTABLE_PX, media: 'print' },
    CHART_OVERLAPS,
  );
  assert.ok(result.labels > 10, 'the chart has its hour and count labels');
  assert.deepEqual(result.overLabels, []);
  assert.equal(result.overBars, 0);
  assert.deepEqual(result.outside, []);
});
