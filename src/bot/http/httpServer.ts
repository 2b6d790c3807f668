/**
 * The one HTTP server on PORT: `/healthz` for orchestrators, and routes that other parts (the
 * Slack receiver at `/slack/events`) add with `route()`. A bad request gets a status code,
 * never a crash.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What the server logs through; a pino logger fits. */
export interface HttpLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface HttpServerOptions {
  /** Resolves true when the database answers. */
  health: () => Promise<boolean>;
  logger: HttpLogger;
  /** How long `/healthz` waits for `health()` before answering 503. */
  healthTimeoutMs?: number;
  /** How long `close()` lets requests in flight finish before cutting their connections. */
  closeGraceMs?: number;
}

export interface HttpServer {
  /** Adds a handler for one method and exact path (the query string is ignored). */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Starts listening and resolves with the actual port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

function sendJson(
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

/** Resolves false when `check` rejects or takes longer than `timeoutMs`. */
async function healthWithin(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return (await Promise.race([check().then((up) => up === true), timeout])) === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger } = options;
  const healthTimeoutMs = options.healthTimeoutMs ?? 2000;
  const closeGraceMs = options.closeGraceMs ?? 5000;
  // method -> path -> handler
  const routes = new Map<string, Map<string, RouteHandler>>();

  const route = (method: string, path: string, handler: RouteHandler): void => {
    const verb = method.toUpperCase();
    const byPath = routes.get(verb) ?? new Map<string, RouteHandler>();
    if (byPath.has(path)) throw new Error(`A handler for ${verb} ${path} is already registered.`);
    byPath.set(path, handler);
    routes.set(verb, byPath);
  };

  route('GET', '/healthz', async (_req, res) => {
    const up = await healthWithin(options.health, healthTimeoutMs);
    if (!up) logger.warn({ path: '/healthz' }, 'Health check failed: the database did not answer');
    sendJson(res, up ? 200 : 503, { status: up ? 'ok' : 'unavailable' });
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

  const server = createServer((req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      logger.error({ err, method: req.method, path: req.url?.split('?')[0] }, 'HTTP handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.end();
    });
  });
  // Malformed HTTP (bad headers, garbage bytes): answer 400 and drop the socket, do not crash.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    logger.debug({ code: err.code }, 'Malformed HTTP request');
    if (socket.writable && !socket.destroyed)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
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

  return { route, listen, close, server };
}
