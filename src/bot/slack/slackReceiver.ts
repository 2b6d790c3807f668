/**
 * Bolt's Receiver for HTTP mode, mounted on the shared HTTP server (the one that serves
 * `/healthz`) instead of a server of its own. It checks what Bolt's HTTPReceiver checks, and what
 * it does not: a timestamp more than five minutes in the future is refused like a stale one. A
 * request that fails a check gets its status code and reaches no listener.
 *
 * Bodies cost memory, so everything that can be checked from the headers is checked before a byte
 * of the body is read: the signature headers and the timestamp's window (401), the content type
 * (415), the declared length against what Slack ever sends of that kind (413). Then at most
 * `maxConcurrentReads` bodies are read at once (more get 503 at once), each cut off at its
 * kind's limit as it streams in; the shared server's request timeout ends one that dribbles.
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
import { header, MAX_CONCURRENT_READS, Refusal, refuse, timestampProblem } from '../http/signedRequests.js';
import { createWorkQueue, type WorkQueue } from '../workQueue.js';

/**
 * The most of a body ever read, by kind. Slash commands and interactivity (a form with one JSON
 * `payload`, a modal's whole view at most) stay far under 64 KB; Events API JSON is capped by
 * Slack well under 1 MB.
 */
export interface BodyLimits {
  form: number;
  json: number;
}

export const BODY_LIMITS: Readonly<BodyLimits> = Object.freeze({ form: 64 * 1024, json: 1024 * 1024 });

/**
 * Slack's certificate probe (`ssl_check=1&token=...`) comes without a signature, so a form with no
 * signature headers and a declared length this small is read to look for it; nothing else is.
 */
const SSL_CHECK_LIMIT = 1024;

export interface SlackReceiverOptions {
  /** The shared server's `route` (see httpServer.ts). */
  route(method: string, path: string, handler: RouteHandler): void;
  signingSecret: string;
  logger: SlackLogger;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  path?: string;
  /** Tests lower them; production keeps BODY_LIMITS. */
  bodyLimits?: Partial<BodyLimits>;
  /** Bodies read at once (default MAX_CONCURRENT_READS). */
  maxConcurrentReads?: number;
}

type Body = Record<string, unknown>;

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** The media type without parameters: Slack sends none, but a proxy may add `; charset=utf-8`. */
function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The declared body length; undefined for a chunked body (its length is counted as it arrives). */
function declaredLength(req: IncomingMessage): number | undefined {
  const value = req.headers['content-length'];
  return value === undefined ? undefined : Number(value);
}

/** What the headers allow: how much of the body to read, and whether it must carry a valid signature. */
interface Admission {
  limit: number;
  signed: boolean;
}

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private mounted = false;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;
  private readonly limits: BodyLimits;
  /** The bodies being read; a request that finds no free slot is refused, never queued. */
  private readonly reading: WorkQueue;
  readonly path: string;

  constructor(private readonly options: SlackReceiverOptions) {
    this.now = options.now ?? Date.now;
    this.path = options.path ?? '/slack/events';
    this.limits = { ...BODY_LIMITS, ...options.bodyLimits };
    this.reading = createWorkQueue(options.maxConcurrentReads ?? MAX_CONCURRENT_READS);
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
      refuse(res, 503);
      return;
    }
    let body: Body;
    let buffered: IncomingMessage;
    try {
      const admission = this.admit(req);
      const read = this.reading.tryRun(() => http.bufferIncomingMessage(req, admission.limit));
      if (!read) throw new Refusal(503, 'too many request bodies being read at once');
      buffered = await read;
      const raw = (buffered as IncomingMessage & { rawBody: Buffer }).rawBody.toString('utf8');
      const type = mediaType(req);
      if (!admission.signed) {
        // Slack's certificate probe is unsigned by design; it is answered and nothing else is read.
        if (parseQuery(raw).ssl_check !== '1') throw new Refusal(401, 'missing signature headers');
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
      refuse(res, status);
      return;
    }
    if (body.type === 'url_verification') {
      http.buildUrlVerificationResponse(res, body);
      return;
    }
    // The certificate probe may also come signed; it reaches no listener either way.
    if (body.ssl_check === '1') {
      http.buildSSLCheckResponse(res);
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
   * Everything the headers can tell, before a byte of the body is read: the signature headers'
   * presence and shape, the timestamp's age both ways (Bolt's checks read the wall clock and
   * accept any future timestamp, so this one is ours), the content type, the declared length.
   */
  private admit(req: IncomingMessage): Admission {
    const type = mediaType(req);
    const signature = header(req, 'x-slack-signature');
    const stamp = header(req, 'x-slack-request-timestamp');
    const length = declaredLength(req);
    if (signature === undefined && stamp === undefined && type === FORM) {
      if (length !== undefined && length <= SSL_CHECK_LIMIT) return { limit: SSL_CHECK_LIMIT, signed: false };
    }
    if (!signature || !stamp || !SIGNATURE.test(signature) || !TIMESTAMP.test(stamp))
      throw new Refusal(401, 'missing or malformed signature headers');
    const late = timestampProblem(stamp, this.now());
    if (late) throw new Refusal(401, late);
    const limit = type === FORM ? this.limits.form : type === JSON_TYPE ? this.limits.json : undefined;
    if (limit === undefined) throw new Refusal(415, `unsupported content type "${type.slice(0, 60)}"`);
    if (length !== undefined && !(length <= limit))
      throw new Refusal(413, `declared body of ${length} bytes is over ${limit}`);
    return { limit, signed: true };
  }

  /** The signature over the body, with Bolt's `verifySlackRequest` given our clock. */
  private verify(req: IncomingMessage, raw: string): void {
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: raw,
        headers: {
          'x-slack-signature': header(req, 'x-slack-signature')!,
          'x-slack-request-timestamp': Number(header(req, 'x-slack-request-timestamp')),
        },
        nowMilliseconds: this.now(),
      });
    } catch {
      throw new Refusal(401, 'signature mismatch');
    }
  }

  /**
   * Slash commands are a form; interactivity is a form with one `payload` JSON field; events are
   * JSON (`admit` lets no other content type through).
   */
  private parse(type: string, raw: string): Body {
    if (type !== FORM) return this.parseJson(raw);
    const form = parseQuery(raw);
    if (typeof form.payload === 'string') return this.parseJson(form.payload);
    return Object.fromEntries(
      Object.entries(form).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
    );
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
