/**
 * A small fake of Discord on 127.0.0.1 for end-to-end tests: enough REST (under `/api/v10`) and
 * gateway for the real discord.js Client to log in, become ready, receive interactions and answer
 * them, and for the Notifier to send DMs. Every REST request is recorded with its JSON body (or,
 * for multipart requests, `payload_json` and the file names). Failures can be injected: a 429 with
 * Discord's headers and body, a 5xx (optionally after the message was created, `landed`), or any
 * status and JSON error. A message created with `enforce_nonce: true` and a nonce already used in
 * its channel within `nonceWindowMs` answers with the first message instead, as Discord does.
 *
 * The gateway follows Discord's order: HELLO (op 10) on connect; IDENTIFY (op 2) gets READY
 * (op 0, t READY, with the fields discord.js reads: user, application {id, flags}, session_id,
 * resume_gateway_url, guilds as unavailable) and then one GUILD_CREATE per guild, after which
 * discord.js emits `clientReady`; each heartbeat (op 1) gets an ACK (op 11).
 */
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface FakeGuild {
  id: string;
  name: string;
  /** The text channel interactions come from. */
  channelId: string;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
}

export interface RecordedFile {
  /** The multipart field, `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  size: number;
  text: string;
}

export interface RecordedRequest {
  method: string;
  /** The path after `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The JSON body, or `payload_json` of a multipart body; undefined when empty. */
  body: unknown;
  files: RecordedFile[];
  /** The status the fake answered (set once answered). */
  status?: number;
  /** Set when no route of the fake matched: the fake does not know this endpoint. */
  unknownRoute?: boolean;
  /**
   * `performance.now()` when the request's headers arrived, before its body was read: when the
   * request reached Discord, as a deadline counts it.
   */
  receivedAt: number;
  /** `performance.now()` when it was answered. */
  answeredAt?: number;
}

/** A message the fake created in a channel. */
export interface CreatedMessage {
  channelId: string;
  id: string;
  nonce: string | undefined;
  /** `performance.now()` when it was created. */
  at: number;
}

export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** For a message post: the message is created before this answer (a 5xx after the fact). */
  landed?: boolean;
}

interface Injection {
  method?: string;
  path: string | RegExp;
  response: InjectedResponse;
  remaining: number;
}

/** Ids that look like Discord snowflakes (17+ digits) and never collide within a test run. */
let snowflakeCounter = 0n;
export function snowflake(): string {
  snowflakeCounter += 1n;
  return (1_300_000_000_000_000_000n + snowflakeCounter).toString();
}

