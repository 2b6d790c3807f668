/**
 * A small fake of the Slack Web API on 127.0.0.1 for end-to-end tests: point a WebClient (or a
 * Bolt App, via `clientOptions.slackApiUrl`) at `fake.apiUrl` and every call is recorded and
 * answered the way Slack answers. It also serves the file upload URLs that
 * `files.getUploadURLExternal` hands out and `response_url`s that Bolt's `respond()` posts to.
 *
 * Failures can be injected per method: a 429 with `Retry-After`, a 5xx (optionally after the
 * message landed, as a gateway that times out does), a Slack error such as
 * `{ ok: false, error: 'user_not_found' }`, or a dropped connection.
 *
 * Posted messages are kept per channel (`history`, see slackHistory.ts) and `conversations.history`
 * reads them back with their metadata, under a rate limit of its own when `historyPerMinute` is set.
 *
 * It speaks Socket Mode too: `apps.connections.open` (called with the app-level token) hands out a
 * one-use `ws://` URL on the same server; the fake greets each connection with `hello`, delivers
 * envelopes with `sendEnvelope` (resolving with the client's ack), and can ask the client to
 * reconnect (`disconnect` message) or drop the connection under it.
 *
 * Nothing here sleeps: `waitFor` resolves as soon as a matching call is recorded.
 *
 * @example
 * const slack = await startFakeSlack();
 * const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
 * slack.fail('chat.postMessage', { status: 429, retryAfterSeconds: 30 });
 * ...
 * expect(slack.callsTo('chat.postMessage')[0]?.body.channel).toBe('DU1');
 * await slack.close();
 *
 * @example Socket Mode
 * const app = new App({ token: 'xoxb-test', receiver: new SocketModeReceiver({ appToken: 'xapp-1',
 *   installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } } }) });
 * await app.start();
 * await slack.socketConnected();
 * const ack = await slack.sendEnvelope('slash_commands', { command: '/rapport', text: 'help', ... });
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { type WebSocket, WebSocketServer } from 'ws';
import { sendJson } from '../../src/bot/http/hardenedServer.js';
import { SlackHistory } from './slackHistory.js';

/** One recorded Web API call. */
export interface FakeSlackCall {
  /** The Web API method, e.g. `chat.postMessage`. */
  method: string;
  /**
   * The parsed arguments. Fields Slack takes as JSON strings (`blocks`, `view`, `attachments`,
   * `files`, ...) are parsed into values; everything else is as sent.
   */
  body: Record<string, unknown>;
  /** The bearer token, or the `token` field, the call was made with. */
  token: string | undefined;
  /** Whether this call was answered with an injected failure. */
  failed: boolean;
  /** The failure it was answered with. */
  failure?: FakeSlackFailure;
  /** Date.now() when it arrived. */
  at: number;
}

/** A channel `conversations.info` knows, and the workspaces it is in. */
export interface FakeSlackChannel {
  /** The workspace the channel belongs to (`context_team_id`). */
  teamId: string;
  /** For a shared channel, every workspace it is shared with (`shared_team_ids`). */
  sharedTeamIds?: string[];
}

/** A message posted to a response_url by `respond()`. */
export interface FakeSlackResponse {
  /** The id in the URL (`/respond/<id>`). */
  id: string;
  body: Record<string, unknown>;
  /** performance.now() in this process when it arrived (benchmarks time replies with it). */
  at: number;
}

/** Bytes posted to an upload URL returned by `files.getUploadURLExternal`. */
export interface FakeSlackUpload {
  fileId: string;
  filename: string;
  bytes: Buffer;
}

/** A failure to answer one method with. */
export type FakeSlackFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503 | 504; landed?: boolean }
  | { error: string }
  | { network: true };

/** The kinds of envelope Slack delivers over a Socket Mode connection. */
export type FakeSlackEnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the client sent back for an envelope: `{ envelope_id, payload? }`. */
export interface FakeSlackAck {
  envelope_id: string;
  /** What `ack(body)` carried (`{}` for a bare `ack()`), when the client sent one. */
  payload?: Record<string, unknown>;
}

