/**
 * Moderation of one message, the same on every platform: classify with the core, decide with the
 * policy, write the incident ahead (the actions intended), then take the actions through the
 * platform's message actions (src/platform): warn before delete, alert after, each outcome added
 * to the incident as it comes, the incident completed last. A failing action is logged and
 * recorded; it never stops the others and never throws out of here.
 */
import {
  blackoutEnd,
  classify,
  decide,
  renderMentionReminder,
  renderWarning,
  type ActionName,
  type BlackoutWindow,
  type Classification,
  type Decision,
  type Language,
} from '../core/index.ts';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import { ActionSkipped, type IncomingMessage, type MessageActions, type ModeratorAlert } from '../platform/index.ts';
import { INTERRUPTED_DETAIL } from '../store/incident.ts';
import type { ActionOutcome, Incident, Store } from '../store/store.ts';
import { describeSignal, inspectMessage, processInspector, withAttachmentNames, type AttachmentInspector } from '../inspect/index.ts';
import { incidentInput, inspectionNotes } from './incidentInput.ts';

export interface ModerationDeps {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  /** Key of the keyed text hash kept in incidents. */
  hashKey?: string;
  /** The platform's moderators' channel and language. */
  platform: { alertChannel?: string; language?: Language };
  /** The event being handled: its write-ahead incident is keyed by it (one incident per event). */
  eventKey?: string;
  /** Inspects what is inside attachments; default: the process's own (src/inspect/shared.ts). */
  inspector?: AttachmentInspector;
}

export interface ModerationResult {
  classification: Classification;
  decision: Decision;
  outcomes: ActionOutcome[];
  incident?: Incident;
}

/** Moderates one message. */
export async function moderate(deps: ModerationDeps, message: IncomingMessage, ports: MessageActions): Promise<ModerationResult> {
  const { live, store, logger } = deps;
  const engine = live.engine;
  const config = engine.config;
  // Only a message with attachments held in memory waits for their inspection (src/inspect/).
  const classification = await inspectMessage(
    message.held?.length ? (deps.inspector ?? processInspector()) : undefined,
    engine,
    classify(engine, { text: message.text, attachments: message.attachments, at: message.atMs }),
    message.held,
    { logger, ids: { channel: message.channelId, message: message.messageId } },
  );
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
  // The platform is named once, by the adapter's logger.
  const ids = { workspace: message.workspaceId, channel: message.channelId, message: message.messageId, author: message.authorId };
  const outcomes: ActionOutcome[] = [];
  let incident: Incident | undefined;

  // Write-ahead: the incident, with the actions about to be taken, is durable before any is taken,
  // so that an instance dying mid-way never leaves an action without its record. A takeover of a
  // dead instance's event finds it begun: the outcomes it confirmed stand and are not redone.
  let confirmed = new Map<ActionName, ActionOutcome>();
  if (decision.actions.includes('record')) {
    try {
      incident = await store.openIncident(incidentInput(message, classification, deps.hashKey, 'live'), deps.eventKey ?? messageKey(message), decision.actions);
      confirmed = new Map(incident.actions.filter((a) => a.detail !== INTERRUPTED_DETAIL).map((a) => [a.action, a]));
    } catch (err) {
      logger.error({ ...ids, err }, 'incident could not be written before acting; acting anyway');
    }
  }
  /** Records progress after each action (best effort: the outcome is also kept for the end). */
  const progress = async (): Promise<void> => {
    if (!incident) return;
    incident = { ...incident, actions: [...outcomes] };
    await store.saveIncident(incident).catch((err: unknown) => logger.warn({ ...ids, err }, 'incident progress could not be written'));
  };

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
    await progress();
    return outcome;
  };

  for (const action of decision.actions) {
    const earlier = confirmed.get(action);
    if (earlier) {
      outcomes.push(earlier);
      continue;
    }
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
        const text = action === 'warn' ? withAttachmentNames(renderWarning(config, input), language, classification.signals) : renderMentionReminder(config, input);
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
        const deletion = outcomes.find((o) => o.action === 'delete');
        const alert: ModeratorAlert = {
          alertChannel: decision.alertChannel,
          message,
          classification,
          rules: classification.signals.map(describeSignal),
          ...(window && { window }),
          ...(deletion && { deletion }),
          language,
        };
        await attempt('alert', () => ports.alert(alert));
        break;
      }
      case 'record':
        try {
          const complete: Incident = incident
            ? { ...incident, actions: [...outcomes], state: 'complete' }
            : await store.recordIncident({ ...incidentInput(message, classification, deps.hashKey, 'live'), actions: [...outcomes] });
          if (incident) await store.saveIncident(complete);
          incident = complete;
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
        ...inspectionNotes(classification),
        ...(decision.exemptBecause && { exempt: decision.exemptBecause }),
        actions: outcomes.map((o) => `${o.action}:${o.outcome}`),
      },
      'message moderated',
    );
  }
  return { classification, decision, outcomes, ...(incident && { incident }) };
}


/** The event key of a message handled without one (one incident per message version). */
function messageKey(message: IncomingMessage): string {
  return `${message.platform}:${message.workspaceId}:${message.channelId}:${message.messageId}:${message.edited ? message.atMs : 'new'}`;
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
