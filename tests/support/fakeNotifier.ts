/**
 * Fakes for the worker's delivery side.
 *
 * - `virtualTime`: a clock and a sleep that moves it, so pacing and Retry-After waits take no
 *   real time and every send can be stamped with the time the worker believed it was.
 * - `FakeNotifier`: an in-process Notifier that records every send and answers with scripted
 *   outcomes (a 429 with Retry-After, a transient error, a permanent one); it can also wrap a
 *   real Notifier (the Slack one against a loopback fake) to stamp and script around it.
 * - `startSlackReceiver`: a loopback Slack Web API (`conversations.open`, `chat.postMessage`) that
 *   records deliveries by idempotency key, can enforce Slack's posting limits in real time
 *   (answering 429 with Retry-After), and can stop answering after N messages so a worker can be
 *   killed with requests in flight. (tests/support/fakeSlack.ts is the general Slack fake; this
 *   one adds the limits and the hold.)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { Clock } from '../../src/core/clock.js';
import type { Platform } from '../../src/core/domain.js';
import type { Notifier, Recipient, SendOutcome } from '../../src/core/notifier.js';
import type { Reply } from '../../src/core/reply.js';
import { metadataKey, SlackHistory } from './slackHistory.js';

export interface VirtualTime {
  clock: Clock;
  /**
   * Waits `ms` of simulated time. Sleepers wake one per event-loop turn, earliest wake time
   * first, and the clock jumps to that wake time: concurrent sleeps overlap as they would in
   * real time, and time never goes back.
   */
  sleep: (ms: number) => Promise<void>;
  set(at: Date): void;
  advance(ms: number): void;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
}

export function virtualTime(start: Date): VirtualTime {
  let now = start.getTime();
  const sleeps: number[] = [];
  const sleepers: { wake: number; order: number; resolve: () => void }[] = [];
  let order = 0;
  let ticking = false;
  const tick = () => {
    sleepers.sort((a, b) => a.wake - b.wake || a.order - b.order);
    const next = sleepers.shift();
    if (next) {
      now = Math.max(now, next.wake);
      next.resolve();
    }
    ticking = sleepers.length > 0;
    if (ticking) setImmediate(tick);
  };
  return {
    clock: { now: () => new Date(now) },
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        sleeps.push(ms);
        sleepers.push({ wake: now + Math.max(0, ms), order: order++, resolve });
        if (!ticking) {
          ticking = true;
          setImmediate(tick);
        }
      }),
    set: (at) => {
      now = at.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
    sleeps,
  };
}

/** One call of `send`. */
export interface FakeSend {
  /** The idempotency key (the nudge id). */
  key: string;
  to: Recipient;
  message: Reply;
  /** The clock's time when the send started. */
  at: Date;
  /** The clock's time when the answer came back. */
  answeredAt: Date;
  /** Order of events across all sends of this notifier: when this send started, when it was answered. */
  startSeq: number;
  answerSeq: number;
  outcome: SendOutcome;
}

/** What the next send answers: an outcome, or a function of the call. */
export type Script =
  | SendOutcome
  | ((call: { key: string; to: Recipient; index: number }) => SendOutcome | Promise<SendOutcome>);

export interface FakeNotifierOptions {
  clock?: Clock;
  /** A real Notifier to pass unscripted sends to (default: answer `sent`). */
  inner?: Notifier;
  /** Called before each send with its 0-based index (to inject failures into `inner`'s fake). */
  beforeSend?: (index: number, key: string) => void;
}

export class FakeNotifier implements Notifier {
  readonly sends: FakeSend[] = [];
  private readonly scripts: Script[] = [];
  private counter = 0;
  private seq = 0;

  constructor(
    readonly platform: Platform,
    private readonly options: FakeNotifierOptions = {},
  ) {}

  /** The next sends answer these, in order; after them, sends succeed. */
  script(...outcomes: Script[]): this {
    this.scripts.push(...outcomes);
    return this;
  }

  async send(to: Recipient, message: Reply, idempotencyKey: string): Promise<SendOutcome> {
    const index = this.counter++;
    const at = this.options.clock?.now() ?? new Date();
    const startSeq = this.seq++;
    this.options.beforeSend?.(index, idempotencyKey);
    const scripted = this.scripts.shift();
    let outcome: SendOutcome;
    if (scripted === undefined) {
      outcome = this.options.inner
        ? await this.options.inner.send(to, message, idempotencyKey)
        : {
            status: 'sent',
            messageId: `${this.platform}-m${index}`,
            dmChannelId: to.dmChannelId ?? `D-${to.externalUserId}`,
          };
    } else {
      outcome =
        typeof scripted === 'function' ? await scripted({ key: idempotencyKey, to, index }) : scripted;
    }
    const answeredAt = this.options.clock?.now() ?? new Date();
    this.sends.push({
      key: idempotencyKey,
      to,
      message,
      at,
      answeredAt,
      startSeq,
      answerSeq: this.seq++,
      outcome,
    });
    return outcome;
  }