export interface FakeSlackEnvelopeOptions {
  /** Default: a fresh UUID, as Slack uses. */
  envelopeId?: string;
  /** A redelivery: Slack sets `retry_attempt` (and `retry_reason`) on envelopes it sends again. */
  retryAttempt?: number;
  retryReason?: string;
  /** Default: true for slash commands, view submissions and block suggestions, as Slack sets it. */
  acceptsResponsePayload?: boolean;
  /** How long to wait for the ack before rejecting (default 5000). */
  timeoutMs?: number;
}

/** One Socket Mode connection the fake accepted. */
export interface FakeSlackSocketConnection {
  /** 1 for the first connection since start (or the last `reset()`), then 2, ... */
  number: number;
  /** The one-use ticket from the `apps.connections.open` answer it connected with. */
  ticket: string;
  /**
   * `open` from `hello`; `closing` once either side has sent its close frame (the fake answers
   * the client's at once); `closed` when the TCP connection is gone.
   */
  readonly state: 'open' | 'closing' | 'closed';
  /**
   * True once the client has read `hello`: it answered the ping the fake sends right after it,
   * and a WebSocket reads frames in order. Only then does Slack's client count as connected.
   */
  greeted: boolean;
  /** Once closed: the close code as the fake saw it (1000: a normal close; 1006: dropped). */
  closeCode?: number;
  /** Every message the client sent on it (its acks), parsed. */
  received: Record<string, unknown>[];
}

/**
 * How `disconnectSocket` ends a connection: a `disconnect` message with that reason (Slack's
 * request that the client reconnect; the client closes the socket itself), a close frame from
 * the fake (`close`, code 1001), or the TCP connection cut without one (`drop`).
 */
export type FakeSlackDisconnect = 'refresh_requested' | 'warning' | 'link_disabled' | 'close' | 'drop';

export interface FakeSlackOptions {
  /** Time zone `users.info` reports for users without their own (default `America/Chicago`). */
  defaultTimezone?: string;
  /** What `auth.test` reports. */
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** The app id Socket Mode's `hello` and connection URLs carry (default `A0RAPPORT`). */
  appId?: string;
  /**
   * How often the fake pings each Socket Mode connection, as Slack does (default 10000). The
   * client drops a connection that has pinged once and then stays silent for 30 s.
   */
  socketPingIntervalMs?: number;
  /** conversations.history calls answered per sliding minute (default: no limit). */
  historyPerMinute?: number;
}