export const FAKE_APP_ID = '1100000000000000001';
export const FAKE_BOT_USER: FakeUser = { id: '1100000000000000002', username: 'rapport' };

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Every message created by a channel message post, in order. */
  readonly messages: CreatedMessage[] = [];
  /** How long a nonce is remembered for `enforce_nonce` (Discord: "the past few minutes"). */
  nonceWindowMs = 5 * 60_000;
  /** Raw gateway payloads received from the client (IDENTIFY, heartbeats, ...). */
  readonly gatewayReceived: { op: number; d: unknown }[] = [];
  readonly events = new EventEmitter();
  private readonly injections: Injection[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly dmChannels = new Map<string, string>();
  /** Channels `GET /channels/{id}` knows: each guild's, those added, and DMs opened. */
  private readonly channels = new Map<string, { guildId: string | null }>();
  private readonly byNonce = new Map<string, CreatedMessage>();
  private sequence = 0;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
    readonly guilds: FakeGuild[],
    readonly appId: string,
    /** HELLO's heartbeat_interval; discord.js sends its first heartbeat after a random part of it. */
    readonly heartbeatIntervalMs: number,
  ) {
    for (const guild of guilds) this.channels.set(guild.channelId, { guildId: guild.id });
  }

  /** A channel the REST API knows: of a guild, or (`null`) a DM. */
  addChannel(id: string, guildId: string | null): void {
    this.channels.set(id, { guildId });
  }

  static async start(
    options: { guilds?: FakeGuild[]; appId?: string; heartbeatIntervalMs?: number } = {},
  ): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const guilds = options.guilds ?? [{ id: snowflake(), name: 'Career Community', channelId: snowflake() }];
    const fake = new FakeDiscord(
      server,
      wss,
      port,
      guilds,
      options.appId ?? FAKE_APP_ID,
      options.heartbeatIntervalMs ?? 45_000,
    );
    server.on('request', (req, res) => {
      fake.handleRest(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error), code: 0 }));
      });
    });
    wss.on('connection', (socket) => fake.handleGateway(socket));
    return fake;
  }

  /** The value for discord.js `rest.api` and DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get guild(): FakeGuild {
    return this.guilds[0]!;
  }

  /** Makes the next `times` requests matching `method` and `path` answer `response` instead. */
  inject(match: { method?: string; path: string | RegExp }, response: InjectedResponse, times = 1): void {
    this.injections.push({ ...match, response, remaining: times });
  }

  /** A 429 as Discord sends it: Retry-After and X-RateLimit-* headers plus the JSON body. */
  injectRateLimit(
    match: { method?: string; path: string | RegExp },
    retryAfterSeconds: number,
    global = false,
  ): void {
    this.inject(match, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
      headers: {
        'Retry-After': String(Math.ceil(retryAfterSeconds)),
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset-After': String(retryAfterSeconds),
        'X-RateLimit-Bucket': 'fake-bucket',
        'X-RateLimit-Scope': global ? 'global' : 'user',
        ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
      },
    });
  }

  /** Resolves with the first recorded request (already recorded or yet to come) that matches. */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedRequest> {
    const found = this.requests.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRequest = (request: RecordedRequest) => {
        if (!predicate(request)) return;
        clearTimeout(timer);
        this.events.off('request', onRequest);
        resolve(request);
      };
      // A safety net so a broken test fails with a message instead of hanging; never a pacing wait.
      const timer = setTimeout(() => {
        this.events.off('request', onRequest);
        reject(new Error('The fake Discord did not receive the expected request'));
      }, timeoutMs);
      this.events.on('request', onRequest);
    });
  }

  /** The requests made with one interaction token (its callback and webhook edits), in order. */
  requestsFor(token: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path.includes(`/${token}`));
  }

  /** Sends a gateway dispatch to every connected client. */
  dispatch(event: string, data: unknown): void {
    this.sequence += 1;
    const frame = JSON.stringify({ op: 0, t: event, s: this.sequence, d: data });
    for (const socket of this.sockets) socket.send(frame);
  }

  /** Delivers an INTERACTION_CREATE; build the payload with the helpers below. */
  dispatchInteraction(payload: InteractionPayload): void {
    this.dispatch('INTERACTION_CREATE', payload);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handleGateway(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.gatewayReceived.push(frame);
      this.events.emit('gateway', frame);
      if (frame.op === 1) {
        socket.send(JSON.stringify({ op: 11 }));
        this.events.emit('heartbeat-ack');
      }
      if (frame.op === 2) this.sendReady(socket);
    });
  }

  private sendReady(socket: WebSocket): void {
    const send = (t: string, d: unknown) => {
      this.sequence += 1;
      socket.send(JSON.stringify({ op: 0, t, s: this.sequence, d }));
    };
    send('READY', {
      v: 10,
      user: { ...FAKE_BOT_USER, discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
      application: { id: this.appId, flags: 0 },
      session_id: 'fake-session',
      resume_gateway_url: this.gatewayUrl,
      guilds: this.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      shard: [0, 1],
    });
    for (const guild of this.guilds) send('GUILD_CREATE', guildPayload(guild));
  }

  private async handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const method = req.method ?? 'GET';
    // discord.js encodes `@original` and `@me` as `%40...`.
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const raw = await readBody(req);
    const { body, files } = await parseBody(raw, req.headers['content-type']);
    const request: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
      receivedAt,
    };
    this.requests.push(request);

    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      request.status = status;
      request.answeredAt = performance.now();
      if (json === undefined) {
        res.writeHead(status, headers);
        res.end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      }
      // Recorded listeners run after the answer is on its way, as they would see it on the wire.
      this.events.emit('request', request);
    };

    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    const injected = this.takeInjection(method, path);
    if (injected) {
      if (injected.landed && method === 'POST' && channelMessages)
        this.createMessage(body, channelMessages[1]!);
      return reply(injected.status, injected.body, injected.headers);
    }

    if (method === 'GET' && path === '/gateway/bot') {
      return reply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      // Discord answers 204 with no body unless with_response=true.
      return reply(204);
    }
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/(@original|\d+)$/.test(path)) {
      if (method === 'PATCH' || method === 'GET') return reply(200, this.messagePayload(body, snowflake()));
      if (method === 'DELETE') return reply(204);
    }
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      return reply(200, this.messagePayload(body, snowflake()));
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const list = Array.isArray(body) ? body : [];
      return reply(
        200,
        list.map((command: Record<string, unknown>) => ({
          ...command,
          id: snowflake(),
          application_id: this.appId,
          version: '1',
        })),
      );
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String((body as { recipient_id?: unknown } | undefined)?.recipient_id ?? '');
      const id = this.dmChannels.get(recipient) ?? snowflake();
      this.dmChannels.set(recipient, id);
      this.channels.set(id, { guildId: null });
      return reply(200, {
        id,
        type: 1,
        last_message_id: null,
        recipients: [{ id: recipient, username: 'someone', discriminator: '0' }],
      });
    }
    if (method === 'POST' && channelMessages) {
      return reply(
        200,
        this.messagePayload(body, this.createMessage(body, channelMessages[1]!).id, channelMessages[1]),
      );
    }
    const guildId = /^\/guilds\/(\d+)$/.exec(path)?.[1];
    if (method === 'GET' && guildId) {
      // The bot's own servers; any other is unknown to it (Discord: 404 Unknown Guild, or 403).
      const guild = this.guilds.find((known) => known.id === guildId);
      if (!guild) return reply(404, { message: 'Unknown Guild', code: 10004 });
      return reply(200, guildPayload(guild));
    }
    const channel = /^\/channels\/(\d+)$/.exec(path)?.[1];
    if (method === 'GET' && channel) {
      const known = this.channels.get(channel);
      // Discord's answer for a channel that does not exist (or that the bot cannot see).
      if (!known) return reply(404, { message: 'Unknown Channel', code: 10003 });
      return reply(
        200,
        known.guildId
          ? { id: channel, type: 0, guild_id: known.guildId, name: 'general', position: 0 }
          : { id: channel, type: 1, last_message_id: null, recipients: [] },
      );
    }
    request.unknownRoute = true;
    return reply(404, { message: '404: Not Found', code: 0 });
  }

  /** Creates a message, or with `enforce_nonce` finds the one its nonce already made. */
  private createMessage(body: unknown, channelId: string): CreatedMessage {
    const { nonce, enforce_nonce: enforce } = (body ?? {}) as { nonce?: unknown; enforce_nonce?: unknown };
    const key = typeof nonce === 'string' || typeof nonce === 'number' ? String(nonce) : undefined;
    const now = performance.now();
    const earlier = key === undefined ? undefined : this.byNonce.get(`${channelId}:${key}`);
    if (enforce === true && earlier && now - earlier.at <= this.nonceWindowMs) return earlier;
    const created: CreatedMessage = { channelId, id: snowflake(), nonce: key, at: now };
    this.messages.push(created);
    if (key !== undefined) this.byNonce.set(`${channelId}:${key}`, created);
    return created;
  }

  private takeInjection(method: string, path: string): InjectedResponse | undefined {
    const index = this.injections.findIndex(
      (injection) =>
        (!injection.method || injection.method === method) &&
        (typeof injection.path === 'string' ? injection.path === path : injection.path.test(path)),
    );
    if (index === -1) return undefined;
    const injection = this.injections[index]!;
    injection.remaining -= 1;
    if (injection.remaining <= 0) this.injections.splice(index, 1);
    return injection.response;
  }

  private messagePayload(
    body: unknown,
    id: string,
    channelId = this.guild.channelId,
  ): Record<string, unknown> {
    const sent = (body ?? {}) as Record<string, unknown>;
    return {
      id,
      channel_id: channelId,
      type: 0,
      content: sent.content ?? '',
      embeds: sent.embeds ?? [],
      components: sent.components ?? [],
      attachments: [],
      author: { ...FAKE_BOT_USER, discriminator: '0', avatar: null, bot: true, global_name: null },
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      flags: sent.flags ?? 0,
      nonce: sent.nonce,
    };
  }
}

