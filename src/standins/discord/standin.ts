/**
 * A Discord stand-in for tests, the demo and the benchmark: REST under `/api/v10` and a gateway
 * (v10, JSON, no compression) on 127.0.0.1, enough for the real discord.js client to log in,
 * receive guilds, messages and interactions, and act on them. Every REST call is recorded so
 * that tests can assert what the bot did; failures (429, 500, a dropped gateway) can be injected.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { shardOf, snowflake } from './snowflake.ts';
import { buildGuild, type GuildFixture, type GuildOptions, type Json } from './world.ts';
import { ChannelIndex, isArchived } from './history.ts';
import { RateLimiter, type RateLimitRule } from '../rateLimit.ts';

/** One REST call the bot made. `path` is relative to `/api/v10`, without the query. */
export interface RestCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  status: number;
  /** When the stand-in received it (performance.now()). */
  atMs: number;
}

/** A failure to answer instead of the normal response. */
export interface InjectedFailure {
  method: string;
  /** Matches the path relative to `/api/v10`. */
  path: RegExp;
  status: 429 | 500;
  /** Seconds, for 429 (default 0.2). */
  retryAfter?: number;
  /** How many matching calls fail (default 1). */
  times?: number;
}

export interface StandInOptions {
  token?: string;
  /** Guilds to serve (default: one guild with every default). */
  guilds?: GuildOptions[];
  /** Reported as the recommended shard count in GET /gateway/bot (default 1). */
  shards?: number;
  /** Heartbeat interval sent in HELLO, ms (default 41250, Discord's). */
  heartbeatIntervalMs?: number;
  /**
   * Per-route rate limits, keyed by route (`GET /channels/:id/messages`); each top-level resource
   * (channel, guild) has its own bucket. Answers carry Discord's `x-ratelimit-*` headers and a
   * call over the limit gets 429 with `retry_after`.
   */
  rateLimits?: Record<string, RateLimitRule>;
}

export interface PostOptions {
  channelId: string;
  authorId: string;
  content: string;
  /** Guild of the channel (default: the first guild). */
  guildId?: string;
  bot?: boolean;
  /** Send MESSAGE_CREATE (default true); false stores the message only, as if posted before the bot started. */
  dispatch?: boolean;
  /** Files served by the stand-in and listed as attachments. */
  attachments?: { name: string; data: Buffer | string; announcedSize?: number }[];
  /** When it was posted (default now): its id and timestamp follow. */
  atMs?: number;
}

export interface InteractionOptions {
  guildId?: string;
  channelId: string;
  userId: string;
  /** The member's permissions in the channel, as Discord computes them. */
  permissions: bigint;
  /** The command's options tree (`data.options`). */
  options: Json[];
  name?: string;
  locale?: string;
}

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  /** Every dispatch sent in this session, for replay on RESUME. */
  sent: { s: number; payload: string }[];
  socket: WebSocket | null;
}

const BOT_USERNAME = 'blackout-guard';

/** The stand-in. Create with `DiscordStandIn.start()`, end with `stop()`. */
export class DiscordStandIn extends EventEmitter<{ call: [RestCall]; ready: [number] }> {
  readonly token: string;
  readonly botId = snowflake();
  readonly applicationId = this.botId;
  readonly guilds: GuildFixture[];
  readonly calls: RestCall[] = [];
  /** Messages known to the stand-in (for GET and DELETE), by id. */
  readonly messages = new Map<string, Json>();
  /** The same messages by channel, in id order, for history pages. */
  readonly #history = new ChannelIndex();
  /** Guild commands and global commands registered with PUT, by scope (`global` or guild id). */
  readonly commands = new Map<string, Json[]>();
  /** Paths of attachment downloads. */
  readonly downloads: string[] = [];
  /** IDENTIFY payloads received. */
  readonly identifies: Json[] = [];
  /** RESUME payloads received. */
  readonly resumes: Json[] = [];
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  readonly #files = new Map<string, Buffer>();
  readonly #failures: (InjectedFailure & { left: number })[] = [];
  /** Calls let through and refused by the configured rate limits, by bucket. */
  readonly rateLimiter = new RateLimiter();
  readonly #options: StandInOptions;
  #port = 0;
  #readyCount = 0;

