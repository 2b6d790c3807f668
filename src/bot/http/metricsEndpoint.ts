/**
 * `GET /metrics`: the Registry in Prometheus's text format. With METRICS_TOKEN set, only a request
 * carrying `Authorization: Bearer <token>` gets it; any other answer is 401, the same for a
 * missing, malformed or wrong token, and the comparison takes the same time however much of the
 * token was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Registry } from 'prom-client';
import { type HttpServer, sendJson } from './httpServer.js';

export interface MetricsEndpointOptions {
  registry: Registry;
  /** When set, required as a bearer token. */
  token?: string | undefined;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Whether the request carries the token. Both sides are hashed first: equal lengths, no early exit. */
export function hasBearerToken(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

export function mountMetrics(http: Pick<HttpServer, 'route'>, options: MetricsEndpointOptions): void {
  const { registry, token } = options;
  http.route('GET', '/metrics', async (req, res) => {
    if (token !== undefined && !hasBearerToken(req, token)) {
      sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer realm="metrics"' });
      return;
    }
    const text = await registry.metrics();
    res.writeHead(200, {
      'content-type': registry.contentType,
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    });
    res.end(text);
  });
}
