/**
 * The legal team's report: built from incidents recorded through the store, rendered as
 * Markdown, CSV, JSON and one self-contained HTML file whose chart a real browser draws.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import type { BlackoutWindow } from '../../src/core/index.ts';
import { buildAuditReport, type AuditReport } from '../../src/report/auditReport.ts';
import { renderReport } from '../../src/report/render.ts';
import { reportWindow, UnknownWindowError } from '../../src/report/reportWindow.ts';
import { windowReport } from '../../src/report/windowReport.ts';
import { registerReportCommand } from '../../src/cli/report.ts';
import { csvField } from '../../src/report/csv.ts';
import type { SqlStore } from '../../src/store/sqlStore.ts';
import { sampleIncident, testDatabase, type TestDatabase } from './backends.ts';
import { headlessChromium } from './chromium.ts';

const paris = (local: string): number => Date.parse(`${local}+02:00`);
const METROPOLE = 'fr-2017-t2-metropole';

/** What a small community saw on 6 and 7 May 2017, recorded through the store. */
async function recordTheWeekend(store: SqlStore): Promise<void> {
  const share = (at: string, channelId: string, extra: Parameters<typeof sampleIncident>[0] = {}) =>
    store.recordIncident(sampleIncident({ messageAt: paris(at), channelId, windowId: METROPOLE, ...extra }));
  await share('2017-05-06T00:20:00', 'general');
  await share('2017-05-06T00:45:00', 'general');
  await share('2017-05-06T09:10:00', 'news', {
    actions: [
      { action: 'warn', outcome: 'done' },
      { action: 'delete', outcome: 'failed', detail: 'missing Manage Messages' },
      { action: 'alert', outcome: 'done' },
    ],
  });
  await share('2017-05-06T09:30:00', 'news', { verdict: 'mention', signalKinds: ['hashtag'], actions: [] });
  await share('2017-05-07T19:59:00', 'general', {
    platform: 'slack',
    workspaceId: 'T-newsroom',
    actions: [
      { action: 'warn', outcome: 'skipped', detail: 'author warned recently in this channel' },
      { action: 'delete', outcome: 'done' },
    ],
  });
  // Outside the window: not in its report.
  await share('2017-05-07T20:30:00', 'general', { windowId: null });
}

