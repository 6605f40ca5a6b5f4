/** The audit report of a window, read from the store. */
import type { BlackoutWindow } from '../core/index.ts';
import type { Store } from '../store/store.ts';
import { buildAuditReport, type AuditReport } from './auditReport.ts';
import { reportWindow } from './reportWindow.ts';

export class NoWindowError extends Error {
  constructor() {
    super('no blackout window is configured: nothing to report');
    this.name = 'NoWindowError';
  }
}

/** Builds the report of the window named `windowId`, or of the one `reportWindow` picks at `nowMs`. */
export async function windowReport(store: Store, windows: readonly BlackoutWindow[], options: { windowId?: string; nowMs: number }): Promise<AuditReport> {
  const window = reportWindow(windows, options.nowMs, options.windowId);
  if (!window) throw new NoWindowError();
  const tagged = await store.listIncidents({ windowId: window.id });
  // Incidents recorded without a window id but posted inside it (e.g. a window added afterwards).
  const untagged = (await store.listIncidents({ fromMs: window.startMs, toMs: window.endMs })).filter((i) => i.windowId === null);
  return buildAuditReport(window, [...tagged, ...untagged], options.nowMs);
}