function guildPayload(guild: FakeGuild): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: '1',
    unavailable: false,
    features: [],
    member_count: 3,
    large: false,
    joined_at: new Date(0).toISOString(),
    premium_tier: 0,
    system_channel_flags: 0,
    verification_level: 0,
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: '0',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [
      {
        id: guild.channelId,
        type: 0,
        name: 'general',
        guild_id: guild.id,
        position: 0,
        permission_overwrites: [],
      },
    ],
    members: [],
    threads: [],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart with `payload_json` and `files[n]` (parsed with the platform's own FormData). */
async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        size: value.size,
        text: await value.text(),
      });
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    return { body: text, files: [] };
  }
}

// ---------------------------------------------------------------------------------------------
// Interaction payloads, shaped as Discord sends them (API v10).
// ---------------------------------------------------------------------------------------------

export type InteractionPayload = Record<string, unknown> & { id: string; token: string };

/** A chat-input option as Discord sends it: type 3 string, 4 integer, 6 user. */
export interface OptionValue {
  name: string;
  type: 3 | 4 | 6;
  value: string | number;
  focused?: boolean;
}

export interface InteractionBase {
  user: FakeUser;
  /** Omit for a DM. */
  guild?: FakeGuild;
  appId?: string;
}

const PERMISSIONS = '2248473465835073';

