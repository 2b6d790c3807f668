/**
 * What an unsigned, oversized or slow request costs the Slack endpoint: the real Bolt App on our
 * receiver and the shared HTTP server, driven over raw loopback sockets so a test can send headers
 * without a body, a body without an end, or one byte at a time. The server's timeouts are
 * shortened (they are configurable for exactly this), so nothing here waits longer than a second.
 */
import { connect, type Socket } from 'node:net';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer, type HttpTimeouts } from '../../../src/bot/http/httpServer.js';
import { type BodyLimits, SlackHttpReceiver } from '../../../src/bot/slack/slackReceiver.js';
import { signSlackRequest } from '../../support/fakeSlack.js';

const SECRET = 'limits-test-signing-secret';
const quiet = { warn: () => {}, error: () => {}, debug: () => {} };

interface Endpoint {
  port: number;
  /** What the receiver logged when it refused a request. */
  refusals: string[];
  /** Slash command texts that reached the Bolt listener. */
  commands: string[];
}

const servers: HttpServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function boltLogger(refusals: string[]): BoltLogger {
  return {
    debug: () => {},
    info: () => {},
    warn: (...messages: unknown[]) => refusals.push(messages.map(String).join(' ')),
    error: () => {},
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}

async function startEndpoint(
  options: {
    timeouts?: Partial<HttpTimeouts>;
    limits?: Partial<BodyLimits>;
    maxConcurrentReads?: number;
  } = {},
): Promise<Endpoint> {
  const http = createHttpServer({
    health: async () => true,
    logger: quiet,
    closeGraceMs: 100,
    // Production's timeouts unless a test shortens one; a loaded machine can take a second for a
    // request that is not slow on purpose.
    timeouts: { checkIntervalMs: 50, ...options.timeouts },
  });
  servers.push(http);
  const refusals: string[] = [];
  const commands: string[] = [];
  const receiver = new SlackHttpReceiver({
    route: http.route.bind(http),
    signingSecret: SECRET,
    logger: boltLogger(refusals),
    ...(options.limits ? { bodyLimits: options.limits } : {}),
    ...(options.maxConcurrentReads ? { maxConcurrentReads: options.maxConcurrentReads } : {}),
  });
  // Token verification off with the ids given: Bolt calls no Slack API at start.
  const app = new App({
    receiver,
    token: 'xoxb-limits-test',
    botId: 'B0LIMITS',
    botUserId: 'U0LIMITS',
    tokenVerificationEnabled: false,
    logger: boltLogger([]),
  });
  app.command('/rapport', async ({ command, ack }) => {
    commands.push(command.text);
    await ack();
  });
  app.event('app_mention', async () => {});
  await app.start();
  return { port: await http.listen(0, '127.0.0.1'), refusals, commands };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A request written by hand: its status, once an answer starts, and when the server hangs up. */
interface RawRequest {
  socket: Socket;
  /** The status code of the answer; 0 when the connection closed without one. */
  status: Promise<number>;
  closed: Promise<void>;
  /** Bytes of body written so far. */
  written(): number;
  write(chunk: string | Buffer): void;
}

function rawRequest(port: number, headers: Record<string, string>, firstBytes = ''): RawRequest {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  let written = 0;
  let resolveStatus!: (status: number) => void;
  const status = new Promise<number>((resolve) => {
    resolveStatus = resolve;
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  // The server may hang up while bytes are still going out: that is the point of several tests.
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
    const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
    if (match) resolveStatus(Number(match[1]));
  });
  void closed.then(() => resolveStatus(0));
  const head = Object.entries({ host: '127.0.0.1', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`POST /slack/events HTTP/1.1\r\n${head}\r\n`);
  const write = (chunk: string | Buffer) => {
    if (socket.destroyed || !socket.writable) return;
    written += Buffer.byteLength(chunk);
    socket.write(chunk);
  };
  if (firstBytes) write(firstBytes);
  return { socket, status, closed, written: () => written, write };
}

/**
 * A bare connection that reads everything the server writes: a close is only seen once what came
 * before it (a 408) has been read.
 */
function openConnection(port: number): { socket: Socket; received(): string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => {});
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => received, closed };
}

const FORM = 'application/x-www-form-urlencoded';

/** Headers that pass every check made before the body (their signature cannot match a body never sent). */
function plausibleHeaders(type: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': type, ...signSlackRequest('not this body', SECRET, nowSeconds()), ...extra };
}

function slashCommandForm(text: string): string {
  return new URLSearchParams({
    command: '/rapport',
    text,
    team_id: 'T0LIMITS',
    user_id: 'U0STUDENT',
    channel_id: 'C1',
    trigger_id: `trigger-${text.length}`,
    response_url: 'http://127.0.0.1:9/unused',
    api_app_id: 'A1',
  }).toString();
}

async function signedPost(port: number, body: string, type: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': type, ...signSlackRequest(body, SECRET, nowSeconds()) },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

describe('refused from the headers alone, before the body is read', () => {
  it('when the signature headers are missing, then 401 arrives though not a byte of the 4 MB body was sent', async () => {
    const { port, refusals } = await startEndpoint();
    const request = rawRequest(port, { 'content-type': 'application/json', 'content-length': '4000000' });
    expect(await request.status).toBe(401);
    expect(request.written()).toBe(0);
    expect(refusals.join('\n')).toContain('missing or malformed signature headers');
  });

  it('when the timestamp is malformed or outside five minutes, then 401 before the body', async () => {
    const { port } = await startEndpoint();
    for (const stamp of ['12ab', String(nowSeconds() - 301), String(nowSeconds() + 301), '']) {
      const request = rawRequest(port, {
        'content-type': FORM,
        'content-length': '50000',
        'x-slack-signature': `v0=${'0'.repeat(64)}`,
        'x-slack-request-timestamp': stamp,
      });
      expect(await request.status, `timestamp "${stamp}"`).toBe(401);
      expect(request.written()).toBe(0);
    }
  });

  it('when the signature is not of the v0=<hex> shape, then 401 before the body', async () => {
    const { port } = await startEndpoint();
    const request = rawRequest(
      port,
      plausibleHeaders(FORM, { 'x-slack-signature': 'v0=forged', 'content-length': '100' }),
    );
    expect(await request.status).toBe(401);
  });

  it('when an unsigned form is too long to be the certificate probe, or chunked, then 401 before the body', async () => {
    const { port } = await startEndpoint();
    const long = rawRequest(port, { 'content-type': FORM, 'content-length': '2000' });
    const chunked = rawRequest(port, { 'content-type': FORM, 'transfer-encoding': 'chunked' });
    expect([await long.status, await chunked.status]).toEqual([401, 401]);
  });

  it('when a signed request has a content type Slack never sends, then 415 before the body', async () => {
    const { port } = await startEndpoint();
    const request = rawRequest(port, plausibleHeaders('text/plain', { 'content-length': '3000000' }));
    expect(await request.status).toBe(415);
  });

  it('when a slash command declares more than 64 KB, then 413 before the body; an event may declare up to 1 MB', async () => {
    const { port, refusals } = await startEndpoint();
    const form = rawRequest(port, plausibleHeaders(FORM, { 'content-length': String(64 * 1024 + 1) }));
    expect(await form.status).toBe(413);
    const event = rawRequest(
      port,
      plausibleHeaders('application/json', { 'content-length': String(1024 * 1024 + 1) }),
    );
    expect(await event.status).toBe(413);
    expect(refusals.join('\n')).toContain('declared body of 65537 bytes is over 65536');
    expect(form.written() + event.written()).toBe(0);
  });
});

describe("Slack's certificate probe", () => {
  it('when it comes unsigned or signed, then it is answered 200 and reaches no listener', async () => {
    const { port, commands } = await startEndpoint();
    const probe = 'ssl_check=1&token=legacy';
    const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: probe,
    });
    expect(unsigned.status).toBe(200);
    expect(await signedPost(port, probe, FORM)).toBe(200);
    expect(commands).toEqual([]);
  });
});

