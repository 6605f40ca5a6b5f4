/**
 * The audit trail of one blackout window, as data: what the legal team files to show the
 * community complied. Built from recorded incidents only (ids, verdicts, outcomes; no text).
 */
import { DateTime } from 'luxon';
import { VERDICTS, type BlackoutWindow, type Language, type Verdict } from '../core/index.ts';
import type { ActionOutcome, Incident } from '../store/store.ts';
import { NO_NAMES, type NameBook } from './names.ts';

export interface ReportCount<K> {
  key: K;
  count: number;
}

/** Where a message was: ids always, names where known. */
export interface Place {
  platform: string;
  workspaceId: string;
  workspaceName?: string;
  channelId: string;
  channelName?: string;
}

/** One incident as the audit trail lists it: ids, verdict, rules and outcomes, never text. */
export interface IncidentEntry extends Place {
  id: string;
  /** When the message was posted, ISO in the window's zone. */
  at: string;
  messageId: string;
  authorId: string;
  verdict: Verdict;
  leaks: string[];
  /** The configured rules that matched. */
  rules: string[];
  signalKinds: string[];
  actions: ActionOutcome[];
  /** `live`: moderated as it was posted; `sweep`: found later in the channel's history. Absent for incidents recorded before origins were kept. */
  origin?: 'live' | 'sweep';
  /** Whether the incident keeps a keyed hash of the text (`blackout-guard verify` can then check a text). */
  textHashKept: boolean;
}

export interface ChannelCount extends Place {
  incidents: number;
  byVerdict: Record<Verdict, number>;
}

export interface FailedAction extends Place {
  incidentId: string;
  /** When the message was posted, ISO in the window's zone. */
  at: string;
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
  /** Language of the texts for people (HTML, Markdown). */
  language: Language;
  /** SHA-256 of the rules in force when the report was made (see `configFingerprint.ts`), if given. */
  configFingerprint: string | null;
  /** Number of incidents in the window. */
  incidents: number;
  byVerdict: Record<Verdict, number>;
  /** One row per action and outcome, e.g. delete / failed. */
  byAction: { action: string; outcome: string; count: number }[];
  byChannel: ChannelCount[];
  /** Actions that failed or were skipped, and why. */
  failures: FailedAction[];
  timeline: TimelineHour[];
  /** Every incident of the window, oldest message first. */
  trail: IncidentEntry[];
}

export interface AuditReportOptions {
  /** Default `en`. */
  language?: Language;
  configFingerprint?: string;
  /** Names of workspaces and channels, where known; ids only otherwise. */
  names?: NameBook;
}

const zeroVerdicts = (): Record<Verdict, number> => Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;

/** Builds the report of `window` from its incidents (those outside the window are ignored). */
export function buildAuditReport(window: BlackoutWindow, incidents: readonly Incident[], generatedAtMs: number, options: AuditReportOptions = {}): AuditReport {
  const zone = window.zone;
  const names = options.names ?? NO_NAMES;
  const place = (i: Pick<Incident, 'platform' | 'workspaceId' | 'channelId'>): Place => {
    const workspaceName = names.workspace(i.platform, i.workspaceId);
    const channelName = names.channel(i.platform, i.workspaceId, i.channelId);
    return {
      platform: i.platform,
      workspaceId: i.workspaceId,
      ...(workspaceName !== undefined && { workspaceName }),
      channelId: i.channelId,
      ...(channelName !== undefined && { channelName }),
    };
  };
  const local = (ms: number): DateTime => DateTime.fromMillis(ms, { zone });
  // Oldest message first (by instant: local times repeat when the clocks go back).
  const inWindow = incidents
    .filter((i) => i.windowId === window.id || (i.windowId === null && i.messageAt >= window.startMs && i.messageAt < window.endMs))
    .sort((a, b) => a.messageAt - b.messageAt || a.id.localeCompare(b.id));

  const byVerdict = zeroVerdicts();
  const actions = new Map<string, { action: string; outcome: string; count: number }>();
  const channels = new Map<string, ChannelCount>();
  const failures: FailedAction[] = [];
  for (const incident of inWindow) {
    byVerdict[incident.verdict] += 1;
    const channelKey = `${incident.platform}\u0000${incident.workspaceId}\u0000${incident.channelId}`;
    let channel = channels.get(channelKey);
    if (!channel) {
      channel = { ...place(incident), incidents: 0, byVerdict: zeroVerdicts() };
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
          ...place(incident),
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

  const trail = inWindow.map((incident): IncidentEntry => {
    const origin = originOf(incident);
    return {
      id: incident.id,
      at: local(incident.messageAt).toISO()!,
      ...place(incident),
      messageId: incident.messageId,
      authorId: incident.authorId,
      verdict: incident.verdict,
      leaks: [...incident.leakIds],
      rules: [...incident.rules],
      signalKinds: [...incident.signalKinds],
      actions: incident.actions.map((a) => ({ ...a })),
      ...(origin !== undefined && { origin }),
      textHashKept: incident.textHash !== null,
    };
  });

  return {
    window: { id: window.id, name: window.name, zone, start: local(window.startMs).toISO()!, end: local(window.endMs).toISO()! },
    generatedAt: DateTime.fromMillis(generatedAtMs, { zone }).toISO()!,
    language: options.language ?? 'en',
    configFingerprint: options.configFingerprint ?? null,
    incidents: inWindow.length,
    byVerdict,
    byAction: [...actions.values()].sort((a, b) => a.action.localeCompare(b.action) || a.outcome.localeCompare(b.outcome)),
    byChannel: [...channels.values()].sort((a, b) => b.incidents - a.incidents || a.channelId.localeCompare(b.channelId)),
    failures,
    timeline,
    trail,
  };
}

/** The incident's origin, once the store keeps one (migration 2); undefined before. */
function originOf(incident: Incident): 'live' | 'sweep' | undefined {
  const origin = (incident as { origin?: unknown }).origin;
  return origin === 'live' || origin === 'sweep' ? origin : undefined;
}
