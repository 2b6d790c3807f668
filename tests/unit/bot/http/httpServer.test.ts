import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../../src/bot/http/httpServer.js';
import { rawRequest } from '../../../support/rawHttp.js';

const quietLogger = { warn: () => {}, error: () => {}, debug: () => {} };
const servers: HttpServer[] = [];

async function start(
  health: () => Promise<boolean>,
  healthTimeoutMs = 2000,
): Promise<{ server: HttpServer; base: string }> {
  const server = createHttpServer({ health, logger: quietLogger, healthTimeoutMs });
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  return { server, base: `http://127.0.0.1:${port}` };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('GET /healthz', () => {
  it('when the database answers, then it is 200 with status ok', async () => {
    const { base } = await start(async () => true);
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('when the database check resolves false, then it is 503 with status unavailable', async () => {
    const { base } = await start(async () => false);
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable' });
  });

  it('when the database check rejects, then it is 503', async () => {
    const { base } = await start(() => Promise.reject(new Error('connection refused')));
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable' });
  });

  it('when the database check hangs, then it is 503 once the health timeout passes', async () => {
    const { base } = await start(() => new Promise<boolean>(() => {}), 200);
    const started = performance.now();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('when the query string has extra parameters, then the path still matches', async () => {
    const { base } = await start(async () => true);
    expect((await fetch(`${base}/healthz?probe=k8s`)).status).toBe(200);
  });

  it('when HEAD is sent, then it is answered like GET without a body', async () => {
    const { base } = await start(async () => true);
    const response = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('routing', () => {
  it('when the path is unknown, then it is 404', async () => {
    const { base } = await start(async () => true);
    const response = await fetch(`${base}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found' });
  });

  it('when the method is wrong for a known path, then it is 405 with Allow', async () => {
    const { base } = await start(async () => true);
    const response = await fetch(`${base}/healthz`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('when a route is added, then its handler answers on the same port', async () => {
    const { server, base } = await start(async () => true);
    server.route('POST', '/slack/events', (req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`got ${body}`);
      });
    });
    const response = await fetch(`${base}/slack/events`, { method: 'POST', body: 'hello' });
    expect(await response.text()).toBe('got hello');
  });

  it('when the same route is added twice, then the second is refused loudly', () => {
    const server = createHttpServer({ health: async () => true, logger: quietLogger });
    server.route('GET', '/metrics', () => {});
    expect(() => server.route('get', '/metrics', () => {})).toThrow('GET /metrics');
  });

  it('when a handler throws, then the answer is 500 and the server keeps serving', async () => {
    const { server, base } = await start(async () => true);
    server.route('GET', '/boom', async () => {
      throw new Error('handler bug');
    });
    const response = await fetch(`${base}/boom`);
    expect(response.status).toBe(500);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('bad requests', () => {
  it('when garbage bytes arrive, then the answer is 400 and the server keeps serving', async () => {
    const { server, base } = await start(async () => true);
    const port = Number(new URL(base).port);
    const answer = await rawRequest(port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(answer).toContain('400 Bad Request');
    expect(server.server.listening).toBe(true);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('listen and close', () => {
  it('when port 0 is asked for, then the actual port is returned', async () => {
    const { server } = await start(async () => true);
    const address = server.server.address();
    expect(typeof address === 'object' && address !== null ? address.port : 0).toBeGreaterThan(0);
  });

  it('when the port is already taken, then listen rejects with EADDRINUSE', async () => {
    const { base } = await start(async () => true);
    const other = createHttpServer({ health: async () => true, logger: quietLogger });
    await expect(other.listen(Number(new URL(base).port), '127.0.0.1')).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('when a keep-alive connection is idle, then close still resolves and the port stops answering', async () => {
    const { server, base } = await start(async () => true);
    await fetch(`${base}/healthz`);
    await server.close();
    expect(server.server.listening).toBe(false);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('when close is called on a server that never listened, then it resolves', async () => {
    const server = createHttpServer({ health: async () => true, logger: quietLogger });
    await expect(server.close()).resolves.toBeUndefined();
  });
});
