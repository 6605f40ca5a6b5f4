/**
 * Message events → moderation. Bolt acknowledges each event before this runs (Slack wants an
 * answer within 3 s); the work happens afterwards. A retried event (same `event_id`) is claimed in
 * the store first, so that it is moderated once even across several instances.
 */
import type { App } from '@slack/bolt';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import { moderate } from '../moderation/moderate.ts';
import type { IncomingMessage } from '../moderation/incoming.ts';
import type { Store } from '../store/store.ts';
import type { WebClient } from './client.ts';
import { hashSlackFiles } from './files.ts';
import { triageMessageEvent, type SlackMessageEvent } from './message.ts';
import { slackPorts } from './ports.ts';
import { textWithBlockLinks } from './richText.ts';

export interface MessageEventDeps {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  hashKey?: string;
  client: WebClient;
  adminClient?: WebClient;
  botToken: string;
  botUserId?: string;
  /** Team of the bot token, used when an event does not name its team. */
  teamId?: string;
  apiUrl?: string;
  /** Keeps track of work running after the acknowledgement, so that stopping can wait for it. */
  track(work: Promise<void>): Promise<void>;
}

interface EventEnvelope {
  event_id?: unknown;
  team_id?: unknown;
}

/** Moderates people's messages as they are posted, edited or shared with files. */
export function registerMessageEvents(app: App, deps: MessageEventDeps): void {
  app.event('message', async ({ event, body }) => {
    await deps.track(handleMessageEvent(deps, event as unknown as SlackMessageEvent, body as EventEnvelope));
  });
}

/** Handles one message event. Never throws: a failure is logged and the app goes on. */
export async function handleMessageEvent(deps: MessageEventDeps, event: SlackMessageEvent, envelope: EventEnvelope): Promise<void> {
  const { logger } = deps;
  const eventId = typeof envelope.event_id === 'string' ? envelope.event_id : undefined;
  try {
    const triage = triageMessageEvent(event, deps.botUserId);
    if (!triage.moderate) {
      if (triage.reason === 'malformed') logger.warn({ platform: 'slack', eventId }, 'malformed message event ignored');
      else logger.debug({ platform: 'slack', eventId, reason: triage.reason }, 'message event not moderated');
      return;
    }
    const { channel, message } = triage;
    const workspaceId = typeof envelope.team_id === 'string' ? envelope.team_id : (message.team ?? deps.teamId ?? 'unknown');
    const ids = { platform: 'slack', workspace: workspaceId, channel, message: message.ts, author: message.user, eventId };

    // Without an event_id (never seen from Slack) the message itself identifies the event.
    const key = `slack:event:${eventId ?? `${channel}:${message.ts}:${triage.edited ? triage.atMs : 'new'}`}`;
    if (!(await claim(deps, key, ids))) {
      logger.info(ids, 'event already handled (Slack retry or another instance)');
      return;
    }

    const config = deps.live.config;
    const attachments = await hashSlackFiles(
      { client: deps.client, botToken: deps.botToken, logger, ...(deps.apiUrl !== undefined && { apiUrl: deps.apiUrl }) },
      config,
      message.files,
      { ...ids, eventId: eventId ?? '' },
    );
    const incoming: IncomingMessage = {
      platform: 'slack',
      workspaceId,
      channelId: channel,
      messageId: message.ts,
      authorId: message.user,
      text: textWithBlockLinks(message.text, message.blocks),
      attachments,
      atMs: triage.atMs,
      ...(triage.edited && { edited: true }),
    };
    const language = config.slack.language ?? config.language;
    await moderate(
      {
        live: deps.live,
        store: deps.store,
        logger,
        ...(deps.hashKey !== undefined && { hashKey: deps.hashKey }),
        platform: { ...(config.slack.alertChannel !== undefined && { alertChannel: config.slack.alertChannel }), language },
      },
      incoming,
      slackPorts(
        { client: deps.client, ...(deps.adminClient && { adminClient: deps.adminClient }), config, language, logger },
        { channel, ts: message.ts, threadTs: triage.threadTs, inThread: triage.inThread, userId: message.user, edited: triage.edited },
      ),
    );
    logger.debug(ids, 'message event handled');
  } catch (err) {
    logger.error({ platform: 'slack', eventId, err }, 'message event could not be handled');
  }
}

/** During an outage of the store the event is handled anyway (a duplicate beats a miss). */
async function claim(deps: MessageEventDeps, key: string, ids: Record<string, unknown>): Promise<boolean> {
  try {
    return await deps.store.claimEvent(key, Date.now());
  } catch (err) {
    deps.logger.warn({ ...ids, err }, 'event deduplication unavailable; handling anyway');
    return true;
  }
}
