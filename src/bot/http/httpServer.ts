/**
 * The one HTTP server on PORT: the probes for orchestrators (probes.ts), and routes that other
 * parts (the Slack receiver at `/slack/events`, `/metrics`) add with `route()`. A bad request gets
 * a status code, never a crash, and no client may hold a connection open for long without
 * finishing its request (see HttpTimeouts).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFrontDoor, type FrontDoor } from './frontDoor.js';
import {
  DEFAULT_TIMEOUTS,
  type HttpLogger,
  type HttpTimeouts,
  type RouteHandler,
  sendJson,
  serveHardened,
} from './hardenedServer.js';
import { mountProbes, type ReadinessCheck } from './probes.js';

export { DEFAULT_TIMEOUTS, type HttpLogger, type HttpTimeouts, type RouteHandler, sendJson };

export interface HttpServerOptions {
  /** Resolves true when the database answers (with its migrations applied); see probes.ts. */
  health: () => Promise<boolean>;
  logger: HttpLogger;
  /** How long `/readyz` and `/healthz` wait for their checks before answering 503. */
  healthTimeoutMs?: number;
  /** How long `close()` lets requests in flight finish before cutting their connections. */
  closeGraceMs?: number;
  /** Tests shorten these; production keeps DEFAULT_TIMEOUTS. */
  timeouts?: Partial<HttpTimeouts>;
  /**
   * A front door holds the port (frontDoor.ts), and this server listens on a loopback port behind
   * it: for Discord over HTTP, whose deferrals must not wait for the main thread.
   */
  front?: boolean;
}

export interface HttpServer {
  /** Adds a handler for one method and exact path (the query string is ignored). */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Adds a part that `/readyz` (and `/healthz`) asks besides the database. */
  addReadinessCheck(check: ReadinessCheck): void;
  /** Starts listening and resolves with the actual port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  /** The node:http server; with a front door, the one behind it, on a loopback port. */
  readonly server: Server;
  /** The front door, when the server has one (`front`). */
  readonly front?: FrontDoor;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger } = options;
  const healthTimeoutMs = options.healthTimeoutMs ?? 2000;
  const closeGraceMs = options.closeGraceMs ?? 5000;
  const timeouts: HttpTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  // method -> path -> handler
  const routes = new Map<string, Map<string, RouteHandler>>();

  const route = (method: string, path: string, handler: RouteHandler): void => {
    const verb = method.toUpperCase();
    const byPath = routes.get(verb) ?? new Map<string, RouteHandler>();
    if (byPath.has(path)) throw new Error(`A handler for ${verb} ${path} is already registered.`);
    byPath.set(path, handler);
    routes.set(verb, byPath);
  };

  const addReadinessCheck = mountProbes(route, sendJson, {
    health: options.health,
    timeoutMs: healthTimeoutMs,
    logger,
  });

  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      sendJson(res, 400, { error: 'bad_request' });
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    // HEAD is answered like GET; node drops the body.
    const handler =
      routes.get(method)?.get(pathname) ?? (method === 'HEAD' ? routes.get('GET')?.get(pathname) : undefined);
    if (handler) {
      await handler(req, res);
      return;
    }
    const allowed = [...routes].filter(([, byPath]) => byPath.has(pathname)).map(([verb]) => verb);
    if (allowed.length > 0) {
      sendJson(res, 405, { error: 'method_not_allowed' }, { allow: allowed.join(', ') });
      return;
    }
    sendJson(res, 404, { error: 'not_found' });
  };

  const server = serveHardened(dispatch, timeouts, logger);

  const front = options.front ? createFrontDoor({ timeouts, logger, closeGraceMs }) : undefined;

  const listenHere = (port: number, host?: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        server.off('listening', onListening);
        reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });

  const listen = async (port: number, host?: string): Promise<number> => {
    if (!front) return listenHere(port, host);
    const behind = await listenHere(0, '127.0.0.1');
    try {
      return await front.start(port, host, behind);
    } catch (error) {
      await closeHere();
      throw error;
    }
  };

  const closeHere = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      // Idle keep-alive sockets would hold close() open; busy ones get a grace period.
      const force = setTimeout(() => server.closeAllConnections(), closeGraceMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });

  const close = async (): Promise<void> => {
    await front?.close();
    await closeHere();
  };

  return { route, addReadinessCheck, listen, close, server, ...(front ? { front } : {}) };
}