function base(type: number, input: InteractionBase): InteractionPayload {
  const user = { discriminator: '0', avatar: null, global_name: null, public_flags: 0, ...input.user };
  const common = {
    id: snowflake(),
    application_id: input.appId ?? FAKE_APP_ID,
    type,
    token: `tok-${snowflake()}`,
    version: 1,
    locale: 'en-US',
    app_permissions: PERMISSIONS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (!input.guild) {
    const channelId = snowflake();
    return {
      ...common,
      user,
      channel_id: channelId,
      channel: { id: channelId, type: 1, recipients: [user] },
      context: 1,
      authorizing_integration_owners: { '0': FAKE_APP_ID },
    };
  }
  return {
    ...common,
    guild_id: input.guild.id,
    guild_locale: 'en-US',
    channel_id: input.guild.channelId,
    channel: {
      id: input.guild.channelId,
      type: 0,
      guild_id: input.guild.id,
      name: 'general',
      permissions: PERMISSIONS,
    },
    member: {
      user,
      roles: [],
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      permissions: PERMISSIONS,
    },
    context: 0,
    authorizing_integration_owners: { '0': input.guild.id },
  };
}

export interface CommandInput extends InteractionBase {
  command: 'rapport' | 'mentor' | 'coordinator';
  group?: string;
  subcommand: string;
  options?: OptionValue[];
  /** Users referenced by user options, for `resolved.users`. */
  resolvedUsers?: FakeUser[];
}

function commandData(input: CommandInput): Record<string, unknown> {
  const leaf = { type: 1, name: input.subcommand, options: input.options ?? [] };
  const options = input.group ? [{ type: 2, name: input.group, options: [leaf] }] : [leaf];
  const data: Record<string, unknown> = { id: snowflake(), name: input.command, type: 1, options };
  if (input.guild) data.guild_id = input.guild.id;
  if (input.resolvedUsers?.length) {
    data.resolved = {
      users: Object.fromEntries(
        input.resolvedUsers.map((user) => [
          user.id,
          { discriminator: '0', avatar: null, global_name: null, ...user },
        ]),
      ),
    };
  }
  return data;
}

/** A slash command (type 2, chat input). */
export function chatInputInteraction(input: CommandInput): InteractionPayload {
  return { ...base(2, input), data: commandData(input) };
}

/** Autocomplete (type 4): the option being typed carries `focused: true`. */
export function autocompleteInteraction(input: CommandInput): InteractionPayload {
  return { ...base(4, input), data: commandData(input) };
}

export interface ButtonInput extends InteractionBase {
  customId: string;
  /** The message the button sits on; a plausible bot message by default. */
  message?: Record<string, unknown>;
  ephemeral?: boolean;
}

/** A button click (type 3, component type 2) on a message of ours. */
export function buttonInteraction(input: ButtonInput): InteractionPayload {
  const payload = base(3, input);
  const channelId = String(payload.channel_id);
  const message = input.message ?? {
    id: snowflake(),
    channel_id: channelId,
    type: 0,
    content: '',
    embeds: [{ title: 'Before' }],
    components: [
      { type: 1, components: [{ type: 2, style: 2, label: 'Button', custom_id: input.customId }] },
    ],
    attachments: [],
    author: { ...FAKE_BOT_USER, discriminator: '0', avatar: null, bot: true, global_name: null },
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    flags: input.ephemeral ? 64 : 0,
  };
  return { ...payload, message, data: { custom_id: input.customId, component_type: 2 } };
}
