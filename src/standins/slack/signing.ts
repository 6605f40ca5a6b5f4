/**
 * Requests signed the way Slack signs them: `X-Slack-Signature: v0=HMAC-SHA256(secret,
 * "v0:" + timestamp + ":" + body)` with `X-Slack-Request-Timestamp`, for events (JSON) and slash
 * commands (form). Tests can also sign wrongly or with an old timestamp.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface SignOptions {
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Overrides the computed signature (a forged request). */
  signature?: string;
  /** `X-Slack-Retry-Num`, as Slack adds when it retries. */
  retryNum?: number;
}

export function sign(secret: string, body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface Posted {
  status: number;
  body: string;
  /** Milliseconds from sending to the full answer. */
  elapsedMs: number;
}

/** Posts `body` with Slack's signature headers. */
export async function postSigned(url: string, secret: string, body: string, contentType: string, options: SignOptions = {}): Promise<Posted> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? sign(secret, body, timestamp),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text, elapsedMs: performance.now() - started };
}

/** An Events API envelope around `event`, as Slack posts it. */
export function eventEnvelope(event: Record<string, unknown>, options: { teamId: string; eventId?: string; apiAppId?: string }): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: options.teamId,
    api_app_id: options.apiAppId ?? 'A0STANDIN',
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: options.teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  };
}

/** Posts an event envelope, signed. */
export function postEvent(url: string, secret: string, envelope: Record<string, unknown>, options: SignOptions = {}): Promise<Posted> {
  return postSigned(url, secret, JSON.stringify(envelope), 'application/json', options);
}

/** Posts a slash command payload (form-encoded), signed. */
export function postCommand(url: string, secret: string, fields: Record<string, string>, options: SignOptions = {}): Promise<Posted> {
  return postSigned(url, secret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** A Slack message ts for now (unique within the process). */
let counter = 0;
export function slackTs(atMs: number = Date.now()): string {
  counter = (counter + 1) % 1_000_000;
  return `${Math.floor(atMs / 1000)}.${String(counter).padStart(6, '0')}`;
}