  private constructor(options: StandInOptions) {
    super();
    this.setMaxListeners(0);
    this.#options = options;
    this.token = options.token ?? 'stand-in-token';
    this.guilds = (options.guilds ?? [{}]).map((g) => buildGuild(g));
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connection(ws));
    });
  }

  /** Starts the stand-in on 127.0.0.1, on a free port. */
  static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn(options);
    await new Promise<void>((resolve) => standIn.#server.listen(0, '127.0.0.1', resolve));
    standIn.#port = (standIn.#server.address() as AddressInfo).port;
    return standIn;
  }

  /** The REST base to give the bot (`DISCORD_API_URL`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  /** The first guild's ids. */
  get ids() {
    return this.guilds[0]!.ids;
  }

  /** How many READY events were sent. */
  get readyCount(): number {
    return this.#readyCount;
  }

  /** Stops everything (servers, sockets, keep-alive connections). */
  async stop(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---- waiting -----------------------------------------------------------------------------

  /** Resolves with the first recorded call (past or future) matching `predicate`. */
  waitForCall(predicate: (call: RestCall) => boolean, timeoutMs = 20_000): Promise<RestCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onCall = (call: RestCall) => {
        if (!predicate(call)) return;
        clearTimeout(timer);
        this.off('call', onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.off('call', onCall);
        reject(new Error(`no matching REST call within ${timeoutMs} ms; calls: ${this.describeCalls()}`));
      }, timeoutMs);
      this.on('call', onCall);
    });
  }

  /** Resolves once `count` READY events have been sent in total. */
  waitForReady(count = 1, timeoutMs = 20_000): Promise<void> {
    if (this.#readyCount >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = (n: number) => {
        if (n < count) return;
        clearTimeout(timer);
        this.off('ready', onReady);
        resolve();
      };
      const timer = setTimeout(() => {
        this.off('ready', onReady);
        reject(new Error(`fewer than ${count} READY within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('ready', onReady);
    });
  }

  /** Calls matching a method and a path pattern. */
  callsTo(method: string, path: RegExp): RestCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  describeCalls(): string {
    return this.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ') || '(none)';
  }

  // ---- failures ----------------------------------------------------------------------------

  /** The next matching call(s) get this failure instead of the normal answer. */
  fail(failure: InjectedFailure): void {
    this.#failures.push({ ...failure, left: failure.times ?? 1 });
  }

  /** Drops every gateway connection (close code 4000): the client is expected to RESUME. */
  dropGateway(): void {
    for (const session of this.#sessions.values()) {
      session.socket?.close(4000, 'stand-in dropped the connection');
      session.socket = null;
    }
  }

  // ---- what people do ----------------------------------------------------------------------

  /** A member posts a message: MESSAGE_CREATE. Returns the message payload. */
  post(options: PostOptions): Json {
    const fixture = this.#guild(options.guildId);
    const id = snowflake(options.atMs);
    const attachments = (options.attachments ?? []).map((a) => {
      const data = Buffer.isBuffer(a.data) ? a.data : Buffer.from(a.data);
      const attachmentId = snowflake();
      const path = `/attachments/${options.channelId}/${attachmentId}/${encodeURIComponent(a.name)}`;
      this.#files.set(path, data);
      const url = `http://127.0.0.1:${this.#port}${path}`;
      return { id: attachmentId, filename: a.name, size: a.announcedSize ?? data.length, url, proxy_url: url, content_type: 'application/octet-stream' };
    });
    const message: Json = {
      id,
      type: 0,
      channel_id: options.channelId,
      guild_id: fixture.ids.guild,
      author: this.#user(options.authorId, options.bot === true),
      member: this.#member(fixture, options.authorId),
      content: options.content,
      timestamp: new Date(options.atMs ?? Date.now()).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments,
      embeds: [],
      pinned: false,
      flags: 0,
      components: [],
    };
    this.messages.set(id, message);
    this.#history.add(message);
    if (options.dispatch !== false) this.dispatch(fixture.ids.guild, 'MESSAGE_CREATE', message);
    return message;
  }

  /**
   * A member edits a message: MESSAGE_UPDATE. With `partial`, only the id, channel, guild, new
   * content and edit time are sent (as for a message the client may not have cached).
   */
  edit(messageId: string, content: string, options: { partial?: boolean } = {}): Json {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`unknown message ${messageId}`);
    message.content = content;
    message.edited_timestamp = new Date().toISOString();
    const payload = options.partial
      ? { id: messageId, channel_id: message.channel_id, guild_id: message.guild_id, content, edited_timestamp: message.edited_timestamp }
      : message;
    this.dispatch(message.guild_id as string, 'MESSAGE_UPDATE', payload);
    return message;
  }

  /** A member runs a slash command: INTERACTION_CREATE. Returns the interaction's id and token. */
  interact(options: InteractionOptions): { id: string; token: string } {
    const fixture = this.#guild(options.guildId);
    const id = snowflake();
    const token = `interaction-token-${id}`;
    const channel = fixture.channels.get(options.channelId);
    this.dispatch(fixture.ids.guild, 'INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type: 2,
      data: { id: snowflake(), name: options.name ?? 'blackout', type: 1, options: options.options, guild_id: fixture.ids.guild },
      guild_id: fixture.ids.guild,
      guild: { id: fixture.ids.guild, locale: fixture.locale, features: [] },
      channel_id: options.channelId,
      channel: channel ?? { id: options.channelId, type: 0 },
      member: { ...this.#member(fixture, options.userId), user: this.#user(options.userId, false), permissions: options.permissions.toString() },
      token,
      version: 1,
      app_permissions: '2147576832',
      locale: options.locale ?? 'en-US',
      guild_locale: fixture.locale,
      entitlements: [],
      authorizing_integration_owners: { '0': fixture.ids.guild },
      context: 0,
      attachment_size_limit: 8388608,
    });
    return { id, token };
  }

  /** Sends a dispatch to the session of the guild's shard (buffered while disconnected). */
  dispatch(guildId: string | null, t: string, d: Json): void {
    const session = this.#sessionFor(guildId);
    if (!session) throw new Error(`no gateway session for guild ${guildId}`);
    session.seq += 1;
    const payload = JSON.stringify({ op: 0, t, s: session.seq, d });
    session.sent.push({ s: session.seq, payload });
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(payload);
  }

  // ---- gateway -----------------------------------------------------------------------------

  #sessionFor(guildId: string | null): Session | undefined {
    const count = this.#options.shards ?? 1;
    const shard = guildId === null ? 0 : shardOf(guildId, count);
    let found: Session | undefined;
    // The newest session of that shard: a re-IDENTIFY replaces the old one.
    for (const s of this.#sessions.values()) if (s.shard[0] === shard && s.shard[1] === count) found = s;
    return found;
  }

  #connection(ws: WebSocket): void {
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#options.heartbeatIntervalMs ?? 41_250 }, s: null, t: null }));
    ws.on('message', (raw: RawData) => {
      let packet: { op: number; d: any };
      try {
        packet = JSON.parse(raw.toString());
      } catch {
        ws.close(4002, 'decode error');
        return;
      }
      switch (packet.op) {
        case 1:
          ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
          break;
        case 2:
          this.#identify(ws, packet.d);
          break;
        case 6:
          this.#resume(ws, packet.d);
          break;
        default:
          // Presence and voice updates and the like: accepted and ignored.
          break;
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      for (const s of this.#sessions.values()) if (s.socket === ws) s.socket = null;
    });
  }

  #identify(ws: WebSocket, d: Json): void {
    if (d.token !== this.token && d.token !== `Bot ${this.token}`) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    this.identifies.push({ ...d, token: '[redacted]' });
    const count = this.#options.shards ?? 1;
    const shard = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
    if (shard[1] !== count || shard[0] >= count) {
      ws.close(4010, 'Invalid shard.');
      return;
    }
    const session: Session = { id: `session-${snowflake()}`, shard, seq: 0, sent: [], socket: ws };
    // A new session of the same shard replaces the previous one.
    for (const [key, s] of this.#sessions) if (s.shard[0] === shard[0]) this.#sessions.delete(key);
    this.#sessions.set(session.id, session);
    const guilds = this.guilds.filter((g) => shardOf(g.ids.guild, count) === shard[0]);
    const user = this.#user(this.botId, true);
    this.#send(session, 'READY', {
      v: 10,
      user: { ...user, verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((g) => ({ id: g.ids.guild, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
      user_settings: {},
    });
    for (const g of guilds) {
      this.#send(session, 'GUILD_CREATE', {
        ...g.guild,
        members: [{ ...this.#member(g, this.botId), user }],
      });
    }
    this.#readyCount += 1;
    this.emit('ready', this.#readyCount);
  }

  #resume(ws: WebSocket, d: Json): void {
    const session = this.#sessions.get(String(d.session_id));
    if (!session || (d.token !== this.token && d.token !== `Bot ${this.token}`)) {
      ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    this.resumes.push({ session_id: d.session_id, seq: d.seq });
    session.socket = ws;
    const after = Number(d.seq ?? 0);
    for (const entry of session.sent) if (entry.s > after) ws.send(entry.payload);
    this.#send(session, 'RESUMED', {});
  }

  #send(session: Session, t: string, d: Json): void {
    session.seq += 1;
    const payload = JSON.stringify({ op: 0, t, s: session.seq, d });
    session.sent.push({ s: session.seq, payload });
    session.socket?.send(payload);
  }

  // ---- REST --------------------------------------------------------------------------------

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      if (url.pathname.startsWith('/attachments/')) {
        this.downloads.push(url.pathname);
        const file = this.#files.get(url.pathname);
        if (!file) return void send(res, 404, { message: 'Not Found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length });
        res.end(file);
        return;
      }
      if (!url.pathname.startsWith('/api/v10/')) return void send(res, 404, { message: 'Not Found', code: 0 });
      const path = url.pathname.slice('/api/v10'.length);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = null;
      if (raw) {
        try {
          body = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw) : raw;
        } catch {
          body = raw;
        }
      }
      const call: RestCall = { method, path, query: url.searchParams, body, status: 0, atMs: performance.now() };
      const failure = this.#failures.find((f) => f.left > 0 && f.method === method && f.path.test(path));
      if (failure) {
        failure.left -= 1;
        call.status = failure.status;
        if (failure.status === 429) {
          const retryAfter = failure.retryAfter ?? 0.2;
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(retryAfter),
            'x-ratelimit-limit': '5',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset-after': String(retryAfter),
            'x-ratelimit-bucket': `stand-in-${method}-${path.split('/')[1]}`,
            'x-ratelimit-scope': 'user',
          });
          res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: false }));
        } else {
          send(res, 500, { message: '500: Internal Server Error', code: 0 });
        }
        this.#record(call);
        return;
      }
      if (req.headers.authorization !== `Bot ${this.token}` && !path.startsWith('/interactions/') && !path.startsWith('/webhooks/')) {
        call.status = 401;
        send(res, 401, { message: '401: Unauthorized', code: 0 });
        this.#record(call);
        return;
      }
      const limited = this.#rateLimit(method, path, res);
      if (limited) {
        call.status = 429;
        this.#record(call);
        return;
      }
      const [status, answer] = this.#route(method, path, body, url.searchParams);
      call.status = status;
      send(res, status, answer);
      this.#record(call);
    });
  }

  /** Applies the configured rate limit of the call's route: sets the headers, or answers 429. */
  #rateLimit(method: string, path: string, res: ServerResponse): boolean {
    const parts = path.split('/').filter(Boolean);
    const route = `${method} /${parts.map((p) => (/^\d+$/.test(p) ? ':id' : p)).join('/')}`;
    const rule = this.#options.rateLimits?.[route];
    if (!rule) return false;
    const bucket = `${route} ${parts[1] ?? ''}`;
    const state = this.rateLimiter.take(bucket, rule);
    const resetAfter = (state.resetAfterMs / 1000).toFixed(3);
    const headers = {
      'x-ratelimit-limit': String(state.limit),
      'x-ratelimit-remaining': String(state.remaining),
      'x-ratelimit-reset': ((Date.now() + state.resetAfterMs) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter,
      'x-ratelimit-bucket': Buffer.from(route).toString('hex').slice(0, 32),
    };
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (state.allowed) return false;
    res.setHeader('retry-after', String(Math.ceil(state.resetAfterMs / 1000)));
    res.setHeader('x-ratelimit-scope', 'user');
    send(res, 429, { message: 'You are being rate limited.', retry_after: Number(resetAfter), global: false });
    return true;
  }

  #record(call: RestCall): void {
    this.calls.push(call);
    this.emit('call', call);
  }

  #route(method: string, path: string, body: any, query: URLSearchParams): [number, unknown] {
    const parts = path.split('/').filter(Boolean);
    const route = `${method} /${parts.map((p) => (/^\d+$|^interaction-token-/.test(p) ? ':id' : p)).join('/')}`;
    switch (route) {
      case 'GET /gateway/bot':
        return [200, {
          url: this.gatewayUrl,
          shards: this.#options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
        }];
      case 'GET /gateway':
        return [200, { url: this.gatewayUrl }];
      case 'GET /users/@me':
        return [200, this.#user(this.botId, true)];
      case 'GET /applications/@me':
      case 'GET /oauth2/applications/@me':
        return [200, { id: this.applicationId, name: BOT_USERNAME, bot: this.#user(this.botId, true), flags: 0, description: '' }];
      case 'GET /channels/:id': {
        const channel = this.#channel(parts[1]!);
        return channel ? [200, channel] : unknownChannel();
      }
      case 'POST /channels/:id/messages':
        return this.#createMessage(parts[1]!, body);
      case 'GET /channels/:id/messages': {
        if (!this.#channel(parts[1]!)) return unknownChannel();
        return [200, this.#history.page(parts[1]!, query)];
      }
      case 'GET /guilds/:id': {
        const fixture = this.guilds.find((g) => g.ids.guild === parts[1]);
        return fixture ? [200, { id: fixture.ids.guild, name: fixture.guild.name }] : [404, { message: 'Unknown Guild', code: 10004 }];
      }
      case 'GET /guilds/:id/channels': {
        const fixture = this.guilds.find((g) => g.ids.guild === parts[1]);
        return fixture ? [200, [...fixture.channels.values()].filter((c) => c.type !== 11)] : [404, { message: 'Unknown Guild', code: 10004 }];
      }
      case 'GET /guilds/:id/threads/active': {
        const fixture = this.guilds.find((g) => g.ids.guild === parts[1]);
        if (!fixture) return [404, { message: 'Unknown Guild', code: 10004 }];
        return [200, { threads: [...fixture.channels.values()].filter((c) => c.type === 11 && !isArchived(c)), members: [] }];
      }
      case 'GET /channels/:id/threads/archived/public': {
        const parent = parts[1]!;
        if (!this.#channel(parent)) return unknownChannel();
        const threads = this.guilds.flatMap((g) => [...g.channels.values()]).filter((c) => c.type === 11 && c.parent_id === parent && isArchived(c));
        return [200, { threads, members: [], has_more: false }];
      }
      case 'GET /channels/:id/messages/:id': {
        if (!this.#channel(parts[1]!)) return unknownChannel();
        const message = this.messages.get(parts[3]!);
        return message && message.channel_id === parts[1] ? [200, message] : unknownMessage();
      }
      case 'DELETE /channels/:id/messages/:id':
        return this.#deleteMessage(parts[1]!, parts[3]!);
      case 'POST /interactions/:id/:id/callback':
        return query.get('with_response') === 'true'
          ? [200, { interaction: { id: parts[1], type: 2 }, resource: { type: body?.type, message: body?.data ?? null } }]
          : [204, null];
      case 'PATCH /webhooks/:id/:id/messages/@original':
      case 'POST /webhooks/:id/:id':
        return [200, { id: snowflake(), type: 20, channel_id: this.ids.general, author: this.#user(this.botId, true), content: body?.content ?? '', embeds: body?.embeds ?? [], timestamp: new Date().toISOString(), flags: body?.flags ?? 0, attachments: [], mentions: [], mention_roles: [], components: [] }];
      case 'PUT /applications/:id/commands':
      case 'PUT /applications/:id/guilds/:id/commands': {
        const scope = parts.length === 3 ? 'global' : parts[3]!;
        const registered = (Array.isArray(body) ? body : []).map((c: Json) => ({ id: snowflake(), application_id: this.applicationId, version: snowflake(), ...c }));
        this.commands.set(scope, registered);
        return [200, registered];
      }
      default:
        return [404, { message: '404: Not Found', code: 0 }];
    }
  }

  #createMessage(channelId: string, body: any): [number, unknown] {
    const channel = this.#channel(channelId);
    if (!channel) return unknownChannel();
    const message: Json = {
      id: snowflake(),
      type: 0,
      channel_id: channelId,
      guild_id: channel.guild_id,
      author: this.#user(this.botId, true),
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      flags: 0,
      components: [],
      ...(body?.message_reference && { message_reference: body.message_reference }),
    };
    this.messages.set(message.id as string, message);
    this.#history.add(message);
    // Like Discord, the bot's own message comes back to it through the gateway.
    setImmediate(() => {
      try {
        this.dispatch(channel.guild_id as string, 'MESSAGE_CREATE', { ...message, member: this.#member(this.#guild(channel.guild_id as string), this.botId) });
      } catch {
        // No session (the bot is gone): nothing to echo to.
      }
    });
    return [200, message];
  }

  #deleteMessage(channelId: string, messageId: string): [number, unknown] {
    const channel = this.#channel(channelId);
    if (!channel) return unknownChannel();
    const message = this.messages.get(messageId);
    if (!message || message.channel_id !== channelId) return unknownMessage();
    if (!this.botCanManageMessages(channelId)) return [403, { message: 'Missing Permissions', code: 50013 }];
    this.messages.delete(messageId);
    this.#history.remove(message);
    return [204, null];
  }

  /** Whether the bot has Manage Messages in the channel (guild role, then channel overwrites). */
  botCanManageMessages(channelId: string): boolean {
    const channel = this.#channel(channelId);
    if (!channel) return false;
    const fixture = this.#guild(channel.guild_id as string);
    const permissionChannel = channel.type === 11 ? this.#channel(channel.parent_id as string)! : channel;
    const botRole = (fixture.guild.roles as Json[]).find((r) => r.id === fixture.ids.roles.bot)!;
    const manage = 1n << 13n;
    let allowed = (BigInt(botRole.permissions as string) & manage) !== 0n;
    for (const o of permissionChannel.permission_overwrites as Json[]) {
      if (o.id !== fixture.ids.roles.bot) continue;
      if ((BigInt(o.deny as string) & manage) !== 0n) allowed = false;
      if ((BigInt(o.allow as string) & manage) !== 0n) allowed = true;
    }
    return allowed;
  }

  /** Archives a thread (it then appears in the archived-threads listing, not the active one). */
  archiveThread(threadId: string): void {
    const thread = this.#channel(threadId);
    if (!thread) throw new Error(`unknown thread ${threadId}`);
    thread.thread_metadata = { ...(thread.thread_metadata as Json), archived: true, archive_timestamp: new Date().toISOString() };
  }

  /** Removes a channel, as if a moderator deleted it (its id then answers 10003). */
  deleteChannel(channelId: string): void {
    for (const g of this.guilds) g.channels.delete(channelId);
  }

  #channel(id: string): Json | undefined {
    for (const g of this.guilds) {
      const c = g.channels.get(id);
      if (c) return c;
    }
    return undefined;
  }

  #guild(id?: string): GuildFixture {
    const fixture = id === undefined ? this.guilds[0] : this.guilds.find((g) => g.ids.guild === id);
    if (!fixture) throw new Error(`unknown guild ${id}`);
    return fixture;
  }

  #user(id: string, bot: boolean): Json {
    const name = id === this.botId ? BOT_USERNAME : `user${id.slice(-4)}`;
    return { id, username: name, global_name: name, discriminator: '0', avatar: null, bot, public_flags: 0 };
  }

  #member(fixture: GuildFixture, userId: string): Json {
    const roles = userId === this.botId ? [fixture.ids.roles.bot] : (fixture.memberRoles.get(userId) ?? []);
    return { roles, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204 || body === null) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function unknownChannel(): [number, unknown] {
  return [404, { message: 'Unknown Channel', code: 10003 }];
}

function unknownMessage(): [number, unknown] {
  return [404, { message: 'Unknown Message', code: 10008 }];
}
