/**
 * Moderation of one message, the same on every platform: classify with the core, decide with the
 * policy, then take the actions through the platform's ports (warn before delete, alert after,
 * record last with every outcome). A failing action is logged and recorded; it never stops the
 * others and never throws out of here.
 */
import {
  blackoutEnd,
  classify,
  decide,
  MATCHERS,
  renderMentionReminder,
  renderWarning,
  type ActionName,
  type BlackoutWindow,
  type Classification,
  type Decision,
  type Language,
  type Warning,
} from '../core/index.ts';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import type { ActionOutcome, Incident, Store } from '../store/store.ts';
import type { IncomingMessage } from './incoming.ts';
import { keyedTextHash } from './textHash.ts';

/** Thrown by a port when the action is not possible (e.g. no permission): recorded as skipped. */
export class ActionSkipped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ActionSkipped';
  }
}

export interface ModeratorAlert {
  alertChannel: string;
  message: IncomingMessage;
  classification: Classification;
  /** The matched rules, described for people (`link to pastebin.com/abc`). */
  rules: string[];
  window?: BlackoutWindow;
  /** What became of the deletion, when one was attempted. */
  deletion?: ActionOutcome;
  language: Language;
}

/** What a platform adapter provides for one message. */
export interface ModerationPorts {
  /** How the platform mentions a user, e.g. `<@123>`. */
  mention(userId: string): string;
  /** Posts a warning (or a gentle reminder) in the message's channel. */
  warn(warning: Warning, kind: 'warning' | 'reminder'): Promise<void>;
  /** Deletes the message; throws `ActionSkipped` when not allowed. */
  delete(): Promise<void>;
  /** Alerts the moderators' channel. */
  alert(alert: ModeratorAlert): Promise<void>;
}

export interface ModerationDeps {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  /** Key of the keyed text hash kept in incidents. */
  hashKey?: string;
  /** The platform's moderators' channel and language. */
  platform: { alertChannel?: string; language?: Language };
}

export interface ModerationResult {
  classification: Classification;
  decision: Decision;
  outcomes: ActionOutcome[];
  incident?: Incident;
}

const DESCRIBE = new Map(MATCHERS.map((m) => [m.kind, m.describe]));

