/**
 * Blackout windows: half-open intervals [start, end) of real time, each written in its own IANA
 * zone. Local times are read in the window's zone by luxon, so a window is right across
 * daylight-saving changes; comparisons are on epoch milliseconds.
 */
import { DateTime } from 'luxon';
import type { Config, WindowConfig } from './config/schema.ts';

export interface BlackoutWindow {
  id: string;
  name: string;
  election?: string;
  round?: number | string;
  region?: string;
  /** The zone the window is written in (used to show its times to people). */
  zone: string;
  /** First instant of the blackout, epoch ms. */
  startMs: number;
  /** First instant after the blackout (polls closed), epoch ms. */
  endMs: number;
}

/** Reads one configured window in its zone (or `defaultZone`). Assumes it passed the schema. */
export function toBlackoutWindow(w: WindowConfig, defaultZone: string): BlackoutWindow {
  const zone = w.timezone ?? defaultZone;
  const start = DateTime.fromISO(w.start, { zone });
  const end = DateTime.fromISO(w.end, { zone });
  return {
    id: w.id,
    name: w.name ?? w.id,
    ...(w.election !== undefined && { election: w.election }),
    ...(w.round !== undefined && { round: w.round }),
    ...(w.region !== undefined && { region: w.region }),
    zone,
    startMs: start.toMillis(),
    endMs: end.toMillis(),
  };
}

/** Every configured window, sorted by start. */
export function blackoutWindows(config: Pick<Config, 'windows' | 'timezone'>): BlackoutWindow[] {
  return config.windows.map((w) => toBlackoutWindow(w, config.timezone)).sort((a, b) => a.startMs - b.startMs);
}

/** Whether `atMs` is inside the window: start included, end excluded. */
export function contains(window: BlackoutWindow, atMs: number): boolean {
  return window.startMs <= atMs && atMs < window.endMs;
}

/** The windows containing `atMs`. */
export function windowsAt(windows: readonly BlackoutWindow[], atMs: number): BlackoutWindow[] {
  return windows.filter((w) => contains(w, atMs));
}

/** The window that starts soonest after `atMs`, if any. */
export function nextWindow(windows: readonly BlackoutWindow[], atMs: number): BlackoutWindow | undefined {
  let next: BlackoutWindow | undefined;
  for (const w of windows) if (w.startMs > atMs && (!next || w.startMs < next.startMs)) next = w;
  return next;
}

/** The window that ended most recently at or before `atMs`, if any. */
export function lastWindow(windows: readonly BlackoutWindow[], atMs: number): BlackoutWindow | undefined {
  let last: BlackoutWindow | undefined;
  for (const w of windows) if (w.endMs <= atMs && (!last || w.endMs > last.endMs)) last = w;
  return last;
}

/**
 * When the blackout in force at `atMs` is over: the end of the overlapping windows containing it,
 * followed through any window that starts before the previous one ends. Undefined outside.
 */
export function blackoutEnd(windows: readonly BlackoutWindow[], atMs: number): number | undefined {
  let end: number | undefined;
  for (const w of windowsAt(windows, atMs)) if (end === undefined || w.endMs > end) end = w.endMs;
  if (end === undefined) return undefined;
  let extended = true;
  while (extended) {
    extended = false;
    for (const w of windows) {
      if (w.startMs <= end && w.endMs > end) {
        end = w.endMs;
        extended = true;
      }
    }
  }
  return end;
}
