/**
 * A small fake of the Slack Web API on 127.0.0.1 for end-to-end tests: point a WebClient (or a
 * Bolt App, via `clientOptions.slackApiUrl`) at `fake.apiUrl` and every call is recorded and
 * answered the way Slack answers. It also serves the file upload URLs that
 * `files.getUploadURLExternal` hands out and `response_url`s that Bolt's `respond()` posts to.
 *
 * Failures can be injected per method: a 429 with `Retry-After`, a 5xx, a Slack error such as
 * `{ ok: false, error: 'user_not_found' }`, or a dropped connection.
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
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

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
}

/** A message posted to a response_url by `respond()`. */
export interface FakeSlackResponse {
  /** The id in the URL (`/respond/<id>`). */
  id: string;
  body: Record<string, unknown>;
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
  | { status: 500 | 502 | 503 | 504 }
  | { error: string }
  | { network: true };

export interface FakeSlackOptions {
  /** Time zone `users.info` reports for users without their own (default `America/Chicago`). */
  defaultTimezone?: string;
  /** What `auth.test` reports. */
  teamId?: string;
  botUserId?: string;
  botId?: string;
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
  /** The calls made to one method. */
  callsTo(method: string): FakeSlackCall[];
  /** A fresh response_url on this fake (`<url>/respond/<id>`). */
  responseUrl(id?: string): string;
  /** The posts made to one response_url id. */
  responsesTo(id: string): FakeSlackResponse[];
  /** The time zone `users.info` reports for a user (null: the user has none). */
  setUserTimezone(userId: string, tz: string | null): void;
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
  /** Forgets the recorded calls, responses, uploads, failures and time zones. */
  reset(): void;
  close(): Promise<void>;
}

/** Fields the WebClient sends as JSON strings inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'files', 'file_uploads', 'metadata']);

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

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0TEAM';
  const botUserId = options.botUserId ?? 'UBOT';
  const botId = options.botId ?? 'BBOT';
  const defaultTimezone = options.defaultTimezone ?? 'America/Chicago';
  const calls: FakeSlackCall[] = [];
  const responses: FakeSlackResponse[] = [];
  const uploads: FakeSlackUpload[] = [];
  const timezones = new Map<string, string | null>();
  const failures = new Map<string, { failure: FakeSlackFailure; times: number }[]>();
  const pendingFiles = new Map<string, string>();
  const waiters = new Set<() => void>();
  let counter = 0;
  let url = '';

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

  const answer = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    const n = next();
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'rapport',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        };
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
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? '').split(',')[0]}` } };
      case 'chat.postMessage': {
        const ts = `1700000000.${String(n).padStart(6, '0')}`;
        return { ok: true, channel: body.channel, ts, message: { ts, text: body.text } };
      }
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
      responses.push({ id, body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown> });
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
    calls.push({ method, body, token, failed: failure !== undefined });
    notify();

    if (!failure) {
      sendJson(res, 200, answer(method, body));
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
    res.writeHead(failure.status, { 'content-type': 'text/plain' });
    res.end('upstream trouble');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_failed' });
      else res.end();
    });
  });
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
    callsTo: (method) => calls.filter((call) => call.method === method),
    responseUrl: (id = `r${next()}`) => `${url}/respond/${encodeURIComponent(id)}`,
    responsesTo: (id) => responses.filter((response) => response.id === id),
    setUserTimezone: (userId, tz) => {
      timezones.set(userId, tz);
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
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      uploads.length = 0;
      failures.clear();
      timezones.clear();
      pendingFiles.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
