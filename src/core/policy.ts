/**
 * What to do about a classified message, from the configuration: which actions for its verdict,
 * inside or outside a window, after exemptions and per-channel overrides.
 */
import type { ActionName } from './actions/registry.ts';
import { inRunOrder } from './actions/registry.ts';
import type { Config, VerdictActions } from './config/schema.ts';
import type { Classification, Verdict } from './verdict.ts';

/** Defaults when the configuration names no actions for a verdict. */
export const DEFAULT_ACTIONS: { inWindow: Record<Verdict, ActionName[]>; outsideWindow: Record<Verdict, ActionName[]> } = {
  inWindow: { share: ['warn', 'delete', 'alert', 'record'], mention: [], none: [] },
  outsideWindow: { share: ['log'], mention: [], none: [] },
};

/** Where a message was posted and by whom, as far as the policy cares. */
export interface MessageContext {
  channelId: string;
  /** The parent channel of a thread or forum post. */
  parentChannelId?: string;
  authorId: string;
  /** Discord role ids of the author. */
  roleIds?: readonly string[];
}

export interface Decision {
  /** Actions to take, in the order to take them. */
  actions: ActionName[];
  /** Why nothing is done, when the message is exempt. */
  exemptBecause?: 'channel' | 'role' | 'user';
  /** Moderators' channel for this message, if one is configured. */
  alertChannel?: string;
}

/**
 * Decides the actions for a classification. `platformAlertChannel` is the platform's default
 * moderators' channel (`discord.alertChannel` or `slack.alertChannel`).
 */
export function decide(
  config: Config,
  classification: Classification,
  context: MessageContext,
  platformAlertChannel?: string,
): Decision {
  const { policy } = config;
  const override = policy.channels[context.channelId] ??
    (context.parentChannelId !== undefined ? policy.channels[context.parentChannelId] : undefined);
  const alertChannel = override?.alertChannel ?? platformAlertChannel;
  const base = alertChannel === undefined ? {} : { alertChannel };
  const exemptBecause = exemption(config, context, override?.exempt === true);
  if (exemptBecause) return { ...base, actions: [], exemptBecause };
  const key = classification.inBlackout ? 'inWindow' : 'outsideWindow';
  const actions =
    pick(override?.[key], classification.verdict) ??
    pick(policy[key], classification.verdict) ??
    DEFAULT_ACTIONS[key][classification.verdict];
  return { ...base, actions: inRunOrder(actions) };
}

/**
 * Decides the actions for a message found by a sweep of what was already posted. Only a share is
 * acted on; inside a window (at the time of the sweep, not of the message) it gets
 * `policy.sweep`, outside it is recorded only. Exemptions and the channel's moderators' channel
 * apply as for live messages. A sweep never pings the author: `warn` and `remind` are dropped
 * (the channel gets one notice per sweep instead).
 */
export function decideSweep(
  config: Config,
  classification: Classification,
  context: MessageContext,
  platformAlertChannel?: string,
): Decision {
  const live = decide(config, { ...classification, verdict: 'none' }, context, platformAlertChannel);
  if (live.exemptBecause || classification.verdict !== 'share') return { ...live, actions: [] };
  const actions = classification.inBlackout ? config.policy.sweep : (['record'] as ActionName[]);
  return { ...live, actions: inRunOrder(actions.filter((a) => a !== 'warn' && a !== 'remind')) };
}

function pick(actions: VerdictActions | undefined, verdict: Verdict): ActionName[] | undefined {
  return actions?.[verdict];
}

function exemption(config: Config, context: MessageContext, channelExempt: boolean): Decision['exemptBecause'] {
  const { exemptChannels, exemptRoles, exemptUsers } = config.policy;
  if (
    channelExempt ||
    exemptChannels.includes(context.channelId) ||
    (context.parentChannelId !== undefined && exemptChannels.includes(context.parentChannelId))
  ) {
    return 'channel';
  }
  if (context.roleIds?.some((r) => exemptRoles.includes(r))) return 'role';
  if (exemptUsers.includes(context.authorId)) return 'user';
  return undefined;
}
