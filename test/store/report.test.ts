/**
 * The legal team's report: built from incidents recorded through the store, rendered as
 * Markdown, CSV, JSON and one self-contained HTML file whose chart a real browser draws.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import { loadConfig } from '../../src/runtimeConfig/load.ts';
import type { BlackoutWindow } from '../../src/core/index.ts';
import { buildAuditReport, type AuditReport } from '../../src/report/auditReport.ts';
import { renderReport } from '../../src/report/render.ts';
import { reportWindow, UnknownWindowError } from '../../src/report/reportWindow.ts';
import { windowReport } from '../../src/report/windowReport.ts';
import { configFingerprint } from '../../src/report/configFingerprint.ts';
import { csvField } from '../../src/report/csv.ts';
import { NameMap } from '../../src/report/names.ts';
import type { Incident } from '../../src/store/store.ts';
import type { SqlStore } from '../../src/store/sqlStore.ts';
import { sampleIncident, testDatabase, type TestDatabase } from './backends.ts';
import { ensureChromium, headlessChromium } from './chromium.ts';

const paris = (local: string): number => Date.parse(`${local}+02:00`);
const METROPOLE = 'fr-2017-t2-metropole';

/** An incident as read from the store, posted at a Paris time in a channel of guild-1. */
function incidentAt(local: string, channelId: string): Incident {
  return { ...sampleIncident({ messageAt: paris(local), channelId }), id: `incident-${local}`, recordedAt: paris(local) };
}

/** The shipped configuration, with its store in `dir`. */
async function configFor(dir: string): Promise<string> {
  const config = join(dir, 'blackout.yaml');
  const yaml = await readFile('config/blackout.yaml', 'utf8');
  await writeFile(config, `${yaml}\nstore:\n  sqlitePath: ${JSON.stringify(join(dir, 'data', 'blackout-guard.db'))}\n`);
  return config;
}

