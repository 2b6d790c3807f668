/**
 * The shared HTTP server behind its front door (front: true): every request reaches the routes on
 * the main thread as if the door were not there, with the same limits on clients, and the door
 * comes back if its thread stops. (What the door answers itself, Discord's deferrals, is in
 * tests/e2e/discord/frontDoor.test.ts.)
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../../src/bot/http/httpServer.js';
import { rawRequest } from '../../../support/rawHttp.js';

const quietLogger = { warn: () => {}, error: () => {}, debug: () => {} };
const servers: HttpServer[] = [];

async function start(
  options: { timeouts?: { headersMs: number; requestMs: number; checkIntervalMs: number } } = {},
): Promise<{ server: HttpServer; port: number; base: string }> {
  const server = createHttpServer({ health: async () => true, logger: quietLogger, front: true, ...options });
  servers.push(server);
  server.route('POST', '/echo', async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.writeHead(201, { 'content-type': 'text/plain', 'x-method': req.method ?? '' });
    res.end(`${req.headers['x-note'] ?? ''}:${Buffer.concat(chunks).length}`);
  });
  server.route('GET', '/cookies', (_req, res) => {
    res.writeHead(302, { location: '/elsewhere', 'set-cookie': ['a=1; HttpOnly', 'b=2; HttpOnly'] });
    res.end();
  });
  server.route('POST', '/small-only', (_req, res) => {
    // Refuses at once without reading the body, as the signed endpoints refuse a body too large.
    res.writeHead(413, { connection: 'close', 'content-length': 0 });
    res.end();
  });
  server.route('GET', '/boom', () => {
    throw new Error('handler failed');
  });
  const port = await server.listen(0, '127.0.0.1');
  return { server, port, base: `http://127.0.0.1:${port}` };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** POSTs `size` bytes in 64 KB chunks; resolves with the status (or the error's code). */
function postLarge(port: number, path: string, size: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

describe('requests through the front door', () => {
  it('when the probes, an unknown path or a wrong method are asked for, then the routes answer as without a door', async () => {
    const { base } = await start();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    const wrong = await fetch(`${base}/healthz`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
  });

  it('when a body, headers and a query string are sent, then the route gets them and its answer comes back whole', async () => {
    const { base } = await start();
    const answer = await fetch(`${base}/echo?x=1`, {
      method: 'POST',
      headers: { 'x-note': 'hello' },
      body: 'a'.repeat(300_000),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-method')).toBe('POST');
    expect(await answer.text()).toBe('hello:300000');
    const redirect = await fetch(`${base}/cookies`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/elsewhere');
    expect(redirect.headers.getSetCookie()).toEqual(['a=1; HttpOnly', 'b=2; HttpOnly']);
  });

  it('when a route refuses a large body without reading it, then the refusal reaches the client', async () => {
    const { port, base } = await start();
    expect(await postLarge(port, '/small-only', 3 * 1024 * 1024)).toBe(413);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('when a handler throws, then the answer is 500 and the door keeps serving', async () => {
    const { base } = await start();
    expect((await fetch(`${base}/boom`)).status).toBe(500);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('when garbage bytes or a too-slow request arrive, then the door answers 400 or 408 itself', async () => {
    const { port, base } = await start({
      timeouts: { headersMs: 5000, requestMs: 300, checkIntervalMs: 50 },
    });
    expect(await rawRequest(port, 'THIS IS NOT HTTP\r\n\r\n')).toContain('400 Bad Request');
    // A body a byte at a time: active, but never done within the request timeout.
    const slow = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write('POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\n'),
      );
      const dribble = setInterval(() => socket.writable && socket.write('a'), 50);
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
      });
      socket.on('close', () => {
        clearInterval(dribble);
        resolve(received);
      });
      socket.on('error', () => undefined);
    });
    expect(slow).toContain('408 Request Timeout');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('the door itself', () => {
  it('when port 0 is asked for, then the port returned is the door, not the server behind it', async () => {
    const { server, port } = await start();
    const behind = server.server.address();
    expect(typeof behind === 'object' && behind?.port).not.toBe(port);
    expect(port).toBeGreaterThan(0);
  });

  it('when the port is taken, then listen rejects with EADDRINUSE and nothing is left listening', async () => {
    const { port } = await start();
    const other = createHttpServer({ health: async () => true, logger: quietLogger, front: true });
    await expect(other.listen(port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(other.server.listening).toBe(false);
    expect(other.front?.thread).toBeUndefined();
  });

  it('when its thread stops, then a new one holds the same port', async () => {
    const { server, base } = await start();
    const first = server.front?.thread;
    expect(first).toBeDefined();
    await first?.terminate();
    await expect
      .poll(async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.status, { timeout: 10_000 })
      .toBe(200);
    expect(server.front?.thread).not.toBe(first);
  });

  it('when the server closes, then the door closes too and its port stops answering', async () => {
    const { server, base } = await start();
    await fetch(`${base}/healthz`);
    await server.close();
    expect(server.server.listening).toBe(false);
    expect(server.front?.thread).toBeUndefined();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