describe('bodies cut off as they arrive', () => {
  it('when a chunked slash command passes 64 KB, then 413 once the limit is reached, not at its end', async () => {
    const { port } = await startEndpoint();
    const request = rawRequest(port, plausibleHeaders(FORM, { 'transfer-encoding': 'chunked' }));
    const chunk = 'a'.repeat(16 * 1024);
    // Up to 4 MB is offered, 16 KB at a time, until the server answers.
    let answered = 0;
    void request.status.then((status) => {
      answered = status;
    });
    for (
      let sent = 0;
      sent < 4_000_000 && answered === 0 && !request.socket.destroyed;
      sent += chunk.length
    ) {
      request.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await request.status).toBe(413);
    expect(request.written()).toBeLessThan(1_000_000);
  });

  it('when a signed event is over 64 KB but under 1 MB, then it is read and acked; the same size as a form is 413', async () => {
    const { port } = await startEndpoint();
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0LIMITS',
      api_app_id: 'A1',
      event_id: 'Ev0LIMITS',
      event_time: nowSeconds(),
      event: { type: 'app_mention', user: 'U0STUDENT', text: 'x'.repeat(300_000), ts: '1.1', channel: 'C1' },
    });
    expect(await signedPost(port, event, 'application/json')).toBe(200);
    expect(await signedPost(port, slashCommandForm('y'.repeat(300_000)), FORM)).toBe(413);
  });

  it('when a slash command is just under 64 KB, then it reaches the listener', async () => {
    const { port, commands } = await startEndpoint();
    expect(await signedPost(port, slashCommandForm('z'.repeat(60_000)), FORM)).toBe(200);
    expect(commands.map((text) => text.length)).toEqual([60_000]);
  });
});

