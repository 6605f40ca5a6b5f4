/**
 * The one moderation entry point every platform adapter calls for a message event: claim the
 * event (once across deliveries and instances), read the message, moderate it with the platform's
 * moderators' channel and language, through the platform's actions.
 */
import type { IncomingMessage, MessageEvent } from '../platform/index.ts';
import { claim } from './claim.ts';
import { moderate, type ModerationDeps, type ModerationResult } from './moderate.ts';

/** Where live messages are noted as the last seen in their channel (for the catch-up sweep). */
export interface SeenDeps {
  sweeps?: { lastSeen: { saw(message: IncomingMessage): void } };
}

/** What became of one event: moderated (with the result), or already handled elsewhere. */
export type EventOutcome = { duplicate: true } | { duplicate: false; result: ModerationResult };

/**
 * Moderates the message of one event, unless the event was already claimed. Rejects only when the
 * message cannot be read (the adapter logs it); a failing action is recorded, never thrown.
 */
export async function handleMessageEvent(deps: Omit<ModerationDeps, 'platform'> & SeenDeps, event: MessageEvent): Promise<EventOutcome> {
  const { logger } = deps;
  if (!(await claim(deps.store, logger, event.key, event.ids))) {
    logger.info(event.ids, 'event already handled (a redelivery or another instance)');
    return { duplicate: true };
  }
  const config = deps.live.config;
  const settings = config[event.platform];
  const language = settings.language ?? config.language;
  const incoming = await event.read(config);
  deps.sweeps?.lastSeen.saw(incoming);
  const result = await moderate(
    { ...deps, eventKey: event.key, platform: { ...(settings.alertChannel !== undefined && { alertChannel: settings.alertChannel }), language } },
    incoming,
    event.actions(language),
  );
  // Handled to the end: no other instance may take it over.
  await deps.store.finishEvent(event.key).catch((err: unknown) => logger.warn({ ...event.ids, err }, 'event could not be marked handled'));
  return { duplicate: false, result };
}