export interface FakeSlack {
  /** Base URL of the Web API, ending with `/` (what `slackApiUrl` takes). */
  readonly apiUrl: string;
  /** Base URL of the server, without a trailing slash. */
  readonly url: string;
  /** Every Web API call, in order of arrival. */
  readonly calls: FakeSlackCall[];
  /** Every `respond()` post, in order. */
  readonly responses: FakeSlackResponse[];
  /** Every uploaded file body, in order. */
  readonly uploads: FakeSlackUpload[];
  /** The messages posted (and landed), per channel, as conversations.history reads them. */
  readonly history: SlackHistory;
  /** The calls made to one method. */
  callsTo(method: string): FakeSlackCall[];
  /** A fresh response_url on this fake (`<url>/respond/<id>`). */
  responseUrl(id?: string): string;
  /** The posts made to one response_url id. */
  responsesTo(id: string): FakeSlackResponse[];
  /** The time zone `users.info` reports for a user (null: the user has none). */
  setUserTimezone(userId: string, tz: string | null): void;
  /** The locale `users.info` reports with `include_locale` (default en-US). */
  setUserLocale(userId: string, locale: string): void;
  /** A channel `conversations.info` knows; any other answers `channel_not_found`. */
  setChannel(channelId: string, channel: FakeSlackChannel): void;
  /** Answers the next `times` calls of `method` (default 1) with `failure`. */
  fail(method: string, failure: FakeSlackFailure, times?: number): void;
  /** Answers every call of `method` with `failure` until `reset()`. */
  failAlways(method: string, failure: FakeSlackFailure): void;
  /**
   * Resolves with the first call (already recorded or still to come) of `method` that satisfies
   * `predicate`; rejects after `timeoutMs` (default 5000) so a missing call fails the test
   * instead of hanging it.
   */
  waitFor(
    method: string,
    predicate?: (call: FakeSlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<FakeSlackCall>;
  /** Like `waitFor`, for response_url posts. */
  waitForResponse(id: string, timeoutMs?: number): Promise<FakeSlackResponse>;
  /**
   * Socket Mode connections since start (or the last `reset()`), in order; its length is the
   * number of connections opened.
   */
  readonly socketConnections: FakeSlackSocketConnection[];
  /**
   * Resolves with the `count`-th Socket Mode connection (default the first) once the client has
   * read its `hello` (`greeted`); rejects after `timeoutMs` (default 5000).
   */
  socketConnected(count?: number, timeoutMs?: number): Promise<FakeSlackSocketConnection>;
  /** Resolves once `connection` (default the newest) has closed; rejects after `timeoutMs`. */
  socketClosed(
    connection?: FakeSlackSocketConnection,
    timeoutMs?: number,
  ): Promise<FakeSlackSocketConnection>;
  /**
   * Delivers an envelope `{ envelope_id, type, payload, accepts_response_payload, retry_attempt?,
   * retry_reason? }` on the newest open connection and resolves with the client's ack (same
   * `envelope_id`); rejects when no connection is open or no ack comes within the timeout.
   */
  sendEnvelope(
    type: FakeSlackEnvelopeType,
    payload: Record<string, unknown>,
    options?: FakeSlackEnvelopeOptions,
  ): Promise<FakeSlackAck>;
  /** Ends the newest open connection (see `FakeSlackDisconnect`); resolves once it has closed. */
  disconnectSocket(how?: FakeSlackDisconnect, timeoutMs?: number): Promise<FakeSlackSocketConnection>;
  /**
   * Forgets the recorded calls, responses, uploads, failures, time zones and channels, and the Socket Mode
   * history: closed connections are forgotten and acks still awaited are rejected. Open
   * connections stay open (the client would only reconnect), renumbered from 1.
   */
  reset(): void;
  /**
   * Makes `code` good for one `oauth.v2.access` exchange (as Slack's authorize page would after
   * someone approves the install) and returns the bot token that exchange hands out. `auth.test`
   * with that token answers for the install's team (or enterprise).
   */
  grantInstall(code: string, install: FakeSlackInstall): string;
  /** Closes the server; Socket Mode connections are cut and acks still awaited are rejected. */
  close(): Promise<void>;
}

/** A workspace (or, org-wide, an enterprise) installing the app. */
export interface FakeSlackInstall {
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** An Enterprise Grid org-wide install: `team` is null in the answer. */
  orgWide?: boolean;
  /**
   * Token rotation on: the exchange hands out a refresh token and this lifetime in seconds. A
   * refresh (`grant_type=refresh_token`) hands out a new pair, and the old access token then
   * answers `token_expired`.
   */
  expiresIn?: number;
}

/** Fields the WebClient sends as JSON strings inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'files', 'file_uploads', 'metadata']);

/** Where the Socket Mode URLs from `apps.connections.open` point. */
const SOCKET_PATH = '/socket-mode';

/**
 * The headers of a request signed the way Slack signs: `v0=` + hex HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` with the signing secret.
 */
export function signSlackRequest(
  body: string,
  secret: string,
  timestampSeconds: number,
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

/** Who sends a slash command to a running Rapport, and where its answer goes. */
export interface SlashCommandSender {
  /** Rapport's base URL, `http://127.0.0.1:<port>`. */
  base: string;
  secret: string;
  teamId: string;
  userId: string;
  userName: string;
  /** Where Rapport posts its answer (`fake.responseUrl(id)`); also makes the trigger id unique. */
  responseUrl: string;
}

/** Posts a signed `/rapport <text>` form to `/slack/events`, as Slack does. */
export function postSlashCommand(sender: SlashCommandSender, text: string): Promise<Response> {
  const body = new URLSearchParams({
    command: '/rapport',
    text,
    user_id: sender.userId,
    user_name: sender.userName,
    team_id: sender.teamId,
    team_domain: 'university',
    channel_id: 'C1',
    channel_name: 'general',
    trigger_id: `trigger-${sender.responseUrl}`,
    response_url: sender.responseUrl,
    api_app_id: 'A1',
  }).toString();
  return fetch(`${sender.base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(body, sender.secret, Math.floor(Date.now() / 1000)),
    },
    body,
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseArgs(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (type === 'application/json') return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  const form = parseQuery(text);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const single = Array.isArray(value) ? value[0] : value;
    if (typeof single === 'string' && JSON_FIELDS.has(key)) {
      try {
        out[key] = JSON.parse(single);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    out[key] = single;
  }
  return out;
}

/**
 * The file's bytes from an upload POST: WebClient sends them as the one part of a
 * multipart/form-data body; a raw body is taken as is.
 */
function uploadedBytes(req: IncomingMessage, raw: Buffer): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return raw;
  const headersEnd = raw.indexOf('\r\n\r\n');
  const end = raw.indexOf(`\r\n--${marker.trim()}`, headersEnd);
  if (headersEnd === -1 || end === -1) return raw;
  return raw.subarray(headersEnd + 4, end);
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0TEAM';
  const botUserId = options.botUserId ?? 'UBOT';
  const botId = options.botId ?? 'BBOT';
  const defaultTimezone = options.defaultTimezone ?? 'America/Chicago';
  const appId = options.appId ?? 'A0RAPPORT';
  const socketPingIntervalMs = options.socketPingIntervalMs ?? 10_000;
  const calls: FakeSlackCall[] = [];
  const responses: FakeSlackResponse[] = [];
  const uploads: FakeSlackUpload[] = [];
  const history = new SlackHistory(
    options.historyPerMinute === undefined ? {} : { perMinute: options.historyPerMinute },
  );
  const timezones = new Map<string, string | null>();
  const locales = new Map<string, string>();
  const channels = new Map<string, FakeSlackChannel>();
  const failures = new Map<string, { failure: FakeSlackFailure; times: number }[]>();
  const pendingFiles = new Map<string, string>();
  const waiters = new Set<() => void>();
  // Socket Mode: tickets handed out and not yet used, connections, and acks still awaited.
  const tickets = new Set<string>();
  const socketConnections: FakeSlackSocketConnection[] = [];
  const sockets = new Map<FakeSlackSocketConnection, WebSocket>();
  const pendingAcks = new Map<
    string,
    { resolve: (ack: FakeSlackAck) => void; reject: (error: Error) => void }
  >();
  let counter = 0;
  let url = '';
  const grants = new Map<string, { install: FakeSlackInstall; token: string }>();
  const tokenInstalls = new Map<string, FakeSlackInstall>();
  const refreshTokens = new Map<string, string>();
  const expiredTokens = new Set<string>();

  const rotationFor = (token: string) => {
    const refresh = `xoxe-first-${token}`;
    refreshTokens.set(refresh, token);
    return refresh;
  };
  const next = () => {
    counter += 1;
    return counter;
  };
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };

  const takeFailure = (method: string): FakeSlackFailure | undefined => {
    const queue = failures.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    if (Number.isFinite(head.times)) {
      head.times -= 1;
      if (head.times <= 0) queue.shift();
    }
    return head.failure;
  };

  const answer = (
    method: string,
    body: Record<string, unknown>,
    token: string | undefined,
  ): Record<string, unknown> => {
    const n = next();
    switch (method) {
      case 'apps.connections.open': {
        // Only an app-level token may open a connection; Slack refuses a bot token this way.
        if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
        const ticket = randomUUID();
        tickets.add(ticket);
        return {
          ok: true,
          url: `${url.replace(/^http/, 'ws')}${SOCKET_PATH}?ticket=${ticket}&app_id=${appId}`,
        };
      }
      case 'oauth.v2.access': {
        if (body.grant_type === 'refresh_token') {
          const old = refreshTokens.get(String(body.refresh_token ?? ''));
          const install = old ? tokenInstalls.get(old) : undefined;
          if (!old || !install) return { ok: false, error: 'invalid_refresh_token' };
          refreshTokens.delete(String(body.refresh_token));
          expiredTokens.add(old);
          const fresh = `xoxb-fake-${install.teamId ?? install.enterpriseId}-${n}`;
          tokenInstalls.set(fresh, install);
          refreshTokens.set(`xoxe-${n}`, fresh);
          return {
            ok: true,
            app_id: appId,
            token_type: 'bot',
            scope: 'commands,chat:write',
            access_token: fresh,
            refresh_token: `xoxe-${n}`,
            expires_in: install.expiresIn,
            bot_user_id: botUserId,
            team: install.orgWide ? null : { id: install.teamId, name: install.teamName ?? install.teamId },
            enterprise: null,
            is_enterprise_install: install.orgWide === true,
          };
        }
        const grant = grants.get(String(body.code ?? ''));
        if (!grant) return { ok: false, error: 'invalid_code' };
        grants.delete(String(body.code));
        const { install } = grant;
        return {
          ok: true,
          app_id: appId,
          authed_user: { id: 'UINSTALLER' },
          scope: 'commands,chat:write,im:write,users:read',
          token_type: 'bot',
          access_token: grant.token,
          bot_user_id: botUserId,
          team: install.orgWide ? null : { id: install.teamId, name: install.teamName ?? install.teamId },
          enterprise: install.enterpriseId
            ? { id: install.enterpriseId, name: install.enterpriseName ?? install.enterpriseId }
            : null,
          is_enterprise_install: install.orgWide === true,
          ...(install.expiresIn
            ? { refresh_token: rotationFor(grant.token), expires_in: install.expiresIn }
            : {}),
        };
      }
      case 'auth.test': {
        const installed = token ? tokenInstalls.get(token) : undefined;
        if (installed === undefined && token?.startsWith('xoxb-fake-'))
          return { ok: false, error: 'invalid_auth' };
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'rapport',
          team_id: installed ? installed.teamId : teamId,
          ...(installed?.enterpriseId ? { enterprise_id: installed.enterpriseId } : {}),
          user_id: botUserId,
          bot_id: botId,
        };
      }
      case 'users.info': {
        const user = String(body.user ?? '');
        const tz = timezones.has(user) ? timezones.get(user) : defaultTimezone;
        return {
          ok: true,
          user: {
            id: user,
            team_id: teamId,
            name: `user-${user.toLowerCase()}`,
            real_name: `User ${user}`,
            ...(tz ? { tz, tz_offset: 0 } : {}),
            // Slack sends the locale only to callers that ask for it.
            ...(body.include_locale === true || body.include_locale === 'true'
              ? { locale: locales.get(user) ?? 'en-US' }
              : {}),
          },
        };
      }
      case 'conversations.info': {
        const id = String(body.channel ?? '');
        const channel = channels.get(id);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const shared = channel.sharedTeamIds ?? [];
        return {
          ok: true,
          channel: {
            id,
            name: id.toLowerCase(),
            is_channel: true,
            is_private: false,
            is_shared: shared.length > 0,
            context_team_id: channel.teamId,
            ...(shared.length > 0 ? { shared_team_ids: shared } : {}),
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? '').split(',')[0]}` } };
      case 'chat.postMessage': {
        const { ts } = history.add(String(body.channel ?? ''), body.metadata);
        return { ok: true, channel: body.channel, ts, message: { ts, text: body.text } };
      }
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: body.channel,
          permalink: `https://fake.slack.test/archives/${String(body.channel)}/p${String(body.message_ts ?? '').replace('.', '')}`,
        };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(n).padStart(6, '0')}` };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
      case 'views.push':
        return { ok: true, view: { id: body.view_id ?? `V${n}`, ...(body.view as object) } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${n}`;
        pendingFiles.set(fileId, String(body.filename ?? ''));
        return { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(body.files) ? body.files : []) as { id: string; title?: string }[];
        return {
          ok: true,
          files: files.map((file) => ({ id: file.id, title: file.title ?? pendingFiles.get(file.id) ?? '' })),
        };
      }
      default:
        return { ok: true };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;

    if (path.startsWith('/respond/')) {
      const id = decodeURIComponent(path.slice('/respond/'.length));
      responses.push({
        id,
        body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>,
        at: performance.now(),
      });
      notify();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (path.startsWith('/upload/')) {
      const fileId = path.slice('/upload/'.length);
      uploads.push({ fileId, filename: pendingFiles.get(fileId) ?? '', bytes: uploadedBytes(req, raw) });
      notify();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${raw.length}`);
      return;
    }
    if (!path.startsWith('/api/')) {
      sendJson(res, 404, { ok: false, error: 'unknown_path' });
      return;
    }

    const method = path.slice('/api/'.length);
    const body = parseArgs(req, raw);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof body.token === 'string' ? body.token : undefined);
    const failure = takeFailure(method);
    calls.push({
      method,
      body,
      token,
      failed: failure !== undefined,
      at: Date.now(),
      ...(failure ? { failure } : {}),
    });
    notify();

    if (!failure && token && expiredTokens.has(token)) {
      sendJson(res, 200, { ok: false, error: 'token_expired' });
      return;
    }
    if (!failure && method === 'conversations.history') {
      const read = history.answer(body);
      sendJson(res, read.status, read.body, read.headers);
      return;
    }
    if (!failure) {
      sendJson(res, 200, answer(method, body, token));
      return;
    }
    if ('network' in failure) {
      req.socket.destroy();
      return;
    }
    if ('error' in failure) {
      sendJson(res, 200, { ok: false, error: failure.error });
      return;
    }
    if (failure.status === 429) {
      sendJson(
        res,
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(failure.retryAfterSeconds) },
      );
      return;
    }
    // The message got through before the answer was lost.
    if (failure.landed && method === 'chat.postMessage') answer(method, body, token);
    res.writeHead(failure.status, { 'content-type': 'text/plain' });
    res.end('upstream trouble');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_failed' });
      else res.end();
    });
  });
  // Socket Mode: a WebSocket upgrade at SOCKET_PATH with a ticket `apps.connections.open` issued.
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = target.searchParams.get('ticket') ?? '';
    if (target.pathname !== SOCKET_PATH || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, ticket));
  });

  const accept = (ws: WebSocket, ticket: string): void => {
    let gone = false;
    const connection: FakeSlackSocketConnection = {
      number: socketConnections.length + 1,
      ticket,
      get state() {
        if (gone) return 'closed';
        return ws.readyState === ws.OPEN ? 'open' : 'closing';
      },
      greeted: false,
      received: [],
    };
    socketConnections.push(connection);
    sockets.set(connection, ws);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        return;
      }
      connection.received.push(message);
      const envelopeId = typeof message.envelope_id === 'string' ? message.envelope_id : undefined;
      const pending = envelopeId === undefined ? undefined : pendingAcks.get(envelopeId);
      if (envelopeId !== undefined && pending) {
        pendingAcks.delete(envelopeId);
        pending.resolve({
          envelope_id: envelopeId,
          ...(message.payload !== undefined ? { payload: message.payload as Record<string, unknown> } : {}),
        });
      }
      notify();
    });
    ws.once('pong', () => {
      connection.greeted = true;
      notify();
    });
    const keepAlive = setInterval(() => ws.ping(), socketPingIntervalMs);
    keepAlive.unref();
    ws.on('close', (code) => {
      clearInterval(keepAlive);
      gone = true;
      connection.closeCode = code;
      sockets.delete(connection);
      notify();
    });
    ws.on('error', () => {
      // A dropped peer; 'close' follows and records it.
    });
    // What Slack sends first; the client counts as connected only once it arrives.
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
    // Its pong tells that the client has read the hello before it (see `greeted`).
    ws.ping();
    notify();
  };

  const newestOpen = (): FakeSlackSocketConnection | undefined =>
    [...socketConnections].reverse().find((connection) => connection.state === 'open');

  const rejectPendingAcks = (why: string) => {
    for (const [id, pending] of pendingAcks) pending.reject(new Error(`No ack for envelope ${id}: ${why}`));
    pendingAcks.clear();
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitUntil = <T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> => {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = find();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`The fake Slack saw no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
    });
  };

  return {
    apiUrl: `${url}/api/`,
    url,
    calls,
    responses,
    uploads,
    history,
    callsTo: (method) => calls.filter((call) => call.method === method),
    responseUrl: (id = `r${next()}`) => `${url}/respond/${encodeURIComponent(id)}`,
    responsesTo: (id) => responses.filter((response) => response.id === id),
    setUserTimezone: (userId, tz) => {
      timezones.set(userId, tz);
    },
    setUserLocale: (userId, locale) => {
      locales.set(userId, locale);
    },
    setChannel: (channelId, channel) => {
      channels.set(channelId, channel);
    },
    fail: (method, failure, times = 1) => {
      const queue = failures.get(method) ?? [];
      queue.push({ failure, times });
      failures.set(method, queue);
    },
    failAlways: (method, failure) => {
      failures.set(method, [{ failure, times: Number.POSITIVE_INFINITY }]);
    },
    waitFor: (method, predicate = () => true, timeoutMs = 5000) =>
      waitUntil(
        () => calls.find((call) => call.method === method && predicate(call)),
        `call to ${method}`,
        timeoutMs,
      ),
    waitForResponse: (id, timeoutMs = 5000) =>
      waitUntil(() => responses.find((response) => response.id === id), `response to ${id}`, timeoutMs),
    socketConnections,
    socketConnected: (count = 1, timeoutMs = 5000) =>
      waitUntil(
        () => {
          const connection = socketConnections[count - 1];
          return connection?.greeted ? connection : undefined;
        },
        `Socket Mode connection #${count}`,
        timeoutMs,
      ),
    socketClosed: (connection, timeoutMs = 5000) => {
      const target = connection ?? socketConnections.at(-1);
      if (!target) return Promise.reject(new Error('The fake Slack has no Socket Mode connection'));
      return waitUntil(
        () => (target.state === 'closed' ? target : undefined),
        `close of Socket Mode connection #${target.number}`,
        timeoutMs,
      );
    },
    sendEnvelope: (type, payload, options = {}) => {
      const connection = newestOpen();
      const ws = connection && sockets.get(connection);
      if (!connection || !ws) return Promise.reject(new Error('No Socket Mode connection is open'));
      const envelopeId = options.envelopeId ?? randomUUID();
      const acceptsResponsePayload =
        options.acceptsResponsePayload ??
        (type === 'slash_commands' ||
          (type === 'interactive' && ['view_submission', 'block_suggestion'].includes(String(payload.type))));
      const retry =
        options.retryAttempt !== undefined || type === 'events_api'
          ? {
              retry_attempt: options.retryAttempt ?? 0,
              retry_reason: options.retryReason ?? (options.retryAttempt ? 'timeout' : ''),
            }
          : {};
      const timeoutMs = options.timeoutMs ?? 5000;
      return new Promise<FakeSlackAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelopeId);
          reject(
            new Error(`The fake Slack saw no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        pendingAcks.set(envelopeId, {
          resolve: (ack) => {
            clearTimeout(timer);
            resolve(ack);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: acceptsResponsePayload,
            ...retry,
          }),
        );
      });
    },
    disconnectSocket: (how = 'refresh_requested', timeoutMs = 5000) => {
      const connection = newestOpen();
      const ws = connection && sockets.get(connection);
      if (!connection || !ws) return Promise.reject(new Error('No Socket Mode connection is open'));
      if (how === 'drop') ws.terminate();
      else if (how === 'close') ws.close(1001, 'going away');
      else ws.send(JSON.stringify({ type: 'disconnect', reason: how, debug_info: { host: 'applink-fake' } }));
      return waitUntil(
        () => (connection.state === 'closed' ? connection : undefined),
        `close of Socket Mode connection #${connection.number}`,
        timeoutMs,
      );
    },
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      uploads.length = 0;
      failures.clear();
      timezones.clear();
      locales.clear();
      channels.clear();
      pendingFiles.clear();
      rejectPendingAcks('the fake was reset');
      const open = socketConnections.filter((connection) => connection.state !== 'closed');
      socketConnections.length = 0;
      for (const connection of open) {
        connection.number = socketConnections.length + 1;
        connection.received.length = 0;
        socketConnections.push(connection);
      }
    },
    grantInstall(code, install) {
      const token = `xoxb-fake-${install.teamId ?? install.enterpriseId}-${next()}`;
      grants.set(code, { install, token });
      tokenInstalls.set(token, install);
      return token;
    },
    close: async () => {
      rejectPendingAcks('the fake was closed');
      for (const ws of sockets.values()) ws.terminate();
      tickets.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
