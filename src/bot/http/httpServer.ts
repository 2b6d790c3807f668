/**
 * The one HTTP server on PORT: the probes for orchestrators (probes.ts), and routes that other
 * parts (the Slack receiver at `/slack/events`, `/metrics`) add with `route()`. A bad request gets
 * a status code, never a crash, and no client may hold a connection open for long without
 * finishing its request (see HttpTimeouts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountProbes, type ReadinessCheck } from './probes.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What the server logs through; a pino logger fits. */
export interface HttpLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/**
 * How long a client may take. Node's defaults (300 s for a request, 60 s for its headers) let a
 * few hundred slow clients hold the server; everyone who talks to this server (Slack, Discord,
 * Prometheus, a probe) sends a small request at once, and Slack gives up on an answer after 3 s,
 * so a request still arriving after seconds is never one worth waiting for.
 */
export interface HttpTimeouts {
  /**
   * From the first byte of a request to the end of its headers; also the longest a connection may
   * stay silent outside keep-alive (Node's headers timeout does not start until a byte arrives).
   * 10 s: a thousand times what a healthy client needs, well past a congested link's retransmits.
   */
  headersMs: number;
  /**
   * From the first byte to the end of the body; then the answer is 408 and the connection is
   * closed. 15 s: Slack's 1 MB maximum needs far less on any link that could answer Slack in
   * time, and anything slower has already missed Slack's 3 s.
   */
  requestMs: number;
  /**
   * How long an idle keep-alive connection stays open. 65 s: longer than the 60 s idle timeout
   * of the common load balancers (AWS ALB, nginx), so the server never closes a connection the
   * balancer is about to reuse (a 502); raise it above a longer balancer timeout.
   */
  keepAliveMs: number;
  /** How often Node looks for connections past those timeouts (its default, 30 s, is too coarse). */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<HttpTimeouts> = Object.freeze({
  headersMs: 10_000,
  requestMs: 15_000,
  keepAliveMs: 65_000,
  checkIntervalMs: 1_000,
});

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
}

export interface HttpServer {
  /** Adds a handler for one method and exact path (the query string is ignored). */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Adds a part that `/readyz` (and `/healthz`) asks besides the database. */
  addReadinessCheck(check: ReadinessCheck): void;
  /** Starts listening and resolves with the actual port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
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

  // The answer in progress on each connection, so a client error never writes over it.
  const answering = new WeakMap<object, ServerResponse>();
  const server = createServer({ connectionsCheckingInterval: timeouts.checkIntervalMs }, (req, res) => {
    answering.set(req.socket, res);
    dispatch(req, res).catch((err: unknown) => {
      logger.error({ err, method: req.method, path: req.url?.split('?')[0] }, 'HTTP handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.end();
    });
  });
  server.headersTimeout = timeouts.headersMs;
  // Socket inactivity: closes a connection opened and left silent. Between requests Node swaps
  // it for the keep-alive timeout, and back on the next request.
  server.timeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // Malformed HTTP (bad headers, garbage bytes): 400; a client too slow with its headers or body:
  // 408. Either way the connection is closed once the answer is flushed, so a slow body stops being
  // read, and nothing is written over an answer a handler has begun.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    logger.debug({ code: err.code }, timedOut ? 'HTTP request too slow' : 'Malformed HTTP request');
    const answer = answering.get(socket);
    const begun = answer?.headersSent === true && !answer.writableEnded;
    if (!socket.writable || socket.destroyed || begun) {
      socket.destroy();
      return;
    }
    const status = timedOut ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
  });

  const listen = (port: number, host?: string): Promise<number> =>
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

  const close = (): Promise<void> =>
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

  return { route, addReadinessCheck, listen, close, server };
}
