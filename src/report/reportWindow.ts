/**
 * Which blackout window a report covers: the one named, else the one in force, else the last one
 * that ended, else the next one.
 */
import { lastWindow, nextWindow, windowsAt, type BlackoutWindow } from '../core/index.ts';

export class UnknownWindowError extends Error {
  constructor(id: string, known: readonly BlackoutWindow[]) {
    super(`no blackout window "${id}" (known: ${known.map((w) => w.id).join(', ') || 'none'})`);
    this.name = 'UnknownWindowError';
  }
}

export function reportWindow(windows: readonly BlackoutWindow[], nowMs: number, id?: string): BlackoutWindow | undefined {
  if (id !== undefined) {
    const named = windows.find((w) => w.id === id);
    if (!named) throw new UnknownWindowError(id, windows);
    return named;
  }
  return windowsAt(windows, nowMs)[0] ?? lastWindow(windows, nowMs) ?? nextWindow(windows, nowMs);
}
