/**
 * Shared files: downloaded through `url_private` with the bot token only to hash them (SHA-256
 * while streaming, size cap and time limit from `attachments`), never stored. The token is sent
 * only to Slack's own hosts (or the configured API host), never to a URL elsewhere.
 */
import type { WebClient } from './client.ts';
import type { Attachment, Config } from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import { hashAttachment } from '../moderation/attachmentHash.ts';
import type { SlackFile } from './message.ts';

/** At most this many files per message are read (Slack allows 10). */
const MAX_FILES = 10;

export interface FileDeps {
  client: WebClient;
  botToken: string;
  /** The configured Web API base URL; its host may serve files too (a stand-in, a proxy). */
  apiUrl?: string;
  logger: Logger;
}

/** The message's files as the core's attachments, with their SHA-256 where they could be read. */
export async function hashSlackFiles(
  deps: FileDeps,
  config: Config,
  files: unknown,
  ids: Record<string, string>,
  /** Receives the files' content, held in memory for inspection (unless `attachments.inspect: never`). */
  held?: { name: string; bytes: Uint8Array }[],
): Promise<Attachment[]> {
  if (!Array.isArray(files)) return [];
  const usable = files.filter((f): f is SlackFile => f !== null && typeof f === 'object').slice(0, MAX_FILES);
  return Promise.all(usable.map((file) => hashOne(deps, config, file, ids, held)));
}

async function hashOne(
  deps: FileDeps,
  config: Config,
  given: SlackFile,
  ids: Record<string, string>,
  held: { name: string; bytes: Uint8Array }[] | undefined,
): Promise<Attachment> {
  let file = given;
  if (file.file_access === 'check_file_info' && typeof file.id === 'string') {
    file = (await fileInfo(deps, file.id, ids)) ?? file;
  }
  const name = file.name ?? file.title ?? file.id ?? 'file';
  const size = typeof file.size === 'number' ? file.size : undefined;
  const base: Attachment = { name, ...(size !== undefined && { size }) };
  if (file.mode === 'tombstone' || file.mode === 'hidden_by_limit') return base;
  const url = file.url_private_download ?? file.url_private;
  if (typeof url !== 'string') return base;
  if (!trustedFileHost(url, deps.apiUrl)) {
    deps.logger.warn({ ...ids, file: file.id }, 'file URL outside Slack: not downloaded');
    return base;
  }
  const result = await hashAttachment(url, {
    maxBytes: config.attachments.maxBytes,
    timeoutMs: config.attachments.timeout,
    headers: { Authorization: `Bearer ${deps.botToken}` },
    ...(size !== undefined && { announcedSize: size }),
    keep: held !== undefined && config.attachments.inspect !== 'never',
  });
  if (!result.ok) {
    deps.logger.info({ ...ids, file: file.id, reason: result.reason, detail: result.detail }, 'file not hashed');
    return base;
  }
  if (result.bytes) held?.push({ name, bytes: result.bytes });
  return { name, sha256: result.sha256, size: result.size };
}

async function fileInfo(deps: FileDeps, id: string, ids: Record<string, string>): Promise<SlackFile | undefined> {
  try {
    const info = await deps.client.files.info({ file: id });
    return info.file as SlackFile | undefined;
  } catch (err) {
    deps.logger.warn({ ...ids, file: id, err }, 'files.info failed');
    return undefined;
  }
}

/** Slack's file hosts, or the host of the configured Web API URL. */
export function trustedFileHost(url: string, apiUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (apiUrl !== undefined) {
    try {
      if (new URL(apiUrl).host === parsed.host) return true;
    } catch {
      // an unparsable API URL trusts nothing extra
    }
  }
  return parsed.protocol === 'https:' && (parsed.hostname === 'slack.com' || parsed.hostname.endsWith('.slack.com'));
}
