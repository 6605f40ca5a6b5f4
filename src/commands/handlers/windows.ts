/** `/blackout windows list|add|remove`. */
import { formatInstant, type BlackoutWindow } from '../../core/index.ts';
import type { Language } from '../context.ts';
import type { CommandTexts } from '../texts.ts';
import { applyChange } from './change.ts';
import type { Handler } from './handler.ts';

function describe(w: BlackoutWindow, language: Language): { start: string; end: string } {
  return { start: formatInstant(w.startMs, w.zone, language), end: formatInstant(w.endMs, w.zone, language) };
}

function knownIds(windows: readonly BlackoutWindow[], t: CommandTexts): string {
  return windows.length === 0 ? t.none : windows.map((w) => `\`${w.id}\``).join(', ');
}

export const listWindows: Handler = ({ ctx, language, t, ephemeral }) => {
  const windows = ctx.live.engine.windows;
  if (windows.length === 0) return { title: t.windowsTitle, text: t.windowsNone, ephemeral };
  const lines = windows.map((w) => {
    const { start, end } = describe(w, language);
    const state = ctx.nowMs < w.startMs ? 'upcoming' : ctx.nowMs < w.endMs ? 'open' : 'over';
    return t.windowLine(w.id, w.name, start, end, w.zone, t.windowState[state]);
  });
  return { title: t.windowsTitle, text: lines.join('\n'), ephemeral };
};

export const addWindow: Handler = (input) => {
  const { ctx, invocation, language, t, ephemeral } = input;
  const o = invocation.options;
  const id = o.id ?? '';
  const existed = ctx.live.engine.windows.some((w) => w.id === id);
  const window = {
    id,
    start: o.start ?? '',
    end: o.end ?? '',
    ...(o.timezone !== undefined && { timezone: o.timezone }),
    ...(o.name !== undefined && { name: o.name }),
  };
  return applyChange(input, { kind: 'window.add', window }, () => {
    const added = ctx.live.engine.windows.find((w) => w.id === id);
    const { start, end } = added ? describe(added, language) : { start: window.start, end: window.end };
    return { text: (existed ? t.windowReplaced : t.windowAdded)(id, start, end), ephemeral };
  });
};

export const removeWindow: Handler = (input) => {
  const { ctx, invocation, t, ephemeral } = input;
  const id = invocation.options.id ?? '';
  const windows = ctx.live.engine.windows;
  if (!windows.some((w) => w.id === id)) return { text: t.windowUnknown(id, knownIds(windows, t)), ephemeral: true };
  return applyChange(input, { kind: 'window.remove', id }, () => ({ text: t.windowRemoved(id), ephemeral }));
};