/** Runs `blackout-guard` as a user would, on the SQLite store (no DATABASE_URL). */
function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, ['bin/blackout-guard.js', ...args], { encoding: 'utf8', env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

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
    assert.equal(lines[0], 'window,section,label,outcome,count,at,platform,workspace,channel,message,detail,incident,author,verdict,leaks,rules,actions,origin,workspace_name,channel_name');
    assert.ok(lines.includes(`${METROPOLE},verdict,share,,4,,,,,,,,,,,,,,,`));
    assert.ok(lines.includes(`${METROPOLE},action,delete,failed,1,,,,,,,,,,,,,,,`));
    assert.equal(lines.filter((l) => l.startsWith(`${METROPOLE},failure,`)).length, 2);
    assert.equal(lines.filter((l) => l.startsWith(`${METROPOLE},hour,`)).length, 44);
  });

  test('a CSV field is quoted when needed and never read as a formula', () => {
    assert.equal(csvField('a,b "c"'), '"a,b ""c"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('plain'), 'plain');
  });

  test('the CSV report has one row per incident, with its author, verdict, leak sets, rules and actions', () => {
    const lines = renderReport(report, 'csv').trimEnd().split('\r\n');
    const incidents = lines.filter((l) => l.startsWith(`${METROPOLE},incident,`));
    assert.equal(incidents.length, 5);
    const failed = incidents.find((l) => l.includes('delete:failed (missing Manage Messages)'));
    assert.ok(failed, 'the incident whose deletion failed');
    const entry = report.trail.find((i) => i.actions.some((a) => a.outcome === 'failed'))!;
    assert.ok(failed.includes(`,${entry.id},${entry.authorId},share,macronleaks,`));
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

  test('the report lists every incident of the window: time, place, author, verdict, leak sets, rules, actions', () => {
    assert.equal(report.trail.length, 5);
    assert.deepEqual(
      report.trail.map((i) => `${i.at.slice(0, 16)} ${i.platform}/${i.workspaceId}/${i.channelId} ${i.verdict}`),
      [
        '2017-05-06T00:20 discord/guild-1/general share',
        '2017-05-06T00:45 discord/guild-1/general share',
        '2017-05-06T09:10 discord/guild-1/news share',
        '2017-05-06T09:30 discord/guild-1/news mention',
        '2017-05-07T19:59 slack/T-newsroom/general share',
      ],
    );
    const failed = report.trail[2]!;
    assert.match(failed.authorId, /^user-/);
    assert.deepEqual(failed.leaks, ['macronleaks']);
    assert.deepEqual(failed.rules, ['pastebin.com/emleaks-2017', 'MacronLeaks']);
    assert.deepEqual(failed.actions[1], { action: 'delete', outcome: 'failed', detail: 'missing Manage Messages' });
    assert.equal(failed.textHashKept, true);
  });

  test('workspace and channel names are shown where known, and ids always', () => {
    const names = new NameMap();
    names.setWorkspace('discord', 'guild-1', 'Newsroom');
    names.setChannel('discord', 'guild-1', 'news', 'news-desk');
    const window = windows.find((w) => w.id === METROPOLE)!;
    const named = buildAuditReport(window, [incidentAt('2017-05-06T09:10:00', 'news'), incidentAt('2017-05-06T09:20:00', 'general')], paris('2017-05-08T10:00:00'), { names });
    const md = renderReport(named, 'md');
    assert.match(md, /\| discord \| Newsroom \(guild-1\) \| #news-desk \(news\) \|/);
    assert.match(md, /\| discord \| Newsroom \(guild-1\) \| general \|/);
    assert.equal(named.trail[0]?.channelName, 'news-desk');
    assert.equal(named.trail[0]?.channelId, 'news');
  });

  test('an incident\'s origin, live or sweep, is listed when the store keeps one', () => {
    const window = windows.find((w) => w.id === METROPOLE)!;
    const swept = { ...incidentAt('2017-05-06T10:00:00', 'news'), origin: 'sweep' as const };
    const r = buildAuditReport(window, [swept, incidentAt('2017-05-06T11:00:00', 'news')], paris('2017-05-08T10:00:00'));
    assert.deepEqual(r.trail.map((i) => i.origin ?? 'unknown'), ['sweep', 'unknown']);
    assert.match(renderReport(r, 'md'), /\| sweep \|/);
  });

  test('the Markdown report keeps the summary first and lists every incident after it', () => {
    const md = renderReport(report, 'md');
    assert.ok(md.indexOf('## By verdict') < md.indexOf('## Every incident'));
    const trail = md.slice(md.indexOf('## Every incident'));
    assert.equal(trail.match(/^\| \d\d\/05\/2017 /gm)?.length, 5);
    assert.match(trail, /\| 06\/05\/2017 09:10:00 \| discord \| guild-1 \| news \|/);
  });

  test('the HTML report writes times for people on the window\'s clock, never ISO with milliseconds', () => {
    const html = renderReport(report, 'html');
    assert.doesNotMatch(html, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
    assert.match(html, /Saturday, 6 May 2017 at 00:00 CEST/);
    assert.match(html, /06\/05\/2017 09:10:00/);
  });

  test('the HTML report is written in the configured language', () => {
    const fr = renderReport({ ...report, language: 'fr' }, 'html');
    assert.match(fr, /<html lang="fr">/);
    assert.match(fr, /<h2>Tous les incidents<\/h2>/);
    assert.match(fr, /samedi 6 mai 2017 à 00:00 UTC\+2/);
    assert.doesNotMatch(fr, /Every incident|By verdict/);
    const en = renderReport(report, 'html');
    assert.match(en, /<h2>Every incident<\/h2>/);
  });

  test('the HTML footer gives the fingerprint of the rules in force and when the report was made', () => {
    const window = windows.find((w) => w.id === METROPOLE)!;
    const fingerprinted = buildAuditReport(window, [], paris('2017-05-08T10:00:00'), { configFingerprint: 'ab'.repeat(32) });
    const footer = /<footer>[\s\S]*<\/footer>/.exec(renderReport(fingerprinted, 'html'))?.[0] ?? '';
    assert.match(footer, /<span class="id" id="config-fingerprint">(ab){32}<\/span>/);
    assert.match(footer, /<span id="generated-at">Monday, 8 May 2017 at 10:00 CEST<\/span>/);
  });

  test('the fingerprint of the rules changes with a rule and not with the order of keys', async () => {
    const { config } = await loadConfig('config/blackout.yaml');
    const reordered = Object.fromEntries(Object.entries(config).reverse()) as typeof config;
    assert.equal(configFingerprint(reordered), configFingerprint(config));
    const leaks = config.leaks.map((l, i) => (i === 0 ? { ...l, domains: [...l.domains, 'another.example'] } : l));
    assert.notEqual(configFingerprint({ ...config, leaks }), configFingerprint(config));
    assert.match(configFingerprint(config), /^[0-9a-f]{64}$/);
  });

  test('`blackout-guard report` writes the chosen window\'s report to a file, with the rules\' fingerprint', async () => {
    const config = await configFor(db.dir);
    const output = join(db.dir, 'report.json');
    const r = cli(['report', '--config', config, '--window', METROPOLE, '--format', 'json', '--output', output]);
    assert.equal(r.code, 0, r.stderr);
    const written = JSON.parse(await readFile(output, 'utf8')) as AuditReport;
    assert.equal(written.window.id, METROPOLE);
    assert.equal(written.incidents, 5);
    assert.equal(written.trail.length, 5);
    assert.equal(written.configFingerprint, configFingerprint((await loadConfig(config)).config));
  });

  test('`blackout-guard report --format pdf` prints the HTML report to a PDF with pages', async () => {
    ensureChromium();
    const config = await configFor(db.dir);
    const output = join(db.dir, 'report.pdf');
    const r = cli(['report', '--config', config, '--window', METROPOLE, '--format', 'pdf', '--output', output]);
    assert.equal(r.code, 0, r.stderr);
    const pdf = await PDFDocument.load(await readFile(output));
    assert.ok(pdf.getPageCount() >= 1);
    // A4 portrait, in points.
    const { width, height } = pdf.getPage(0).getSize();
    assert.deepEqual([Math.round(width), Math.round(height)], [595, 842]);
  });

  test('`blackout-guard report` with a database that cannot be reached exits 7 (try again), not 2', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' };
    const run = spawnSync(process.execPath, ['bin/blackout-guard.js', 'report', '--config', await configFor(db.dir), '--window', METROPOLE], { encoding: 'utf8', env });
    assert.equal(run.status, 7, run.stderr);
    assert.match(run.stderr, /the store is unavailable/);
  });

  test('`blackout-guard report` on an unknown window is a usage error (exit 2) naming the known ones', async () => {
    const r = cli(['report', '--config', await configFor(db.dir), '--window', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no blackout window "nope" \(known: .*fr-2017-t2-metropole/);
  });
});
