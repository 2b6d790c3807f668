/**
 * Bolt's Receiver for HTTP mode, mounted on the shared HTTP server (the one that serves
 * `/healthz`) instead of a server of its own. It checks what Bolt's HTTPReceiver checks, and what
 * it does not: a timestamp more than five minutes in the future is refused like a stale one. A
 * request that fails a check gets its status code and reaches no listener.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import {
  type App,
  HTTPResponseAck,
  HTTPModuleFunctions as http,
  type Receiver,
  type ReceiverEvent,
  type Logger as SlackLogger,
  verifySlackRequest,
} from '@slack/bolt';
import type { RouteHandler } from '../http/httpServer.js';

/** Slack's own rule: a signed request is valid for five minutes either side of now. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export interface SlackReceiverOptions {
  /** The shared server's `route` (see httpServer.ts). */
  route(method: string, path: string, handler: RouteHandler): void;
  signingSecret: string;
  logger: SlackLogger;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  path?: string;
  bodyLimit?: number;
}

type Body = Record<string, unknown>;

/** Why a request was refused, for the log line; never its content. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** The media type without parameters: Slack sends none, but a proxy may add `; charset=utf-8`. */
function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private mounted = false;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;
  readonly path: string;

  constructor(private readonly options: SlackReceiverOptions) {
    this.now = options.now ?? Date.now;
    this.path = options.path ?? '/slack/events';
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (this.mounted) return;
    this.options.route('POST', this.path, (req, res) => this.handle(req, res));
    this.mounted = true;
  }

  /** Refuses new requests (503) and resolves once the ones in flight have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  /** Resolves when every request received so far has been fully processed (listeners included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const work = this.process(req, res);
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async process(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    if (this.stopped || !this.app) {
      http.buildNoBodyResponse(res, 503);
      return;
    }
    let body: Body;
    let buffered: IncomingMessage;
    try {
      buffered = await http.bufferIncomingMessage(req, this.options.bodyLimit ?? http.defaultBodyLimit);
      const raw = (buffered as IncomingMessage & { rawBody: Buffer }).rawBody.toString('utf8');
      const type = mediaType(req);
      if (type === FORM && parseQuery(raw).ssl_check === '1') {
        // Slack's certificate probe is unsigned by design; it is answered and nothing else is read.
        http.buildSSLCheckResponse(res);
        return;
      }
      this.verify(req, raw);
      body = this.parse(type, raw);
    } catch (error) {
      const status =
        error instanceof Refusal
          ? error.status
          : http.isRawBodyError(error) && error.statusCode === 413
            ? 413
            : 400;
      logger.warn(
        `Refused a Slack request (${status}): ${error instanceof Error ? error.message : 'unreadable body'}`,
      );
      http.buildNoBodyResponse(res, status);
      return;
    }
    if (body.type === 'url_verification') {
      http.buildUrlVerificationResponse(res, body);
      return;
    }
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      const acknowledged = await http.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      if (acknowledged) ack.ack();
    }
  }

  /**
   * Signature and age, both ways. Bolt's `parseAndVerifyHTTPRequest` reads the wall clock and
   * accepts any future timestamp, so the clock check is ours and the signature check is Bolt's
   * `verifySlackRequest`, given the same clock.
   */
  private verify(req: IncomingMessage, raw: string): void {
    const signature = header(req, 'x-slack-signature');
    const stamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !stamp || !/^\d{1,12}$/.test(stamp))
      throw new Refusal(401, 'missing or malformed signature headers');
    const nowMs = this.now();
    const skew = Number(stamp) - Math.floor(nowMs / 1000);
    if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS) {
      throw new Refusal(401, `timestamp is ${Math.abs(skew)} s in the ${skew > 0 ? 'future' : 'past'}`);
    }
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(stamp) },
        nowMilliseconds: nowMs,
      });
    } catch {
      throw new Refusal(401, 'signature mismatch');
    }
  }

  /** Slash commands are a form; interactivity is a form with one `payload` JSON field; events are JSON. */
  private parse(type: string, raw: string): Body {
    if (type === FORM) {
      const form = parseQuery(raw);
      if (typeof form.payload === 'string') return this.parseJson(form.payload);
      return Object.fromEntries(
        Object.entries(form).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
      );
    }
    if (type === JSON_TYPE) return this.parseJson(raw);
    throw new Refusal(415, `unsupported content type "${type.slice(0, 60)}"`);
  }

  private parseJson(text: string): Body {
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Body;
    } catch {
      // falls through to the refusal
    }
    throw new Refusal(400, 'malformed JSON body');
  }
}
