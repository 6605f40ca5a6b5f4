/**
 * The Slack app on Bolt: message events → moderation, the `/blackout` slash command, and the
 * reminder sink for the scheduler. Over HTTP (Events API at `/slack/events`, requests verified
 * with the signing secret) or in Socket Mode when an app-level token is given.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { LiveConfig } from '../runtimeConfig/live.ts';
import type { Logger } from '../log/logger.ts';
import type { PlatformAdapter, ReminderSink } from '../platform/index.ts';
import type { Store } from '../store/store.ts';
import type { SweepService } from '../sweep/service.ts';
import { slackHistory } from './history.ts';
import { InFlight } from '../util/inFlight.ts';
import { WorkQueue } from '../util/workQueue.ts';
import { boltLogger } from './boltLogger.ts';
import { describeSlackError, WebClient, webClientOptions, type RetryOptions } from './client.ts';
import { refuseStaleOrFutureRequests } from './freshRequests.ts';
import { registerMessageEvents } from './messageEvents.ts';
import { slackReminderSink } from './reminderSink.ts';
import { registerSlashCommand } from './slashCommand.ts';

/** The path Slack posts events and slash commands to (also in slack/manifest.yaml). */
export const EVENTS_PATH = '/slack/events';

/** How long stopping waits for moderation already under way. */
const STOP_GRACE_MS = 10_000;

/** Messages moderated at once; the rest wait, so that acknowledgements never queue behind them. */
const MODERATION_CONCURRENCY = 32;

export interface SlackAppOptions {
  /** Bot token (`xoxb-…`). */
  botToken: string;
  /** App-level token (`xapp-…`): Socket Mode, no public URL needed. */
  appToken?: string;
  /** Verifies HTTP requests; required without `appToken`. */
  signingSecret?: string;
  /** HTTP port; 0 picks a free one (see `SlackApp.port`). Unused in Socket Mode. */
  port: number;
  /** Interface to listen on; all of them by default. */
  host?: string;
  /** Replaces `https://slack.com/api/` for every Web API call, auth.test included. */
  apiUrl?: string;
  /** A user token allowed to delete others' messages; without it, nothing is deleted. */
  adminUserToken?: string;
  live: LiveConfig;
  store: Store;
  logger: Logger;
  /** Key of the keyed text hash kept in incidents. */
  hashKey?: string;
  /** Web API retry policy (tests shorten the waits); about 30 s of retries by default. */
  retryConfig?: RetryOptions;
  /**
   * Sweeps of what was already posted: the workspace's history is handed to it (with a catch-up
   * sweep at start and after a Socket Mode reconnection), `/blackout sweep` runs it.
   */
  sweeps?: SweepService;
}

