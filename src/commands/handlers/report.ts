/**
 * `/blackout report`: the incidents of a window (the one asked for, else the current one, else
 * the last one) recorded in this workspace, counted by verdict, action and channel.
 */
import { formatInstant, lastWindow, windowsAt } from '../../core/index.ts';
import type { Incident } from '../../store/store.ts';
import type { ReplyField } from '../reply.ts';
import type { Handler } from './handler.ts';

/** Channels listed at most; the rest are summed as "others". */
const TOP_CHANNELS = 10;

function count<T>(items: Iterable<T>): [T, number][] {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

export const report: Handler = async ({ ctx, invocation, language, t, ephemeral }) => {
  const windows = ctx.live.engine.windows;
  const asked = invocation.options.window;
  const window = asked
    ? windows.find((w) => w.id === asked)
    : (windowsAt(windows, ctx.nowMs)[0] ?? lastWindow(windows, ctx.nowMs));
  if (!window) {
    const text = asked
      ? t.windowUnknown(asked, windows.map((w) => `\`${w.id}\``).join(', ') || t.none)
      : t.reportNoWindow;
    return { text, ephemeral: true };
  }
  let incidents: Incident[];
  try {
    incidents = await ctx.store.listIncidents({
      windowId: window.id,
      platform: ctx.actor.platform,
      workspaceId: ctx.workspaceId,
    });
  } catch (err) {
    ctx.logger?.error({ err }, 'command: report could not read the store');
    return { text: t.storeDown, ephemeral: true };
  }
  const title = t.reportTitle(window.name);
  if (incidents.length === 0) return { title, text: t.reportEmpty, ephemeral };

  const fields: ReplyField[] = [
    { name: t.fieldByVerdict, value: count(incidents.map((i) => i.verdict)).map(([v, n]) => `${v}: ${n}`).join('\n') },
  ];
  const actions = incidents.flatMap((i) => i.actions.map((a) => `${a.action} (${t.outcome[a.outcome]})`));
  if (actions.length > 0) {
    fields.push({ name: t.fieldByAction, value: count(actions).map(([a, n]) => `${a}: ${n}`).join('\n') });
  }
  const channels = count(incidents.map((i) => i.channelId));
  const shown = channels.slice(0, TOP_CHANNELS).map(([c, n]) => `<#${c}>: ${n}`);
  const others = channels.slice(TOP_CHANNELS).reduce((sum, [, n]) => sum + n, 0);
  if (others > 0) shown.push(`…: ${others}`);
  fields.push({ name: t.fieldByChannel, value: shown.join('\n') });
  const failures = incidents.flatMap((i) =>
    i.actions.filter((a) => a.outcome === 'failed').map((a) => `${a.action}${a.detail ? `: ${a.detail}` : ''}`),
  );
  if (failures.length > 0) {
    fields.push({ name: t.fieldFailures, value: count(failures).map(([f, n]) => `${f} (${n})`).join('\n') });
  }
  const text = t.reportSummary(
    incidents.length,
    formatInstant(window.startMs, window.zone, language),
    formatInstant(window.endMs, window.zone, language),
  );
  return { title, text, fields, ephemeral };
};
