import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../../src/bot/http/httpServer.js';

const warnings: object[] = [];
const logger = { warn: (obj: object) => warnings.push(obj), error: () => {}, debug: () => {} };
const servers: HttpServer[] = [];

async function start(
  health: () => Promise<boolean>,
  healthTimeoutMs = 200,
): Promise<{ server: HttpServer; base: string }> {
  const server = createHttpServer({ health, logger, healthTimeoutMs });
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  return { server, base: `http://127.0.0.1:${port}` };
}

afterEach(async () => {
  warnings.length = 0;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const never = () => new Promise<boolean>(() => {});

describe('GET /livez', () => {
  it('when the database hangs, then it is still 200 without waiting: a live process is not restarted for its database', async () => {
    // A readiness answer would take the 10 s health timeout; the liveness answer takes none of it.
    const { base } = await start(never, 10_000);
    const started = performance.now();
    const response = await fetch(`${base}/livez`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('GET /readyz', () => {
  it('when the database and every part are ready, then it is 200', async () => {
    const { server, base } = await start(async () => true);
    server.addReadinessCheck({ name: 'slack', ready: () => true });
    server.addReadinessCheck({ name: 'discord', ready: async () => true });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('when a platform is not connected, then it is 503 naming it, and /healthz makes the same call', async () => {
    const { server, base } = await start(async () => true);
    server.addReadinessCheck({ name: 'slack', ready: () => true });
    server.addReadinessCheck({ name: 'discord', ready: () => false });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', failing: ['discord'] });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unavailable' });
    expect(warnings).toContainEqual({ path: '/readyz', failing: ['discord'] });
  });

  it('when the database hangs and a part throws, then both are named once the timeout passes', async () => {
    const { server, base } = await start(never);
    server.addReadinessCheck({
      name: 'worker',
      ready: () => {
        throw new Error('bug');
      },
    });
    server.addReadinessCheck({ name: 'slack', ready: () => true });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', failing: ['database', 'worker'] });
  });

  it('when a part answers anything but true, then it is not ready', async () => {
    const { server, base } = await start(async () => true);
    server.addReadinessCheck({ name: 'odd', ready: () => 'yes' as unknown as boolean });
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('when two checks share a name, then the second is refused loudly', async () => {
    const { server } = await start(async () => true);
    server.addReadinessCheck({ name: 'slack', ready: () => true });
    expect(() => server.addReadinessCheck({ name: 'slack', ready: () => true })).toThrow('slack');
    expect(() => server.addReadinessCheck({ name: 'database', ready: () => true })).toThrow('database');
  });
});
