/**
 * Which reminders a configuration calls for, and which of them are still worth sending when their
 * time has passed. Pure: data in, data out, so that a scheduling decision can be replayed in tests.
 */
import { formatDurationSpec, type BlackoutWindow, type Config, type ReminderKind } from '../core/index.ts';

export interface PlannedReminder {
  /** `${windowId}:${kind}:${offset}`, e.g. `fr-2017-t2-metropole:before:1d` (24h spelt canonically); names the cron task. */
  id: string;
  /**
   * What is claimed in the store: the id plus the fire time, e.g.
   * `fr-2017-t2-metropole:before:1d:2017-05-05T00:00:00.000Z` (the same key node-cron's run
   * coordinator uses). A window moved by command gets fresh keys, hence fresh reminders.
   */
  key: string;
  window: BlackoutWindow;
  kind: ReminderKind;
  /** How long before the opening, for `before`; 0 otherwise. */
  leadMs: number;
  /** When it is due, epoch ms, on a whole second (cron's resolution, never early). */
  fireAtMs: number;
}

/** Every reminder of every window, sorted by fire time. */
export function planReminders(windows: readonly BlackoutWindow[], reminders: Config['reminders']): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  for (const window of windows) {
    for (const leadMs of new Set(reminders.before)) {
      if (leadMs > 0) out.push(planned(window, 'before', leadMs, window.startMs - leadMs));
    }
    if (reminders.onOpen) out.push(planned(window, 'open', 0, window.startMs));
    if (reminders.onClose) out.push(planned(window, 'close', 0, window.endMs));
  }
  return out.sort((a, b) => a.fireAtMs - b.fireAtMs || a.key.localeCompare(b.key));
}

function planned(window: BlackoutWindow, kind: ReminderKind, leadMs: number, atMs: number): PlannedReminder {
  const fireAtMs = Math.ceil(atMs / 1000) * 1000;
  const id = `${window.id}:${kind}:${kind === 'before' ? formatDurationSpec(leadMs) : '0'}`;
  return { id, key: `${id}:${new Date(fireAtMs).toISOString()}`, window, kind, leadMs, fireAtMs };
}

/**
 * Whether a reminder still means something at `nowMs`: a `before` reminder until the window
 * opens, `open` while the window is open, `close` within `closeGraceMs` after the end.
 */
export function stillRelevant(reminder: PlannedReminder, nowMs: number, closeGraceMs: number): boolean {
  switch (reminder.kind) {
    case 'before':
      return nowMs < reminder.window.startMs;
    case 'open':
      return nowMs < reminder.window.endMs;
    case 'close':
      return nowMs < reminder.window.endMs + closeGraceMs;
  }
}

export interface CatchUp {
  /** Due and still relevant: send now (unless already sent). */
  send: PlannedReminder[];
  /** Due but stale, or superseded by a later reminder of the same window: never sent. */
  skip: PlannedReminder[];
  /** Not yet due: left to the cron schedule. */
  future: PlannedReminder[];
}

/**
 * Sorts the plan at `nowMs` (at start, or after a change): reminders whose time passed while the
 * bot was down are sent if still relevant. Of several missed `before` reminders of one window,
 * only the latest is sent (one "begins in 2 hours" rather than "in 24 hours" then "in 1 hour").
 */
export function catchUp(plan: readonly PlannedReminder[], nowMs: number, closeGraceMs: number): CatchUp {
  const due = plan.filter((r) => r.fireAtMs <= nowMs);
  const future = plan.filter((r) => r.fireAtMs > nowMs);
  const latestBefore = new Map<string, PlannedReminder>();
  for (const r of due) {
    if (r.kind !== 'before') continue;
    const seen = latestBefore.get(r.window.id);
    if (!seen || r.fireAtMs > seen.fireAtMs) latestBefore.set(r.window.id, r);
  }
  const send: PlannedReminder[] = [];
  const skip: PlannedReminder[] = [];
  for (const r of due) {
    const superseded = r.kind === 'before' && latestBefore.get(r.window.id) !== r;
    // An `open` reminder is pointless once the window is over even if `close` is not yet sent.
    if (!superseded && stillRelevant(r, nowMs, closeGraceMs)) send.push(r);
    else skip.push(r);
  }
  return { send, skip, future };
}

/**
 * Lead time to write in a `before` reminder sent at `nowMs`: the configured one when on time,
 * the real time left when sent late (catch-up, retries), so the text never lies.
 */
export function leadAt(reminder: PlannedReminder, nowMs: number): number {
  if (reminder.kind !== 'before') return 0;
  const late = nowMs - reminder.fireAtMs;
  // Rounded to the minute, as reminders write it: 29 min 59 s left reads "30 minutes".
  return late <= 60_000 ? reminder.leadMs : Math.max(0, Math.round((reminder.window.startMs - nowMs) / 60_000) * 60_000);
}
