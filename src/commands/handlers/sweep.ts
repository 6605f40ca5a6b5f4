/**
 * `/blackout sweep [channel] [since]`: an admin asks for a sweep of what was already posted in
 * this workspace (one channel or all). The sweep runs after the reply; its digest goes to the
 * moderators' channel like any sweep's.
 */
import { formatInstant, parseDuration } from '../../core/index.ts';
import type { Handler } from './handler.ts';

/** A channel given as an id or a mention (`<#123>`, Slack's `<#C123|name>`). */
function channelId(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return /^<#([A-Z0-9]+)(\|[^>]*)?>$/i.exec(trimmed)?.[1] ?? trimmed;
}

export const sweep: Handler = ({ ctx, invocation, language, t }) => {
  if (!ctx.sweeps) return { text: t.sweepUnavailable, ephemeral: true };
  // Asked for by an admin, a sweep runs even where `sweep.enabled: false` turns the automatic ones off.
  const config = ctx.live.config;
  const since = invocation.options.since?.trim();
  const back = since ? parseDuration(since) : config.sweep.lookback;
  if (back === undefined) return { text: t.sweepBadSince(since ?? ''), ephemeral: true };
  const sinceMs = ctx.nowMs - back;
  const channel = channelId(invocation.options.channel);
  void ctx.sweeps
    .onDemand({ workspaceId: ctx.workspaceId, sinceMs, ...(channel !== undefined && { channelId: channel }) })
    .catch((err: unknown) => ctx.logger?.error({ err }, 'command: sweep failed'));
  ctx.logger?.info({ userId: ctx.actor.userId, platform: ctx.actor.platform, channel, sinceMs }, 'command: sweep started');
  const where = channel !== undefined ? `<#${channel}>` : t.sweepEverywhere;
  return { text: t.sweepStarted(where, formatInstant(sinceMs, config.timezone, language)), ephemeral: true };
};