/** Moderates one message. */
export async function moderate(deps: ModerationDeps, message: IncomingMessage, ports: ModerationPorts): Promise<ModerationResult> {
  const { live, store, logger } = deps;
  const engine = live.engine;
  const config = engine.config;
  const classification = classify(engine, { text: message.text, attachments: message.attachments, at: message.atMs });
  const decision = decide(
    config,
    classification,
    {
      channelId: message.channelId,
      ...(message.parentChannelId !== undefined && { parentChannelId: message.parentChannelId }),
      authorId: message.authorId,
      ...(message.roleIds !== undefined && { roleIds: message.roleIds }),
    },
    deps.platform.alertChannel,
  );
  const language = deps.platform.language ?? config.language;
  const window = engine.windows.find((w) => w.id === classification.windows[0]) ?? nextOrLast(engine.windows, message.atMs);
  const endMs = blackoutEnd(engine.windows, message.atMs);
  const ids = { platform: message.platform, workspace: message.workspaceId, channel: message.channelId, message: message.messageId, author: message.authorId };
  const outcomes: ActionOutcome[] = [];
  let incident: Incident | undefined;

  const attempt = async (action: ActionName, run: () => Promise<void>): Promise<ActionOutcome> => {
    let outcome: ActionOutcome;
    try {
      await run();
      outcome = { action, outcome: 'done' };
    } catch (err) {
      const skipped = err instanceof ActionSkipped;
      outcome = { action, outcome: skipped ? 'skipped' : 'failed', detail: (err as Error).message };
      logger[skipped ? 'info' : 'warn']({ ...ids, action, detail: outcome.detail }, `action ${action} ${outcome.outcome}`);
    }
    outcomes.push(outcome);
    return outcome;
  };

  for (const action of decision.actions) {
    switch (action) {
      case 'warn':
      case 'remind': {
        if (!window) {
          outcomes.push({ action, outcome: 'skipped', detail: 'no blackout window configured' });
          break;
        }
        const allowed = await warningAllowed(store, logger, message, config.policy.warnEvery);
        if (!allowed) {
          outcomes.push({ action, outcome: 'skipped', detail: 'author warned recently in this channel' });
          break;
        }
        const input = { language, mention: ports.mention(message.authorId), window, ...(endMs !== undefined && { endMs }) };
        const text = action === 'warn' ? renderWarning(config, input) : renderMentionReminder(config, input);
        const posted = await attempt(action, () => ports.warn(text, action === 'warn' ? 'warning' : 'reminder'));
        // A warning that did not reach the author must not silence the next one.
        if (posted.outcome === 'failed') await store.releaseWarningSlot(warningKey(message), message.atMs).catch(() => undefined);
        break;
      }
      case 'delete':
        await attempt('delete', () => ports.delete());
        break;
      case 'alert': {
        if (!decision.alertChannel) {
          outcomes.push({ action, outcome: 'skipped', detail: 'no moderators channel configured' });
          break;
        }
        const alert: ModeratorAlert = {
          alertChannel: decision.alertChannel,
          message,
          classification,
          rules: classification.signals.map((s) => DESCRIBE.get(s.kind)!(s.rule)),
          ...(window && { window }),
          ...(outcomes.find((o) => o.action === 'delete') && { deletion: outcomes.find((o) => o.action === 'delete')! }),
          language,
        };
        await attempt('alert', () => ports.alert(alert));
        break;
      }
      case 'record':
        try {
          incident = await store.recordIncident({
            platform: message.platform,
            workspaceId: message.workspaceId,
            channelId: message.channelId,
            messageId: message.messageId,
            authorId: message.authorId,
            verdict: classification.verdict,
            leakIds: classification.leaks,
            signalKinds: [...new Set(classification.signals.map((s) => s.kind))],
            rules: [...new Set(classification.signals.map((s) => s.rule))],
            windowId: classification.windows[0] ?? null,
            actions: [...outcomes],
            textHash: keyedTextHash(message.text, deps.hashKey),
            messageAt: message.atMs,
          });
          outcomes.push({ action: 'record', outcome: 'done' });
        } catch (err) {
          outcomes.push({ action: 'record', outcome: 'failed', detail: (err as Error).message });
          logger.error({ ...ids, err }, 'incident could not be recorded');
        }
        break;
      case 'log':
        outcomes.push({ action: 'log', outcome: 'done' });
        break;
    }
  }
  if (classification.verdict !== 'none' || decision.actions.length > 0) {
    logger.info(
      {
        ...ids,
        verdict: classification.verdict,
        inBlackout: classification.inBlackout,
        windows: classification.windows,
        leaks: classification.leaks,
        signals: classification.signals.map((s) => s.kind),
        ...(decision.exemptBecause && { exempt: decision.exemptBecause }),
        actions: outcomes.map((o) => `${o.action}:${o.outcome}`),
      },
      'message moderated',
    );
  }
  return { classification, decision, outcomes, ...(incident && { incident }) };
}

/** During an outage of the store, warnings go on (a duplicate warning beats a missing one). */
async function warningAllowed(store: Store, logger: Logger, message: IncomingMessage, intervalMs: number): Promise<boolean> {
  try {
    return await store.takeWarningSlot(warningKey(message), message.atMs, intervalMs);
  } catch (err) {
    logger.warn({ err, channel: message.channelId }, 'warning rate limit unavailable; warning anyway');
    return true;
  }
}

/** Warnings are rate-limited per platform, channel and author. */
function warningKey(message: IncomingMessage): string {
  return `${message.platform}:${message.channelId}:${message.authorId}`;
}

function nextOrLast(windows: readonly BlackoutWindow[], atMs: number): BlackoutWindow | undefined {
  return windows.find((w) => w.startMs > atMs) ?? windows[windows.length - 1];
}