  /** The sends that were delivered. */
  delivered(): FakeSend[] {
    return this.sends.filter((s) => s.outcome.status === 'sent');
  }

  /** How many times each key was delivered. */
  deliveryCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.delivered()) counts.set(s.key, (counts.get(s.key) ?? 0) + 1);
    return counts;
  }
}

/** A message the receiver accepted. */
export interface ReceivedMessage {
  channel: string;
  /** The idempotency key from the message metadata (the nudge id). */
  key: string | null;
  /** performance.now() at arrival. */
  at: number;
  /** Why it was answered with 429, when it was. */
  rejectedFor?: 'channel' | 'overall';
}

export interface SlackReceiverOptions {
  /** Enforce Slack's posting limits: 429 with Retry-After when a message breaks one. */
  limits?: {
    /** Least time between two accepted messages to one channel. */
    perChannelIntervalMs: number;
    /** Most messages accepted in any sliding second. */
    perSecond: number;
  };
  /** After this many accepted messages, record further posts but never answer them. */
  holdAfter?: number;
  /** conversations.history calls answered per sliding minute (default: no limit). */
  historyPerMinute?: number;
}

export interface SlackReceiver {
  /** What `SLACK_API_URL` / `apiUrl` takes (ends with `/`). */
  readonly apiUrl: string;
  /** Accepted messages, in order of arrival. */
  readonly messages: ReceivedMessage[];
  /** Posts received and not answered (held). */
  readonly held: ReceivedMessage[];
  /** Posts answered with 429 because they broke a limit. */
  readonly rejected: ReceivedMessage[];
  /** Every post received: accepted, held or rejected. */
  attempts(): number;
  /** Resolves once `n` posts are held (rejects after `timeoutMs`). */
  waitForHeld(n: number, timeoutMs?: number): Promise<void>;
  /** Accepted and held messages (both landed), per channel, as conversations.history reads them. */
  readonly history: SlackHistory;
  /** Answers posts normally again (held ones stay unanswered: their client is gone). */
  stopHolding(): void;
  close(): Promise<void>;
}

function parseBody(req: IncomingMessage, raw: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseQuery(raw)))
    out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

export async function startSlackReceiver(options: SlackReceiverOptions = {}): Promise<SlackReceiver> {
  const messages: ReceivedMessage[] = [];
  const held: ReceivedMessage[] = [];
  const rejected: ReceivedMessage[] = [];
  const lastByChannel = new Map<string, number>();
  const window: number[] = [];
  const heldResponses = new Set<ServerResponse>();
  const history = new SlackHistory(
    options.historyPerMinute === undefined ? {} : { perMinute: options.historyPerMinute },
  );
  let holding = options.holdAfter !== undefined;
  let waiters: (() => void)[] = [];

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const post = (res: ServerResponse, body: Record<string, unknown>) => {
    const now = performance.now();
    const message: ReceivedMessage = {
      channel: String(body.channel ?? ''),
      key: metadataKey(body.metadata),
      at: now,
    };
    if (holding && options.holdAfter !== undefined && messages.length >= options.holdAfter) {
      // It landed; only the answer never comes.
      history.add(message.channel, body.metadata);
      held.push(message);
      heldResponses.add(res);
      for (const wake of waiters) wake();
      return;
    }
    const limits = options.limits;
    if (limits) {
      while (window.length > 0 && now - window[0]! >= 1000) window.shift();
      const last = lastByChannel.get(message.channel);
      const channelBusy = last !== undefined && now - last < limits.perChannelIntervalMs;
      if (channelBusy || window.length >= limits.perSecond) {
        rejected.push({ ...message, rejectedFor: channelBusy ? 'channel' : 'overall' });
        json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        return;
      }
      window.push(now);
      lastByChannel.set(message.channel, now);
    }
    messages.push(message);
    const { ts } = history.add(message.channel, body.metadata);
    json(res, 200, { ok: true, channel: message.channel, ts, message: { ts } });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/api\//, '');
      const body = parseBody(req, Buffer.concat(chunks).toString('utf8'));
      if (method === 'chat.postMessage') return post(res, body);
      if (method === 'conversations.history') {
        const read = history.answer(body);
        return json(res, read.status, read.body, read.headers);
      }
      if (method === 'conversations.open') {
        return json(res, 200, { ok: true, channel: { id: `D${String(body.users ?? '').split(',')[0]}` } });
      }
      if (method === 'auth.test')
        return json(res, 200, { ok: true, team_id: 'T0TEAM', user_id: 'UBOT', bot_id: 'BBOT' });
      return json(res, 200, { ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    messages,
    held,
    rejected,
    history,
    attempts: () => messages.length + held.length + rejected.length,
    waitForHeld: (n, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (held.length < n) return;
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== check);
          resolve();
        };
        const timer = setTimeout(
          () => reject(new Error(`only ${held.length} of ${n} posts held`)),
          timeoutMs,
        );
        waiters.push(check);
        check();
      }),
    stopHolding: () => {
      holding = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of heldResponses) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
