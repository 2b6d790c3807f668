/**
 * Core's Notifier for Discord: a private message (DM) to one person, for the worker's nudges and
 * digests. It opens (or reuses) the DM channel, then posts the rendered message with a `nonce`
 * derived from the idempotency key and `enforce_nonce: true`, so a send retried after a lost
 * response returns the first message instead of posting a second one.
 *
 * Why @discordjs/rest and not raw fetch: it keeps Discord's per-route buckets and the global
 * 50 requests/s limit (sending into an exhausted bucket is what earns a temporary ban), and it
 * encodes multipart bodies with `payload_json`. It is configured to never retry on its own
 * (`retries: 0`) and to reject on a rate limit instead of sleeping (`rejectOnRateLimit`): the
 * worker owns retries and their timing, and needs to see every outcome.
 */
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, type RawFile, REST, Routes } from 'discord.js';
import type { ChannelTarget, Notifier, Recipient, SendOutcome } from '../../core/notifier.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../logger.js';
import { renderReply } from './discordRenderer.js';
import { discordRestAgent } from './restAgent.js';

export interface DiscordNotifierOptions {
  token: string;
  /** Base of the REST API (DISCORD_API_URL), without `/v10`. */
  apiUrl?: string;
  logger?: Pick<Logger, 'warn' | 'debug'>;
  /** Per-request timeout (default 15 s); a timeout is a transient failure. */
  timeoutMs?: number;
}

/** Discord's JSON error codes that mean "this person cannot get this message, ever". */
const PERMANENT_CODES: ReadonlySet<number> = new Set([
  10013, // Unknown user
  50007, // Cannot send messages to this user (DMs closed, blocked, no shared server)
  50278, // Cannot send messages to this user (the user has the app blocked)
]);
const UNKNOWN_CHANNEL = 10003;
/** Used when a 429 carries no Retry-After (it always should). */
const DEFAULT_RETRY_AFTER_MS = 1000;

/** Discord nonces are at most 25 characters; a hash keeps distinct keys distinct. */
export function nonceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 25);
}

/**
 * A REST client that makes one attempt per call and rejects on a rate limit instead of waiting:
 * its callers (the worker, a command) decide when to try again.
 */
export function oneAttemptRest(options: { token: string; apiUrl?: string; timeoutMs?: number }): REST {
  return new REST({
    version: '10',
    retries: 0,
    rejectOnRateLimit: () => true,
    offset: 0,
    timeout: options.timeoutMs ?? 15_000,
    agent: discordRestAgent(),
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
  }).setToken(options.token);
}

export class DiscordNotifier implements Notifier {
  readonly platform = 'discord' as const;
  /** Discord documents "the past few minutes" for `enforce_nonce`: three is the cautious reading. */
  readonly dedupeWindowMs = 3 * 60_000;
  private readonly rest: REST;
  /** DM channels opened in this process, for recipients whose channel is not stored yet. */
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly options: DiscordNotifierOptions) {
    this.rest = oneAttemptRest(options);
  }

  async send(to: Recipient, message: Reply, idempotencyKey: string): Promise<SendOutcome> {
    try {
      const known = to.dmChannelId ?? this.dmChannels.get(to.externalUserId);
      try {
        return await this.post(known ?? (await this.openDm(to.externalUserId)), message, idempotencyKey);
      } catch (error) {
        // A stored DM channel can vanish; open a fresh one once.
        if (!(known && error instanceof DiscordAPIError && error.code === UNKNOWN_CHANNEL)) throw error;
        this.dmChannels.delete(to.externalUserId);
        return await this.post(await this.openDm(to.externalUserId), message, idempotencyKey);
      }
    } catch (error) {
      const outcome = classify(error);
      this.options.logger?.warn(
        { err: error, outcome: outcome.status, personId: to.personId },
        'Discord DM was not delivered',
      );
      return outcome;
    }
  }

  private async openDm(userId: string): Promise<string> {
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
      id: string;
    };
    this.dmChannels.set(userId, channel.id);
    return channel.id;
  }

  /** The weekly digest in its channel, with the same nonce guarantee as a DM. */
  async postToChannel(to: ChannelTarget, message: Reply, idempotencyKey: string): Promise<SendOutcome> {
    try {
      const outcome = await this.post(to.channelId, message, idempotencyKey);
      const { dmChannelId: _notADm, ...sent } = outcome as Extract<SendOutcome, { status: 'sent' }>;
      return sent;
    } catch (error) {
      const outcome = classify(error);
      this.options.logger?.warn(
        { err: error, outcome: outcome.status },
        'Discord channel post not delivered',
      );
      return outcome;
    }
  }

  private async post(channelId: string, message: Reply, idempotencyKey: string): Promise<SendOutcome> {
    // Never ephemeral. A click on its buttons in a DM is traced to the person through the row
    // each button names, so nothing else needs to ride along.
    const rendered = renderReply({ ...message, visibility: 'public' }, { notification: true });
    const { flags: _ephemeral, ...body } = rendered.body;
    const files: RawFile[] = (message.files ?? []).map((file) => ({
      name: file.filename,
      data: Buffer.from(file.content),
      contentType: file.contentType,
    }));
    const sent = (await this.rest.post(Routes.channelMessages(channelId), {
      body: {
        ...body,
        nonce: nonceFor(idempotencyKey),
        enforce_nonce: true,
        ...(files.length
          ? {
              attachments: (message.files ?? []).map((file, index) => ({
                id: index,
                filename: file.filename,
                ...(file.title ? { description: file.title.slice(0, 1024) } : {}),
              })),
            }
          : {}),
      },
      ...(files.length ? { files } : {}),
    })) as { id: string };
    return { status: 'sent', messageId: sent.id, dmChannelId: channelId };
  }
}

/** Discord's answer as a SendOutcome the worker can act on. */
export function classify(error: unknown): Exclude<SendOutcome, { status: 'sent' }> {
  if (error instanceof RateLimitError) {
    return {
      status: 'rate_limited',
      retryAfterMs: error.retryAfter > 0 ? error.retryAfter : DEFAULT_RETRY_AFTER_MS,
    };
  }
  if (error instanceof DiscordAPIError) {
    const described = `Discord ${error.status} (code ${error.code}): ${error.message}`;
    if (error.status === 429) {
      const seconds = Number((error.rawError as { retry_after?: unknown }).retry_after);
      return {
        status: 'rate_limited',
        retryAfterMs: seconds > 0 ? Math.ceil(seconds * 1000) : DEFAULT_RETRY_AFTER_MS,
      };
    }
    if (typeof error.code === 'number' && PERMANENT_CODES.has(error.code))
      return { status: 'permanent', error: described };
    // A rejected token is our configuration, not the message: keep the message for later.
    if (error.status === 401) return { status: 'transient', error: described };
    if (error.status >= 500) return { status: 'transient', error: described };
    // Any other 4xx (a malformed message, missing access) will fail the same way every time.
    return { status: 'permanent', error: described };
  }
  if (error instanceof HTTPError) {
    return { status: 'transient', error: `Discord ${error.status}: ${error.message}` };
  }
  // Network failures and timeouts: the message may or may not have landed; the nonce covers a retry.
  return { status: 'transient', error: error instanceof Error ? error.message : String(error) };
}
