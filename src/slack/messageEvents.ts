/**
 * Message events → moderation. Bolt acknowledges each event before this runs (Slack wants an
 * answer within 3 s); the work happens afterwards. Events of another workspace are ignored; the
 * rest go to the one moderation entry point, which claims the event (`event_id`) in the store
 * first, so that it is moderated once even across several instances.
 */
import type { App } from '@slack/bolt';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import { handleMessageEvent as moderateEvent, type SeenDeps } from '../moderation/handleMessage.ts';
import type { Store } from '../store/store.ts';
import type { WorkQueue } from '../util/workQueue.ts';
import type { WebClient } from './client.ts';
import { triageMessageEvent, type SlackMessageEvent } from './message.ts';
import { toIncomingMessage } from './messageInput.ts';
import { slackActions } from './ports.ts';
import { fromOwnWorkspace, type OwnWorkspace } from './workspace.ts';

export interface MessageEventDeps {
  live: LiveConfig;
  store: Store;
  logger: Logger;
  hashKey?: string;
  client: WebClient;
  adminClient?: WebClient;
  botToken: string;
  botUserId?: string;
  /** Our team (and Enterprise Grid org), from auth.test. */
  own: OwnWorkspace;
  apiUrl?: string;
  /** Keeps track of work running after the acknowledgement, so that stopping can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Where moderation waits its turn, behind the acknowledgements of the events still arriving. */
  queue: WorkQueue;
  /** Notes each live message as the last seen in its channel (catch-up sweeps after downtime). */
  sweeps?: SeenDeps['sweeps'];
}

interface EventEnvelope {
  event_id?: unknown;
  team_id?: unknown;
  enterprise_id?: unknown;
}

/** Moderates people's messages as they are posted, edited or shared with files. */
export function registerMessageEvents(app: App, deps: MessageEventDeps): void {
  app.event('message', async ({ event, body }) => {
    // Not awaited: Bolt has acknowledged; the work waits its turn in the queue.
    void deps.track(deps.queue.run(() => handleMessageEvent(deps, event as unknown as SlackMessageEvent, body as EventEnvelope)));
  });
}

/** Handles one message event. Never throws: a failure is logged and the app goes on. */
export async function handleMessageEvent(deps: MessageEventDeps, event: SlackMessageEvent, envelope: EventEnvelope): Promise<void> {
  const { logger } = deps;
  const eventId = typeof envelope.event_id === 'string' ? envelope.event_id : undefined;
  try {
    if (!fromOwnWorkspace(deps.own, envelope)) {
      logger.warn(
        { eventId, team: typeof envelope.team_id === 'string' ? envelope.team_id : undefined, ownTeam: deps.own.teamId },
        'event of another workspace ignored',
      );
      return;
    }
    const triage = triageMessageEvent(event, deps.botUserId);
    if (!triage.moderate) {
      if (triage.reason === 'malformed') logger.warn({ eventId }, 'malformed message event ignored');
      else logger.debug({ eventId, reason: triage.reason }, 'message event not moderated');
      return;
    }
    const { channel, message } = triage;
    const workspaceId = typeof envelope.team_id === 'string' ? envelope.team_id : (message.team ?? deps.own.teamId ?? 'unknown');
    const ids = { workspace: workspaceId, channel, message: message.ts, author: message.user, eventId: eventId ?? '' };
    const files = { client: deps.client, botToken: deps.botToken, logger, ...(deps.apiUrl !== undefined && { apiUrl: deps.apiUrl }) };
    await moderateEvent(deps, {
      platform: 'slack',
      // Without an event_id (never seen from Slack) the message itself identifies the event.
      key: `slack:event:${eventId ?? `${channel}:${message.ts}:${triage.edited ? triage.atMs : 'new'}`}`,
      ids,
      read: (config) => toIncomingMessage(triage, { config, workspaceId, files, ids }),
      actions: (language) =>
        slackActions(
          { client: deps.client, ...(deps.adminClient && { adminClient: deps.adminClient }), config: deps.live.config, language, logger },
          {
            channel,
            ts: message.ts,
            threadTs: triage.threadTs,
            inThread: triage.inThread,
            userId: message.user,
            edited: triage.edited,
            fileIds: (Array.isArray(message.files) ? message.files : []).flatMap((f) => (typeof f?.id === 'string' ? [f.id] : [])),
          },
        ),
    });
    logger.debug(ids, 'message event handled');
  } catch (err) {
    logger.error({ eventId, err }, 'message event could not be handled');
  }
}
