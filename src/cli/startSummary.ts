/**
 * What `npm start` tells the person who ran it once the bots are up: which platforms are
 * connected, the invite link on a line of its own (to copy), the windows in force or the next
 * one, and the next reminder. The same facts go into one JSON log line for machines.
 */
import { formatInstant, nextWindow, windowsAt, type BlackoutWindow, type Config, type Language } from '../core/index.ts';
import { planReminders } from '../scheduler/index.ts';

export interface ConnectedPlatform {
  platform: 'discord' | 'slack';
  /** e.g. "as Blackout#1234 in 3 servers", "2 shard processes", "Socket Mode, team T123". */
  detail: string;
  /** Discord: the link that adds the bot to a server. */
  invite?: string;
}

export interface StartSummary {
  platforms: ConnectedPlatform[];
  /** Windows containing now. */
  inForce: { id: string; name: string; until: string }[];
  /** The next window to open, if none is in force. */
  next?: { id: string; name: string; from: string };
  /** The next reminder due, if any. */
  nextReminder?: { key: string; window: string; kind: string; at: string };
  /** False when no reminder channel is configured (`discord`/`slack.reminderChannels`). */
  remindersOn: boolean;
}

/** The facts, with times written in each window's zone and the configuration's language. */
export function startSummary(
  platforms: ConnectedPlatform[],
  windows: readonly BlackoutWindow[],
  config: Pick<Config, 'reminders' | 'language' | 'discord' | 'slack'>,
  nowMs: number,
): StartSummary {
  const language: Language = config.language;
  const at = (ms: number, w: BlackoutWindow): string => formatInstant(ms, w.zone, language);
  const inForce = windowsAt(windows, nowMs).map((w) => ({ id: w.id, name: w.name, until: at(w.endMs, w) }));
  const upcoming = nextWindow(windows, nowMs);
  const remindersOn = platforms.some((p) => config[p.platform].reminderChannels.length > 0);
  const reminder = remindersOn ? planReminders(windows, config.reminders).find((r) => r.fireAtMs > nowMs) : undefined;
  return {
    platforms,
    remindersOn,
    inForce,
    ...(inForce.length === 0 && upcoming !== undefined && { next: { id: upcoming.id, name: upcoming.name, from: at(upcoming.startMs, upcoming) } }),
    ...(reminder !== undefined && {
      nextReminder: { key: reminder.key, window: reminder.window.name, kind: reminder.kind, at: at(reminder.fireAtMs, reminder.window) },
    }),
  };
}

const KIND: Record<string, string> = { before: 'before the window opens', open: 'as the window opens', close: 'as the window closes' };

/** The summary for people: short lines, the invite alone on its line. */
export function renderStartSummary(summary: StartSummary): string {
  const lines = ['blackout-guard is running.'];
  for (const p of summary.platforms) {
    lines.push(`  ${p.platform === 'discord' ? 'Discord' : 'Slack'}: connected, ${p.detail}.`);
    if (p.invite !== undefined) lines.push('  Add the bot to a server with:', `    ${p.invite}`);
  }
  if (summary.inForce.length > 0) {
    lines.push('  Blackout in force:');
    for (const w of summary.inForce) lines.push(`    ${w.name} (${w.id}), until ${w.until}`);
  } else if (summary.next !== undefined) {
    lines.push(`  No blackout in force. Next: ${summary.next.name} (${summary.next.id}), from ${summary.next.from}.`);
  } else {
    lines.push('  No blackout in force, and no window ahead.');
  }
  const r = summary.nextReminder;
  if (!summary.remindersOn) lines.push('  Reminders: off (no reminderChannels configured).');
  else lines.push(r === undefined ? '  Next reminder: none planned.' : `  Next reminder: ${r.at}, ${KIND[r.kind] ?? r.kind} (${r.window}).`);
  lines.push('  Stop with Ctrl+C.');
  return `${lines.join('\n')}\n`;
}
