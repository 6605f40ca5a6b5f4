/** `/blackout status`: the window in force or the next one, and the time left. */
import { blackoutEnd, formatDuration, formatInstant, lastWindow, nextWindow, windowsAt } from '../../core/index.ts';
import type { Handler } from './handler.ts';

export const status: Handler = async ({ ctx, language, t, ephemeral }) => {
  const windows = ctx.live.engine.windows;
  const now = ctx.nowMs;
  const open = windowsAt(windows, now);
  const lines: string[] = [];
  if (open.length > 0) {
    // Overlapping windows: the blackout lasts until the last of them ends.
    const end = blackoutEnd(windows, now) ?? open[0]!.endMs;
    const ending = open.find((w) => w.endMs === end) ?? open[0]!;
    lines.push(
      t.statusInForce(
        open.map((w) => w.name).join(' + '),
        formatInstant(end, ending.zone, language),
        formatDuration(end - now, language),
      ),
    );
  }
  const next = nextWindow(windows, now);
  if (next) {
    lines.push(
      t.statusNext(
        next.name,
        formatInstant(next.startMs, next.zone, language),
        formatDuration(next.startMs - now, language),
        formatInstant(next.endMs, next.zone, language),
      ),
    );
  }
  if (lines.length === 0) {
    lines.push(t.statusNone);
    const last = lastWindow(windows, now);
    if (last) lines.push(t.statusLast(last.name, formatInstant(last.endMs, last.zone, language)));
  }
  // Sweeps of the last day, running and done (none where the store is down).
  const sweeps = await ctx.sweeps?.status().catch(() => []);
  for (const s of (sweeps ?? []).slice(0, 5)) lines.push(t.sweepStatus(s.id, s.channelsDone, s.channelsRunning, s.scanned, s.found, s.removed));
  return { title: t.statusTitle, text: lines.join('\n'), ephemeral };
};