describe('slow clients', () => {
  it('when a body is dribbled byte by byte, then the request timeout answers 408 and closes the connection', async () => {
    const { port, commands } = await startEndpoint({ timeouts: { headersMs: 400, requestMs: 500 } });
    const body = slashCommandForm('slow');
    const request = rawRequest(port, {
      'content-type': FORM,
      'content-length': String(body.length),
      ...signSlackRequest(body, SECRET, nowSeconds()),
    });
    const started = performance.now();
    const dribble = setInterval(() => request.write(body[request.written()] ?? ''), 50);
    try {
      expect(await request.status).toBe(408);
      await request.closed;
    } finally {
      clearInterval(dribble);
    }
    expect(performance.now() - started).toBeLessThan(5000);
    expect(request.written()).toBeLessThan(body.length);
    expect(commands).toEqual([]);
  });

  it('when the headers come a byte at a time and never finish, then the headers timeout answers 408', async () => {
    const { port } = await startEndpoint({ timeouts: { headersMs: 300 } });
    const connection = openConnection(port);
    connection.socket.write('POST /slack/events HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ');
    // A byte every 50 ms keeps the connection from looking idle: only the headers timeout ends it.
    const dribble = setInterval(() => connection.socket.writable && connection.socket.write('a'), 50);
    try {
      await connection.closed;
    } finally {
      clearInterval(dribble);
    }
    expect(connection.received()).toContain('408 Request Timeout');
  });

  it('when a connection never sends a byte, then it is closed once the headers timeout passes', async () => {
    const { port } = await startEndpoint({ timeouts: { headersMs: 300 } });
    const started = performance.now();
    const connection = openConnection(port);
    await connection.closed;
    expect(performance.now() - started).toBeLessThan(5000);
    // Whichever timer ended it (the idle socket's, or the headers timeout's with a 408).
    expect(['', 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n']).toContain(
      connection.received(),
    );
  });
});

describe('unfinished bodies at once', () => {
  it('when as many bodies are unfinished as the cap allows, then the next request gets 503 at once; a freed slot serves again', async () => {
    const { port, commands } = await startEndpoint({ maxConcurrentReads: 4 });
    const holders = Array.from({ length: 4 }, () =>
      rawRequest(port, plausibleHeaders(FORM, { 'content-length': '1000' }), 'command=%2Frapport'),
    );
    // An empty body takes a slot only for a moment: 401 (its signature cannot match) while a slot
    // is free, 503 once the four unfinished bodies hold them all.
    const probe = () => rawRequest(port, plausibleHeaders(FORM, { 'content-length': '0' })).status;
    await expect.poll(probe).toBe(503);
    const started = performance.now();
    const over = rawRequest(port, plausibleHeaders(FORM, { 'content-length': '1000' }));
    expect(await over.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(holders.map((h) => h.written())).toEqual([18, 18, 18, 18]);

    holders[0]!.socket.destroy();
    await holders[0]!.closed;
    await expect.poll(() => signedPost(port, slashCommandForm('after a slot freed'), FORM)).toBe(200);
    expect(commands).toEqual(['after a slot freed']);
  });
});
