/**
 * The front door's thread (see frontDoor.ts): it holds PORT and passes every request on to the
 * shared server on the main thread (a loopback port of its own), but for the Discord
 * interactions its lane may defer at once (discord/frontLane.ts). Those it answers here, with
 * the private deferral, and hands to the main thread as JSON text. Its event loop does nothing
 * else, so a deferral never waits for command work.
 *
 * Messages from the main thread: FrontDoorCommand; to it: FrontDoorEvent (frontDoor.ts).
 */
import {
  Agent,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createDiscordLane, type DiscordLane, FRONT_DEFERRAL } from '../discord/frontLane.js';
import { INTERACTIONS_PATH } from '../discord/interactionSignature.js';
import { createWorkQueue } from '../workQueue.js';
import type { FrontDoorCommand, FrontDoorEvent, FrontDoorSpec } from './frontDoor.js';
import { type HttpLogger, sendJson, serveHardened } from './hardenedServer.js';
import { MAX_BODY_BYTES, MAX_CONCURRENT_READS, Refusal, readBody, refuseFor } from './signedRequests.js';

if (!parentPort) throw new Error('frontDoorThread.ts runs as a worker thread (frontDoor.ts starts it).');
const port = parentPort;
const spec = workerData as FrontDoorSpec;
const tell = (event: FrontDoorEvent) => port.postMessage(event);

// Warnings and errors go to the main thread's logger; the rest is dropped.
const logger: HttpLogger = {
  warn: (obj, msg) => tell({ type: 'log', level: 'warn', obj, msg }),
  error: (obj, msg) => tell({ type: 'log', level: 'error', obj, msg }),
  debug: () => undefined,
};

/** Headers that describe one connection, not the request or answer: never passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

function endToEnd(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

const upstream = new Agent({ keepAlive: true });

/**
 * Passes a request on to the main thread's server and its answer back: `body`, read here, or
 * none. An answer that closes its connection (a refusal) closes the client's too.
 */
function passOn(req: IncomingMessage, res: ServerResponse, body?: Buffer): void {
  const headers = endToEnd(req.headers);
  if (body) headers['content-length'] = String(body.length);
  let answered = false;
  const out = request(
    { agent: upstream, host: '127.0.0.1', port: spec.target, method: req.method, path: req.url, headers },
    (answer) => {
      answered = true;
      const back = endToEnd(answer.headers);
      if (answer.headers.connection === 'close') back.connection = 'close';
      res.writeHead(answer.statusCode ?? 502, back);
      answer.on('aborted', () => res.destroy());
      answer.pipe(res);
    },
  );
  out.on('error', (err) => {
    // The answer has begun: it ends with the connection.
    if (answered) return;
    if (res.headersSent) res.destroy();
    else {
      logger.warn({ err, path: req.url?.split('?')[0] }, 'The front door could not reach the main thread');
      sendJson(res, 502, { error: 'bad_gateway' }, { connection: 'close' });
    }
  });
  res.on('close', () => {
    if (!res.writableFinished) out.destroy();
  });
  out.end(body);
}

let lane: DiscordLane | undefined;

/** Bodies read at once for the routes other than Discord's lane, which has slots of its own. */
const reading = createWorkQueue(MAX_CONCURRENT_READS);

/**
 * Passes a request with a body on once it is all here, so that the main thread never refuses one
 * half sent (which would cut the connection under the rest of it, and lose the refusal).
 */
async function passOnWhole(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const read = reading.tryRun(() => readBody(req, MAX_BODY_BYTES));
  if (!read) {
    refuseFor(
      res,
      new Refusal(503, 'too many request bodies being read at once'),
      logger,
      'Refused a request',
    );
    return;
  }
  try {
    passOn(req, res, await read);
  } catch (error) {
    refuseFor(res, error, logger, 'Refused a request');
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
  if (!lane || req.method !== 'POST' || req.url?.split('?')[0] !== INTERACTIONS_PATH) {
    if (hasBody) await passOnWhole(req, res);
    else passOn(req, res);
    return;
  }
  let raw: Buffer;
  try {
    raw = await lane.read(req);
  } catch (error) {
    // As the endpoint on the main thread refuses and logs it (interactionEndpoint.ts).
    refuseFor(res, error, logger, 'Refused a Discord interaction request');
    return;
  }
  const text = lane.deferrable(raw);
  if (text === null) {
    passOn(req, res, raw);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': FRONT_DEFERRAL.length });
  res.end(FRONT_DEFERRAL);
  tell({ type: 'deferred', text });
}

const server = serveHardened(handle, spec.timeouts, logger);

function close(graceMs: number): void {
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  server.close(() => {
    clearTimeout(force);
    upstream.destroy();
    tell({ type: 'closed' });
    port.close();
  });
  server.closeIdleConnections();
}

port.on('message', (command: FrontDoorCommand) => {
  switch (command.type) {
    case 'lane':
      lane = createDiscordLane(command.rules);
      break;
    case 'served':
      lane?.served(command.guildId);
      break;
    case 'taken':
      lane?.taken(command.count);
      break;
    case 'close':
      close(command.graceMs);
      break;
  }
});

server.once('error', (err: NodeJS.ErrnoException) => {
  tell({ type: 'failed', code: err.code, message: err.message });
  port.close();
});
server.listen(spec.port, spec.host, () => {
  tell({ type: 'listening', port: (server.address() as AddressInfo).port });
});
