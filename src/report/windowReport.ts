/** The audit report of a window, read from the store. */
import type { BlackoutWindow } from '../core/index.ts';
import type { Incident, Store } from '../store/store.ts';
import { buildAuditReport, type AuditReport, type AuditReportOptions } from './auditReport.ts';
import type { NameBook } from './names.ts';
import { reportWindow } from './reportWindow.ts';

export class NoWindowError extends Error {
  constructor() {
    super('no blackout window is configured: nothing to report');
    this.name = 'NoWindowError';
  }
}

export interface WindowReportOptions extends Omit<AuditReportOptions, 'names'> {
  windowId?: string;
  nowMs: number;
  /** Names of the places of the window's incidents, e.g. from `lookUpNames`. */
  names?: NameBook | ((incidents: readonly Incident[]) => Promise<NameBook>);
}

/** Builds the report of the window named `windowId`, or of the one `reportWindow` picks at `nowMs`. */
export async function windowReport(store: Store, windows: readonly BlackoutWindow[], options: WindowReportOptions): Promise<AuditReport> {
  const window = reportWindow(windows, options.nowMs, options.windowId);
  if (!window) throw new NoWindowError();
  const tagged = await store.listIncidents({ windowId: window.id });
  // Incidents recorded without a window id but posted inside it (e.g. a window added afterwards).
  const untagged = (await store.listIncidents({ fromMs: window.startMs, toMs: window.endMs })).filter((i) => i.windowId === null);
  const incidents = [...tagged, ...untagged];
  const names = typeof options.names === 'function' ? await options.names(incidents) : options.names;
  return buildAuditReport(window, incidents, options.nowMs, {
    ...(options.language !== undefined && { language: options.language }),
    ...(options.configFingerprint !== undefined && { configFingerprint: options.configFingerprint }),
    ...(names !== undefined && { names }),
  });
}
