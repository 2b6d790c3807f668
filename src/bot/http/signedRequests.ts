/**
 * What the two signed webhooks (Slack's requests, Discord's HTTP interactions) share before any
 * body is read: a refusal that names its status, the headers read one way, the refusal written
 * without reading more, and the one timestamp window both platforms get.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Bodies read at once, per endpoint. A platform's own traffic to one replica is a few small
 * requests at a time, each read in a millisecond; 16 bodies of at most 1 MB bound what unfinished
 * requests (a client that sends headers and then trickles, or stops) can hold.
 */
export const MAX_CONCURRENT_READS = 16;

/**
 * No request any route of Rapport's accepts has a larger body (Slack's JSON and Discord's
 * interactions stop at 1 MB): the most the front door reads of one.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A signed request is valid this long either side of now; older ones are replays, newer forged. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Why a request was refused, for the log line; never its content. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Answers without reading the rest of the body, and closes the connection so nobody drains it. */
export function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { connection: 'close', 'content-length': 0 });
  res.end();
}

/**
 * Refuses with `error`'s status (400 for anything but a Refusal: an unreadable body) and logs
 * the status and the reason, never what was sent.
 */
export function refuseFor(
  res: ServerResponse,
  error: unknown,
  logger: { warn(obj: object, msg: string): void },
  message: string,
): void {
  const status = error instanceof Refusal ? error.status : 400;
  logger.warn({ status, reason: error instanceof Error ? error.message : 'unreadable body' }, message);
  refuse(res, status);
}

/** Why a signature timestamp (seconds) is out of the window, or null when it is inside it. */
export function timestampProblem(stamp: string, nowMs: number): string | null {
  const skew = Number(stamp) - Math.floor(nowMs / 1000);
  if (Math.abs(skew) <= MAX_CLOCK_SKEW_SECONDS) return null;
  return `timestamp is ${Math.abs(skew)} s in the ${skew > 0 ? 'future' : 'past'}`;
}

/** The body, or a 413 refusal as soon as it passes `limit` (nothing more is read). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanUp = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanUp();
        req.pause();
        reject(new Refusal(413, `body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanUp();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
