/**
 * A node:http server with the limits every server of Rapport's keeps: how long a client may take
 * (HttpTimeouts), a status code for malformed or too-slow requests instead of a crash, and a 500
 * for a handler that throws. The shared server (httpServer.ts) and its front door
 * (frontDoorThread.ts) are both made here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the server logs through; a pino logger fits. */
export interface HttpLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

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

/** A server that answers every request with `handle`, within `timeouts`. */
export function serveHardened(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  timeouts: HttpTimeouts,
  logger: HttpLogger,
): Server {
  // The answer in progress on each connection, so a client error never writes over it.
  const answering = new WeakMap<object, ServerResponse>();
  const server = createServer({ connectionsCheckingInterval: timeouts.checkIntervalMs }, (req, res) => {
    answering.set(req.socket, res);
    handle(req, res).catch((err: unknown) => {
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

  return server;
}