export interface SlackApp extends PlatformAdapter {
  readonly platform: 'slack';
  /** The HTTP port actually listened on (0 in Socket Mode). */
  readonly port: number;
  /** Posts scheduled reminders to `slack.reminderChannels`. */
  readonly reminderSink: ReminderSink;
  /** The bot's user id, from auth.test. */
  readonly botUserId: string | undefined;
  /** Stops receiving, then waits for work under way (bounded). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Checks the bot token (auth.test), starts the receiver and resolves once Slack can reach the app.
 * Rejects when the token is refused or the HTTP port cannot be listened on.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<SlackApp> {
  // Every line of the Slack side names its platform once, here.
  const logger = options.logger.child({ platform: 'slack' });
  const clientOptions = webClientOptions({
    logger,
    ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }),
    ...(options.retryConfig !== undefined && { retryConfig: options.retryConfig }),
  });
  const client = new WebClient(options.botToken, clientOptions);
  const adminClient = options.adminUserToken !== undefined ? new WebClient(options.adminUserToken, clientOptions) : undefined;

  // Our own auth.test, once: Bolt then knows the bot's ids and does not call it per event.
  let auth: { user_id?: string; bot_id?: string; team_id?: string; enterprise_id?: string };
  try {
    auth = await client.auth.test();
  } catch (err) {
    throw new Error(`Slack refused the bot token (auth.test: ${describeSlackError(err)})`);
  }

  const socketMode = options.appToken !== undefined;
  let receiver: Receiver;
  if (options.appToken !== undefined) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger(logger, 'slack-socket-mode'),
      // apps.connections.open goes to the configured API URL as well.
      installerOptions: { clientOptions: { ...clientOptions } },
    });
  } else {
    if (options.signingSecret === undefined) throw new Error('SLACK_SIGNING_SECRET is needed over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
    const http = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: EVENTS_PATH,
      // Acknowledge first (Slack wants an answer within 3 s), work afterwards.
      processBeforeResponse: false,
      logger: boltLogger(logger, 'slack-receiver'),
    });
    refuseStaleOrFutureRequests(http, logger);
    receiver = http;
  }

  const app = new App({
    token: options.botToken,
    ...(auth.bot_id !== undefined && { botId: auth.bot_id }),
    ...(auth.user_id !== undefined && { botUserId: auth.user_id }),
    tokenVerificationEnabled: false,
    receiver,
    clientOptions,
    logger: boltLogger(logger, 'slack-bolt'),
    ignoreSelf: true,
    // No conversation state is kept: this saves a lookup per event.
    convoStore: false,
  });
  app.error(async (err) => {
    logger.error({ err }, 'Slack listener failed');
  });

  const inFlight = new InFlight();
  const track = <T>(work: Promise<T>): Promise<T> => inFlight.track(work);
  const queue = new WorkQueue(MODERATION_CONCURRENCY);
  const own = { ...(auth.team_id !== undefined && { teamId: auth.team_id }), ...(auth.enterprise_id && { enterpriseId: auth.enterprise_id }) };
  registerMessageEvents(app, {
    live: options.live,
    store: options.store,
    logger,
    ...(options.hashKey !== undefined && { hashKey: options.hashKey }),
    client,
    ...(adminClient && { adminClient }),
    botToken: options.botToken,
    ...(auth.user_id !== undefined && { botUserId: auth.user_id }),
    own,
    ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }),
    track,
    queue,
    ...(options.sweeps && { sweeps: options.sweeps }),
  });
  registerSlashCommand(app, {
    live: options.live,
    store: options.store,
    logger,
    client,
    own,
    track,
    ...(options.sweeps && { sweeps: options.sweeps }),
  });

  let port = 0;
  if (socketMode) {
    await app.start();
  } else {
    const server = (await app.start({ port: options.port, ...(options.host !== undefined && { host: options.host }) })) as Server;
    port = (server.address() as AddressInfo).port;
  }
  logger.info(
    { mode: socketMode ? 'socket' : 'http', port: socketMode ? undefined : port, team: auth.team_id, deletion: adminClient !== undefined },
    'Slack app started',
  );
  if (options.sweeps && auth.team_id !== undefined) {
    const sweeps = options.sweeps;
    const history = slackHistory({
      client,
      ...(adminClient && { adminClient }),
      config: () => options.live.config,
      teamId: auth.team_id,
      ...(auth.user_id !== undefined && { botUserId: auth.user_id }),
      files: { client, botToken: options.botToken, ...(options.apiUrl !== undefined && { apiUrl: options.apiUrl }), logger },
      logger,
    });
    sweeps.addSource(history, { catchUp: true });
    // Events sent while the socket was down may never come: catch up after each reconnection
    // (the first connection was made by app.start(), before this listener).
    if (receiver instanceof SocketModeReceiver) receiver.client.on('connected', () => void sweeps.catchUp(history));
  }

  let stopping: Promise<void> | undefined;
  return {
    platform: 'slack',
    port,
    reminderSink: slackReminderSink(client),
    botUserId: auth.user_id,
    stop() {
      stopping ??= (async () => {
        try {
          await app.stop();
        } catch (err) {
          logger.warn({ err }, 'Slack receiver did not stop cleanly');
        }
        await inFlight.drain(STOP_GRACE_MS);
        logger.info('Slack app stopped');
      })();
      return stopping;
    },
  };
}
