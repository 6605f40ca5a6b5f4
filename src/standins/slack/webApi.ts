/**
 * A stand-in for Slack's Web API, for tests and benchmarks: an HTTP server on 127.0.0.1 that
 * answers the methods the app calls, records every call (method, parameters, token), serves
 * `url_private` file downloads to the bot token only, takes `response_url` posts, and can fail a
 * method once with a 429 (Retry-After) or a 500.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateLimiter, type RateLimitRule } from '../rateLimit.ts';
import { history, page, replies, withReplyCounts, type SlackMessage, type StandInChannel } from './history.ts';

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Token from the Authorization header (or the `token` parameter). */
  token: string | undefined;
  /** HTTP status the stand-in answered with. */
  status: number;
}

export interface StandInUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

export interface Failure {
  status: 429 | 500;
  /** Seconds, for a 429. */
  retryAfter?: number;
}

export interface SlackStandInOptions {
  botToken?: string;
  adminToken?: string;
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** Per-method rate limits (Slack's tiers); a call over the limit gets 429 with Retry-After. */
  rateLimits?: Record<string, RateLimitRule>;
}

export class SlackStandIn {
  readonly botToken: string;
  readonly adminToken: string;
  /** App-level token (Socket Mode): only apps.connections.open accepts it. */
  readonly appToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  /** Every Web API call, in arrival order (failed attempts included, with their status). */
  readonly calls: RecordedCall[] = [];
  /** Bodies posted to response URLs (`/response/…`). */
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  /** File downloads: path, and whether the bot token was presented. */
  readonly downloads: { path: string; authorized: boolean }[] = [];
  readonly users = new Map<string, StandInUser>();
  readonly usergroups = new Map<string, string[]>();
  /** Error code chat.delete answers with (even to the admin token), e.g. `cant_delete_message`. */
  deleteError: string | undefined;
  /** WebSocket URL apps.connections.open hands out (Socket Mode). */
  socketUrl: string | undefined;
  /** Called when a method is answered successfully (benchmarks time chat.postMessage with it). */
  onCall: ((call: RecordedCall) => void) | undefined;
  readonly #failures = new Map<string, Failure[]>();
  /** Channels of the workspace (the app is a member of some). */
  readonly channels = new Map<string, StandInChannel>();
  /** Messages of each channel (thread replies included), for the history methods. */
  readonly messages = new Map<string, SlackMessage[]>();
  /** Calls let through and refused by the configured rate limits, by method. */
  readonly rateLimiter = new RateLimiter();
  readonly #rateLimits: Record<string, RateLimitRule>;
  readonly #files = new Map<string, { content: Buffer; delayMs: number }>();
  readonly #server: Server;
  #ts = 0;
  #url = '';

  private constructor(options: SlackStandInOptions) {
    this.botToken = options.botToken ?? 'xoxb-standin-bot-token';
    this.adminToken = options.adminToken ?? 'xoxp-standin-admin-token';
    this.appToken = options.appToken ?? 'xapp-standin-app-token';
    this.teamId = options.teamId ?? 'T0STANDIN';
    this.botUserId = options.botUserId ?? 'U0BOT';
    this.botId = options.botId ?? 'B0BOT';
    this.#rateLimits = options.rateLimits ?? {};
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  }

