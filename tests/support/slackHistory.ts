/**
 * The messages a fake Slack holds, per channel, and its answer to `conversations.history` the way
 * Slack gives it: newest first, from `oldest` on, `limit` messages a page with `has_more`, each
 * message's metadata only with `include_all_metadata`, and a rate limit of its own (since 2025
 * about one call a minute for commercially distributed apps outside the Marketplace), answered
 * with 429 and Retry-After. Shared by fakeSlack.ts and fakeNotifier.ts's receiver.
 */

/** A message as stored: its channel, its `ts` (time-based, unique) and the key in its metadata. */
export interface StoredSlackMessage {
  channel: string;
  ts: string;
  /** `metadata.event_payload.key` (the idempotency key), or null when it carried none. */
  key: string | null;
  metadata: unknown;
}

export interface SlackHistoryOptions {
  /** Calls answered per sliding minute; further calls get 429 (default: no limit). */
  perMinute?: number;
}

export interface HistoryAnswer {
  status: 200 | 429;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** The idempotency key a message carries in its metadata (a JSON string in a form body). */
export function metadataKey(metadata: unknown): string | null {
  let value = metadata;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const key = (value as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key;
  return typeof key === 'string' ? key : null;
}

export class SlackHistory {
  private readonly byChannel = new Map<string, StoredSlackMessage[]>();
  private readonly answered: number[] = [];
  private sequence = 0;
  /** Calls to conversations.history: answered, and refused with 429. */
  readonly calls = { answered: 0, limited: 0 };

  constructor(private readonly options: SlackHistoryOptions = {}) {}

  /** Stores a posted message; returns its `ts`, built from the wall clock as Slack's is. */
  add(channel: string, metadata: unknown, nowMs: number = Date.now()): StoredSlackMessage {
    const micros = nowMs * 1000 + (this.sequence++ % 1000);
    const ts = `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
    const message: StoredSlackMessage = { channel, ts, key: metadataKey(metadata), metadata };
    const list = this.byChannel.get(channel) ?? [];
    list.push(message);
    this.byChannel.set(channel, list);
    return message;
  }

  /** Every stored message, in order of arrival per channel. */
  all(): StoredSlackMessage[] {
    return [...this.byChannel.values()].flat();
  }

  answer(args: Record<string, unknown>, nowMs: number = Date.now()): HistoryAnswer {
    const perMinute = this.options.perMinute;
    if (perMinute !== undefined) {
      while (this.answered.length > 0 && nowMs - this.answered[0]! >= 60_000) this.answered.shift();
      if (this.answered.length >= perMinute) {
        this.calls.limited += 1;
        const retryAfter = Math.max(1, Math.ceil((this.answered[0]! + 60_000 - nowMs) / 1000));
        return {
          status: 429,
          body: { ok: false, error: 'ratelimited' },
          headers: { 'retry-after': String(retryAfter) },
        };
      }
      this.answered.push(nowMs);
    }
    this.calls.answered += 1;
    const channel = String(args.channel ?? '');
    const oldest = Number(args.oldest ?? 0);
    const limit = Math.max(1, Number(args.limit ?? 100));
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const newestFirst = (this.byChannel.get(channel) ?? []).filter((m) => Number(m.ts) > oldest).reverse();
    const page = newestFirst.slice(0, limit).map((m) => ({
      type: 'message',
      ts: m.ts,
      ...(withMetadata && m.metadata !== undefined ? { metadata: normalize(m.metadata) } : {}),
    }));
    return {
      status: 200,
      body: { ok: true, messages: page, has_more: newestFirst.length > limit },
      headers: {},
    };
  }
}

const normalize = (metadata: unknown): unknown => {
  if (typeof metadata !== 'string') return metadata;
  try {
    return JSON.parse(metadata);
  } catch {
    return metadata;
  }
};
