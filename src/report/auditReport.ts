/**
 * The audit trail of one blackout window, as data: what the legal team files to show the
 * community complied. Built from recorded incidents only (ids, verdicts, outcomes; no text).
 */
import { DateTime } from 'luxon';
import { VERDICTS, type BlackoutWindow, type Verdict } from '../core/index.ts';
import type { Incident } from '../store/store.ts';

export interface ReportCount<K> {
  key: K;
  count: number;
}

export interface ChannelCount {
  platform: string;
  workspaceId: string;
  channelId: string;
  incidents: number;
  byVerdict: Record<Verdict, number>;
}

export interface FailedAction {
  incidentId: string;
  /** When the message was posted, ISO in the window's zone. */
  at: string;
  platform: string;
  workspaceId: string;
  channelId: string;
  messageId: string;
  action: string;
  outcome: 'failed' | 'skipped';
  detail: string;
}

export interface TimelineHour {
  /** Start of the hour, ISO in the window's zone. */
  start: string;
  /** `06/05 14:00`, local to the window's zone. */
  label: string;
  byVerdict: Record<Verdict, number>;
}

export interface AuditReport {
  window: { id: string; name: string; zone: string; start: string; end: string };
  generatedAt: string;
  incidents: number;
  byVerdict: Record<Verdict, number>;
  /** One row per action and outcome, e.g. delete / failed. */
  byAction: { action: string; outcome: string; count: number }[];
  byChannel: ChannelCount[];
  /** Actions that failed or were skipped, and why. */
  failures: FailedAction[];
  timeline: TimelineHour[];
}

const zeroVerdicts = (): Record<Verdict, number> => Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;

/** Builds the report of `window` from its incidents (those outside the window are ignored). */
export function buildAuditReport(window: BlackoutWindow, incidents: readonly Incident[], generatedAtMs: number): AuditReport {
  const zone = window.zone;
  const local = (ms: number): DateTime => DateTime.fromMillis(ms, { zone });
  const inWindow = incidents.filter((i) => i.windowId === window.id || (i.windowId === null && i.messageAt >= window.startMs && i.messageAt < window.endMs));

  const byVerdict = zeroVerdicts();
  const actions = new Map<string, { action: string; outcome: string; count: number }>();
  const channels = new Map<string, ChannelCount>();
  const failures: FailedAction[] = [];
  for (const incident of inWindow) {
    byVerdict[incident.verdict] += 1;
    const channelKey = `${incident.platform}\u0000${incident.workspaceId}\u0000${incident.channelId}`;
    let channel = channels.get(channelKey);
    if (!channel) {
      channel = { platform: incident.platform, workspaceId: incident.workspaceId, channelId: incident.channelId, incidents: 0, byVerdict: zeroVerdicts() };
      channels.set(channelKey, channel);
    }
    channel.incidents += 1;
    channel.byVerdict[incident.verdict] += 1;
    for (const a of incident.actions) {
      const key = `${a.action}\u0000${a.outcome}`;
      const row = actions.get(key) ?? { action: a.action, outcome: a.outcome, count: 0 };
      row.count += 1;
      actions.set(key, row);
      if (a.outcome !== 'done') {
        failures.push({
          incidentId: incident.id,
          at: local(incident.messageAt).toISO()!,
          platform: incident.platform,
          workspaceId: incident.workspaceId,
          channelId: incident.channelId,
          messageId: incident.messageId,
          action: a.action,
          outcome: a.outcome,
          detail: a.detail ?? '',
        });
      }
    }
  }

  // One bar per hour of the window, hours as they are read on the window's clock.
  const timeline: TimelineHour[] = [];
  const index = new Map<number, TimelineHour>();
  for (let hour = local(window.startMs).startOf('hour'); hour.toMillis() < window.endMs; hour = hour.plus({ hours: 1 })) {
    const entry = { start: hour.toISO()!, label: hour.toFormat('dd/MM HH:mm'), byVerdict: zeroVerdicts() };
    index.set(hour.toMillis(), entry);
    timeline.push(entry);
  }
  for (const incident of inWindow) {
    const hour = index.get(local(incident.messageAt).startOf('hour').toMillis());
    if (hour) hour.byVerdict[incident.verdict] += 1;
  }

  return {
    window: { id: window.id, name: window.name, zone, start: local(window.startMs).toISO()!, end: local(window.endMs).toISO()! },
    generatedAt: DateTime.fromMillis(generatedAtMs, { zone }).toISO()!,
    incidents: inWindow.length,
    byVerdict,
    byAction: [...actions.values()].sort((a, b) => a.action.localeCompare(b.action) || a.outcome.localeCompare(b.outcome)),
    byChannel: [...channels.values()].sort((a, b) => b.incidents - a.incidents || a.channelId.localeCompare(b.channelId)),
    failures: failures.sort((a, b) => a.at.localeCompare(b.at)),
    timeline,
  };
}