  /** Starts a stand-in on 127.0.0.1 and a free port. */
  static async start(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
    const standIn = new SlackStandIn(options);
    await new Promise<void>((resolve) => standIn.#server.listen(0, '127.0.0.1', resolve));
    standIn.#url = `http://127.0.0.1:${(standIn.#server.address() as AddressInfo).port}`;
    return standIn;
  }

  /** Base URL for `slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.#url}/api/`;
  }

  get origin(): string {
    return this.#url;
  }

  /** A response URL for a slash command payload. */
  responseUrl(id: string): string {
    return `${this.#url}/response/${id}`;
  }

  /** Serves `content` as a private file; returns its `url_private`. */
  addFile(name: string, content: Buffer | string, options: { delayMs?: number } = {}): string {
    const path = `/files-pri/${this.teamId}-F${this.#files.size + 1}/${encodeURIComponent(name)}`;
    this.#files.set(path, { content: Buffer.from(content), delayMs: options.delayMs ?? 0 });
    return `${this.#url}${path}`;
  }

  /** Adds a channel (the app is a member unless said otherwise). */
  addChannel(id: string, name: string, options: { isMember?: boolean; isPrivate?: boolean } = {}): void {
    this.channels.set(id, { id, name, isMember: options.isMember ?? true, ...(options.isPrivate !== undefined && { isPrivate: options.isPrivate }) });
    if (!this.messages.has(id)) this.messages.set(id, []);
  }

  /**
   * Stores a message in a channel's history, as if posted earlier (no event is sent). `threadTs`
   * makes it a reply. Returns its ts.
   */
  addHistory(channel: string, message: Record<string, unknown> & { atMs?: number; threadTs?: string }): string {
    if (!this.channels.has(channel)) this.addChannel(channel, channel.toLowerCase());
    const { atMs, threadTs, ...rest } = message;
    const ts = (rest.ts as string | undefined) ?? this.#tsAt(atMs ?? Date.now());
    const stored: SlackMessage = { type: 'message', ...rest, ts, ...(threadTs !== undefined && { thread_ts: threadTs }) };
    this.messages.get(channel)!.push(stored);
    return ts;
  }

  /** The next call to `method` fails as described (failures queue up in order). */
  failNext(method: string, failure: Failure): void {
    const list = this.#failures.get(method) ?? [];
    list.push(failure);
    this.#failures.set(method, list);
  }

  /** Successful calls to `method`. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Polls until `condition` holds; rejects after `timeoutMs` with `what` in the message. */
  async waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.#url);
    const raw = await readBody(req);
    if (req.method === 'GET' && url.pathname.startsWith('/files-pri/')) return this.#serveFile(req, res, url.pathname);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      this.responses.push({ path: url.pathname, body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const params = parseParams(req.headers['content-type'] ?? '', raw);
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : typeof params.token === 'string' ? params.token : undefined;
    const failure = this.#failures.get(method)?.shift();
    if (failure) {
      this.calls.push({ method, params, token, status: failure.status });
      if (failure.status === 429) {
        res.writeHead(429, { 'retry-after': String(failure.retryAfter ?? 1), 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      } else {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      }
      return;
    }
    const rule = this.#rateLimits[method];
    if (rule) {
      const state = this.rateLimiter.take(method, rule);
      if (!state.allowed) {
        this.calls.push({ method, params, token, status: 429 });
        res.writeHead(429, { 'retry-after': String(Math.max(1, Math.ceil(state.resetAfterMs / 1000))), 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
    }
    const call: RecordedCall = { method, params, token, status: 200 };
    this.calls.push(call);
    const answer = this.#answer(method, params, token);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    if (answer.ok === true) this.onCall?.(call);
  }

  #answer(method: string, params: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    if (method === 'apps.connections.open') {
      if (token !== this.appToken) return { ok: false, error: 'not_allowed_token_type' };
      return this.socketUrl !== undefined ? { ok: true, url: this.socketUrl } : { ok: false, error: 'internal_error' };
    }
    const known = token === this.botToken || token === this.adminToken;
    if (!known) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return token === this.botToken
          ? { ok: true, url: 'https://standin.slack.com/', team: 'Stand-in', user: 'blackout-guard', team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId }
          : { ok: true, team_id: this.teamId, user_id: 'U0ADMIN' };
      case 'chat.postMessage':
        return { ok: true, channel: params.channel, ts: this.#nextTs(), message: { text: params.text, bot_id: this.botId } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.#nextTs() };
      case 'chat.delete': {
        if (this.deleteError !== undefined) return { ok: false, error: this.deleteError };
        if (token !== this.adminToken) return { ok: false, error: 'cant_delete_message' };
        const list = this.messages.get(String(params.channel));
        const at = list?.findIndex((m) => m.ts === params.ts) ?? -1;
        if (list && at >= 0) list.splice(at, 1);
        return { ok: true, channel: params.channel, ts: params.ts };
      }
      case 'files.delete': {
        // Like Slack: an admin's user token may delete anyone's file, the bot token only its own.
        if (token !== this.adminToken) return { ok: false, error: 'cant_delete_file' };
        const path = [...this.#files.keys()].find((p) => p.includes(`-${String(params.file)}/`));
        if (path === undefined) return { ok: false, error: 'file_not_found' };
        this.#files.delete(path);
        return { ok: true };
      }
      case 'users.conversations': {
        const mine = [...this.channels.values()].filter((c) => c.isMember);
        const { items, next } = page(mine, params);
        return {
          ok: true,
          channels: items.map((c) => ({ id: c.id, name: c.name, is_channel: !c.isPrivate, is_private: c.isPrivate === true, is_member: true, is_archived: false })),
          response_metadata: { next_cursor: next },
        };
      }
      case 'conversations.history': {
        const channel = this.channels.get(String(params.channel));
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!channel.isMember) return { ok: false, error: 'not_in_channel' };
        const list = this.messages.get(channel.id)!;
        withReplyCounts(list);
        return history(list, params);
      }
      case 'conversations.replies': {
        const channel = this.channels.get(String(params.channel));
        if (!channel) return { ok: false, error: 'channel_not_found' };
        return replies(this.messages.get(channel.id)!, params);
      }
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: params.channel,
          permalink: `https://standin.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace('.', '')}`,
        };
      case 'users.info': {
        const user = this.users.get(String(params.user));
        return user ? { ok: true, user: { id: params.user, ...user } } : { ok: false, error: 'user_not_found' };
      }
      case 'usergroups.users.list': {
        const users = this.usergroups.get(String(params.usergroup));
        return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async #serveFile(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const authorized = req.headers.authorization === `Bearer ${this.botToken}`;
    this.downloads.push({ path, authorized });
    const file = this.#files.get(path);
    if (!authorized || !file) {
      res.writeHead(authorized ? 404 : 403).end();
      return;
    }
    if (file.delayMs > 0) await new Promise((r) => setTimeout(r, file.delayMs));
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.content.length) });
    res.end(file.content);
  }

  /** A ts at `atMs`, unique within the stand-in. */
  #tsAt(atMs: number): string {
    this.#ts += 1;
    return `${Math.floor(atMs / 1000)}.${String((atMs % 1000) * 1000 + (this.#ts % 1000)).padStart(6, '0')}`;
  }

  #nextTs(): string {
    this.#ts += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.#ts).padStart(6, '0')}`;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The Web API takes form bodies (objects JSON-encoded inside) or JSON. */
function parseParams(contentType: string, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