describe('the audit report', () => {
  let db: TestDatabase;
  let store: SqlStore;
  let windows: readonly BlackoutWindow[];
  let report: AuditReport;
  before(async () => {
    db = await testDatabase('sqlite');
    store = await db.open();
    windows = (await loadConfig('config/blackout.yaml')).engine.windows;
    await recordTheWeekend(store);
    report = await windowReport(store, windows, { windowId: METROPOLE, nowMs: paris('2017-05-08T10:00:00') });
  });
  after(async () => {
    await db?.dispose();
  });

  test('without a window named, the report covers the current window, else the last ended, else the next', () => {
    assert.equal(reportWindow(windows, paris('2017-05-07T12:00:00'))?.id, METROPOLE);
    assert.equal(reportWindow(windows, paris('2017-05-10T12:00:00'))?.id, METROPOLE);
    assert.equal(reportWindow(windows, paris('2017-05-01T12:00:00'))?.id, 'fr-2017-t2-antilles-guyane');
    assert.equal(reportWindow([], paris('2017-05-01T12:00:00')), undefined);
    assert.throws(() => reportWindow(windows, 0, 'nope'), UnknownWindowError);
  });

  test('it counts the window\'s incidents by verdict, by action and outcome, and by channel', () => {
    assert.equal(report.incidents, 5);
    assert.deepEqual(report.byVerdict, { share: 4, mention: 1, none: 0 });
    assert.deepEqual(
      report.byAction.map((a) => `${a.action}:${a.outcome}=${a.count}`),
      ['alert:done=3', 'delete:done=3', 'delete:failed=1', 'warn:done=3', 'warn:skipped=1'],
    );
    assert.deepEqual(
      report.byChannel.map((c) => `${c.platform}/${c.workspaceId}/${c.channelId}=${c.incidents}`),
      ['discord/guild-1/general=2', 'discord/guild-1/news=2', 'slack/T-newsroom/general=1'],
    );
  });

  test('it lists the actions that failed or were skipped, and why', () => {
    assert.deepEqual(
      report.failures.map((f) => [f.at, f.channelId, f.action, f.outcome, f.detail]),
      [
        ['2017-05-06T09:10:00.000+02:00', 'news', 'delete', 'failed', 'missing Manage Messages'],
        ['2017-05-07T19:59:00.000+02:00', 'general', 'warn', 'skipped', 'author warned recently in this channel'],
      ],
    );
  });

  test('its timeline has one entry per hour of the window on the window\'s clock', () => {
    // Saturday 00:00 to Sunday 20:00, Paris time: 44 hours.
    assert.equal(report.timeline.length, 44);
    assert.equal(report.timeline[0]?.start, '2017-05-06T00:00:00.000+02:00');
    assert.equal(report.timeline[0]?.label, '06/05 00:00');
    assert.deepEqual(report.timeline[0]?.byVerdict, { share: 2, mention: 0, none: 0 });
    assert.deepEqual(report.timeline[9]?.byVerdict, { share: 1, mention: 1, none: 0 });
    assert.deepEqual(report.timeline[43]?.byVerdict, { share: 1, mention: 0, none: 0 });
  });

  test('the hours of a window spanning a daylight-saving change follow the local clock', () => {
    const spring: BlackoutWindow = { id: 'dst', name: 'dst', zone: 'Europe/Paris', startMs: Date.parse('2017-03-26T00:00:00+01:00'), endMs: Date.parse('2017-03-26T05:00:00+02:00') };
    const labels = buildAuditReport(spring, [], spring.endMs).timeline.map((h) => h.label.slice(6));
    assert.deepEqual(labels, ['00:00', '01:00', '03:00', '04:00']);
  });

  test('the Markdown report has every section', () => {
    const md = renderReport(report, 'md');
    for (const heading of ['# Blackout audit', '## By verdict', '## By action and outcome', '## By channel', '## Actions that failed or were skipped', '## Hourly timeline (Europe/Paris)']) {
      assert.ok(md.includes(heading), heading);
    }
    assert.match(md, /\| delete \| failed \| 1 \|/);
    assert.match(md, /missing Manage Messages/);
  });

  test('the CSV report is one table with a row per count and per failed action', () => {
    const lines = renderReport(report, 'csv').trimEnd().split('\r\n');
    assert.equal(lines[0], 'window,section,label,outcome,count,at,platform,workspace,channel,message,detail');
    assert.ok(lines.includes(`${METROPOLE},verdict,share,,4,,,,,,`));
    assert.ok(lines.includes(`${METROPOLE},action,delete,failed,1,,,,,,`));
    assert.equal(lines.filter((l) => l.startsWith(`${METROPOLE},failure,`)).length, 2);
    assert.equal(lines.filter((l) => l.startsWith(`${METROPOLE},hour,`)).length, 44);
  });

  test('a CSV field is quoted when needed and never read as a formula', () => {
    assert.equal(csvField('a,b "c"'), '"a,b ""c"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('plain'), 'plain');
  });

  test('the JSON report is the report data', () => {
    assert.deepEqual(JSON.parse(renderReport(report, 'json')), report);
  });

  test('the HTML report is one file that fetches nothing', () => {
    const html = renderReport(report, 'html');
    assert.doesNotMatch(html, /<script|<link|\ssrc=|url\(/i);
    assert.match(html, /@media print/);
  });

  test('headless Chromium draws the HTML report\'s timeline chart and prints it', async () => {
    const file = join(db.dir, 'report.html');
    await writeFile(file, renderReport(report, 'html'));
    const dom = await headlessChromium(['--dump-dom', pathToFileURL(file).href]);
    const chart = /<svg id="timeline-chart"[\s\S]*?<\/svg>/.exec(dom)?.[0];
    assert.ok(chart, 'the chart is in the rendered page');
    // One bar segment per hour and verdict with incidents: 00h share, 09h share and mention, Sunday 19h share.
    assert.equal(chart.match(/<rect class="bar /g)?.length, 4);
    assert.match(dom, /<dd id="incident-count">5<\/dd>/);
    const pdf = join(db.dir, 'report.pdf');
    await headlessChromium([`--print-to-pdf=${pdf}`, '--no-pdf-header-footer', pathToFileURL(file).href]);
    assert.equal((await readFile(pdf)).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('`blackout-guard report` writes the chosen window\'s report to a file', async () => {
    const config = join(db.dir, 'blackout.yaml');
    const yaml = await readFile('config/blackout.yaml', 'utf8');
    await writeFile(config, `${yaml}\nstore:\n  sqlitePath: ${JSON.stringify(join(db.dir, 'data', 'blackout-guard.db'))}\n`);
    const output = join(db.dir, 'report.json');
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    const program = new Command().exitOverride();
    registerReportCommand(program);
    try {
      await program.parseAsync(['report', '--config', config, '--window', METROPOLE, '--format', 'json', '--output', output], { from: 'user' });
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
    assert.equal(process.exitCode ?? 0, 0);
    const written = JSON.parse(await readFile(output, 'utf8')) as AuditReport;
    assert.equal(written.window.id, METROPOLE);
    assert.equal(written.incidents, 5);
  });
});
