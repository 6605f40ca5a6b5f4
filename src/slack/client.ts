/**
 * The Web API client, through Bolt's own copy of `@slack/web-api` (no second copy to keep in step),
 * with the options every client of the app shares: the API base URL, a request time limit and
 * real retries (429 waits for `Retry-After`, 5xx and lost connections back off).
 */
import { webApi } from '@slack/bolt';
import type { Logger } from '../log/logger.ts';
import { boltLogger } from './boltLogger.ts';

export const { WebClient, ErrorCode } = webApi;
export type WebClient = webApi.WebClient;
export type WebClientOptions = webApi.WebClientOptions;
export type RetryOptions = webApi.RetryOptions;

/** About 30 s of retries in all: a warning posted late beats a warning lost. */
export const DEFAULT_RETRY: RetryOptions = { retries: 5, factor: 2, minTimeout: 1_000, maxTimeout: 15_000, randomize: true };

/** A call that hangs longer than this is abandoned (and retried). */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface ClientSettings {
  apiUrl?: string;
  retryConfig?: RetryOptions;
  logger: Logger;
}

/** Options for every WebClient of the app (Bolt's included). */
export function webClientOptions(settings: ClientSettings): WebClientOptions {
  return {
    ...(settings.apiUrl !== undefined && { slackApiUrl: settings.apiUrl }),
    retryConfig: settings.retryConfig ?? DEFAULT_RETRY,
    timeout: REQUEST_TIMEOUT_MS,
    logger: boltLogger(settings.logger, 'slack-web-api'),
  };
}

/** Slack's error code (`cant_delete_message`, `channel_not_found`, …) when the API refused a call. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; data?: { error?: unknown } } | null;
  if (e && e.code === ErrorCode.PlatformError && typeof e.data?.error === 'string') return e.data.error;
  return undefined;
}

/** A short description of a failed call for logs and incidents (never a payload). */
export function describeSlackError(err: unknown): string {
  const code = slackErrorCode(err);
  if (code !== undefined) return code;
  const e = err as { code?: unknown; statusCode?: unknown; message?: unknown } | null;
  if (e && e.code === ErrorCode.HTTPError && typeof e.statusCode === 'number') return `HTTP ${e.statusCode}`;
  if (e && e.code === ErrorCode.RateLimitedError) return 'rate limited';
  return typeof e?.message === 'string' ? e.message : String(err);
}
