/**
 * Refuses signed requests whose timestamp is more than five minutes from now, in the past *or in
 * the future*. Bolt's HTTPReceiver refuses only old ones; a request signed with a timestamp ahead
 * of time could otherwise be replayed until that time has passed.
 * @see https://api.slack.com/authentication/verifying-requests-from-slack#validating-a-request
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../log/logger.ts';

/** Slack's limit between a request's timestamp and the receiver's clock. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** Whether a timestamp header (seconds) is within the allowed skew of `nowMs`. */
export function freshTimestamp(header: string | string[] | undefined, nowMs: number = Date.now()): boolean {
  if (typeof header !== 'string') return true; // unsigned: Bolt refuses it on its own
  const seconds = Number(header);
  return Number.isFinite(seconds) && Math.abs(nowMs / 1000 - seconds) <= MAX_SKEW_SECONDS;
}

/** Puts the two-sided timestamp check in front of the receiver's own request handling. */
export function refuseStaleOrFutureRequests(receiver: HTTPReceiver, logger: Logger): void {
  const handle = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (!freshTimestamp(req.headers['x-slack-request-timestamp'])) {
      logger.warn({ timestamp: req.headers['x-slack-request-timestamp'] }, 'request refused: its signature timestamp is more than 5 minutes from now');
      res.writeHead(401).end();
      return;
    }
    handle(req, res);
  };
}
