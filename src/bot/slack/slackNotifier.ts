/**
 * Core's Notifier for Slack: the worker's way to DM a person a nudge or a digest. It makes one
 * attempt per call and says how it went; the worker owns retries and the record of what was
 * sent, because a WebClient retry of a post whose answer was lost would post the message twice
 * (Slack has no idempotency key).
 */
import { webApi } from '@slack/bolt';
import type {
  ChannelTarget,
  FindSentOutcome,
  Notifier,
  Recipient,
  SendOutcome,
} from '../../core/notifier.js';
import type { Reply } from '../../core/reply.js';
import { DmChannels, uploadFiles } from './slackDirect.js';
import { type AppLogger, safeError, slackLogger } from './slackLogger.js';
import { renderReply } from './slackRenderer.js';

type WebClient = webApi.WebClient;

export interface SlackNotifierOptions {
  /** Single-workspace mode: the one bot token. */
  botToken?: string;
  /**
   * The Add to Slack install: the token of the workspace a message goes to (throws when none
   * is installed). Used instead of `botToken`.
   */
  tokenFor?: (teamId: string) => Promise<string>;
  /** Base URL of the Web API (SLACK_API_URL), ending with `/`. */
  apiUrl?: string | undefined;
  logger: AppLogger;
  /** How long one Web API call may take (default 10 s). */
  timeoutMs?: number;
}

/** Slack errors that the same call will meet again however often it is retried. */
const PERMANENT_ERRORS = new Set([
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'cannot_dm_bot',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'not_authed',
  'missing_scope',
  'no_permission',
  'restricted_action',
  'invalid_blocks',
  'invalid_arguments',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
]);

/**
 * With Add to Slack, these answers mean the workspace's token is no good any more: the workspace
 * uninstalled the app, revoked the token, or was deleted. Retrying cannot help; the worker holds
 * the workspace's sends until it installs again. (With SLACK_BOT_TOKEN they stay permanent
 * failures, as before: there is no install to come back.)
 */
const SPACE_GONE_ERRORS = new Set(['invalid_auth', 'account_inactive', 'token_revoked']);

/** The metadata event type every message carries, with its idempotency key as `key`. */
const METADATA_EVENT = 'rapport_message';
/** Messages read per history call: the most Slack gives a non-Marketplace app since 2025. */
const HISTORY_PAGE = 15;

/** Errors that mean the stored DM channel is gone, not that the person is unreachable. */
const STALE_CHANNEL_ERRORS = new Set(['channel_not_found', 'is_archived']);

/** The `error` field of a Slack API answer with `ok: false`, when that is what failed. */
export function platformError(error: unknown): string | undefined {
  if (error instanceof Error && (error as { code?: unknown }).code === webApi.ErrorCode.PlatformError) {
    return (error as webApi.WebAPIPlatformError).data.error;
  }
  return undefined;
}

/** Turns whatever a Web API call threw into the outcome the worker acts on. */
export function classifySlackError(error: unknown): Exclude<SendOutcome, { status: 'sent' }> {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (code === webApi.ErrorCode.RateLimitedError) {
    return {
      status: 'rate_limited',
      retryAfterMs: Math.max(1, (error as webApi.WebAPIRateLimitedError).retryAfter) * 1000,
    };
  }
  const slackError = platformError(error);
  if (slackError !== undefined) {
    if (slackError === 'ratelimited') return { status: 'rate_limited', retryAfterMs: 60_000 };
    return PERMANENT_ERRORS.has(slackError)
      ? { status: 'permanent', error: slackError }
      : { status: 'transient', error: slackError };
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (error as webApi.WebAPIHTTPError).statusCode;
    // Slack answers 200 or 429 unless something between us is failing: a 5xx passes, a 4xx will not.
    return status >= 500
      ? { status: 'transient', error: `http_${status}` }
      : { status: 'permanent', error: `http_${status}` };
  }
  // Network failures, timeouts and a failed upload of file bytes: worth another try.
  return {
    status: 'transient',
    error: code === webApi.ErrorCode.RequestError ? 'network_error' : 'request_failed',
  };
}

/**
 * A WebClient that makes one attempt per call and rejects a rate-limited call instead of pausing:
 * its callers (the worker, a command) decide when to try again.
 */
export function oneAttemptClient(options: SlackNotifierOptions, name: string): WebClient {
  return new webApi.WebClient(options.botToken ?? '', {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    logger: slackLogger(options.logger, name),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
  });
}

/**
 * The client for a workspace: the one client in single-workspace mode, else one per token (a
 * rotated token gets a new client; the old one is dropped).
 */
export function clientsFor(
  options: SlackNotifierOptions,
  name: string,
): (teamId: string) => Promise<WebClient> {
  if (!options.tokenFor) {
    const single = oneAttemptClient(options, name);
    return async () => single;
  }
  const byTeam = new Map<string, { token: string; client: WebClient }>();
  const tokenFor = options.tokenFor;
  return async (teamId) => {
    const token = await tokenFor(teamId);
    const known = byTeam.get(teamId);
    if (known?.token === token) return known.client;
    const client = oneAttemptClient({ ...options, botToken: token }, name);
    byTeam.set(teamId, { token, client });
    return client;
  };
}

/**
 * Why no client could be had: no install for the workspace (nothing was attempted, and retrying
 * will not help), or the token lookup itself failed (the database, a refresh): worth a retry.
 */
function noClient(error: unknown): Exclude<SendOutcome, { status: 'sent' }> {
  const cause = (error as { original?: unknown }).original ?? error;
  const missing = cause as { name?: string; uninstalled?: boolean } | undefined;
  if (missing?.name !== 'NoInstallation') return { status: 'transient', error: 'token_lookup_failed' };
  // An install that left is a workspace gone (its sends are held); one that never was is refused.
  return missing.uninstalled
    ? { status: 'space_gone', error: 'uninstalled' }
    : { status: 'permanent', error: 'not_installed' };
}

export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const clientFor = clientsFor(options, 'slack-notifier');
  const installed = options.tokenFor !== undefined;
  /** What a failed call means here: with Add to Slack, a dead token means the workspace is gone. */
  const classify = (error: unknown): Exclude<SendOutcome, { status: 'sent' }> => {
    const outcome = classifySlackError(error);
    return installed && outcome.status === 'permanent' && SPACE_GONE_ERRORS.has(outcome.error)
      ? { status: 'space_gone', error: outcome.error }
      : outcome;
  };
  const channels = new DmChannels();
  const tryClient = (teamId: string): Promise<WebClient | Exclude<SendOutcome, { status: 'sent' }>> =>
    clientFor(teamId).catch(noClient);

  /** One attempt to post: the blocks and text, or, with files, one message carrying both. */
  const post = async (
    client: WebClient,
    channel: string,
    message: Reply,
    idempotencyKey: string,
  ): Promise<string> => {
    const rendered = renderReply(message);
    if (message.files && message.files.length > 0) {
      const ids = await uploadFiles(client, channel, message.files, rendered);
      return ids[0] ?? '';
    }
    const posted = await client.chat.postMessage({
      channel,
      blocks: rendered.blocks,
      text: rendered.text,
      unfurl_links: false,
      unfurl_media: false,
      // Slack has no idempotency key; the key in the message metadata lets someone checking the
      // channel history tell a duplicate from a second nudge.
      metadata: { event_type: METADATA_EVENT, event_payload: { key: idempotencyKey } },
    });
    return posted.ts ?? '';
  };

  return {
    platform: 'slack',
    async send(to: Recipient, message: Reply, idempotencyKey: string): Promise<SendOutcome> {
      const known = to.dmChannelId ?? undefined;
      const client = await tryClient(to.spaceExternalId);
      if (!(client instanceof webApi.WebClient)) return client;
      let opened = false;
      try {
        let channel = known;
        if (!channel) {
          channel = await channels.channelFor(client, to.spaceExternalId, to.externalUserId);
          opened = true;
        }
        try {
          const messageId = await post(client, channel, message, idempotencyKey);
          return { status: 'sent', messageId, ...(opened ? { dmChannelId: channel } : {}) };
        } catch (error) {
          // A stored DM channel can go stale; the post did not land, so reopening is safe once.
          if (opened || !STALE_CHANNEL_ERRORS.has(platformError(error) ?? '')) throw error;
          channels.forget(to.spaceExternalId, to.externalUserId);
          channel = await channels.channelFor(client, to.spaceExternalId, to.externalUserId);
          const messageId = await post(client, channel, message, idempotencyKey);
          return { status: 'sent', messageId, dmChannelId: channel };
        }
      } catch (error) {
        const outcome = classify(error);
        // A workspace gone is logged once, by the worker that holds its sends.
        if (outcome.status !== 'space_gone') {
          options.logger.warn(
            { err: safeError(error), outcome: outcome.status, person: to.personId },
            'Slack DM not delivered',
          );
        }
        return outcome;
      }
    },

    /**
     * Reads the DM's history since `since` (with the messages' metadata, the `im:history` scope),
     * one page only: Slack allows commercially distributed apps outside its Marketplace about one
     * such read a minute, of at most 15 messages.
     */
    async findSent(to: Recipient, keys: readonly string[], since: Date): Promise<FindSentOutcome> {
      const client = await tryClient(to.spaceExternalId);
      if (!(client instanceof webApi.WebClient))
        return {
          status: 'failed',
          error:
            client.status === 'permanent' || client.status === 'space_gone'
              ? client.error
              : 'token_lookup_failed',
        };
      try {
        const channel =
          to.dmChannelId ?? (await channels.channelFor(client, to.spaceExternalId, to.externalUserId));
        const page = await client.conversations.history({
          channel,
          oldest: (since.getTime() / 1000).toFixed(6),
          limit: HISTORY_PAGE,
          include_all_metadata: true,
        });
        const wanted = new Set(keys);
        const found = new Map<string, string>();
        for (const message of page.messages ?? []) {
          const payload = message.metadata?.event_payload as { key?: unknown } | undefined;
          const key = message.metadata?.event_type === METADATA_EVENT ? payload?.key : undefined;
          if (typeof key === 'string' && wanted.has(key) && message.ts) found.set(key, message.ts);
        }
        return { status: 'checked', found, complete: page.has_more !== true || found.size === wanted.size };
      } catch (error) {
        const outcome = classifySlackError(error);
        options.logger.warn({ err: safeError(error), outcome: outcome.status }, 'Slack DM history not read');
        return outcome.status === 'rate_limited' ? outcome : { status: 'failed', error: outcome.error };
      }
    },

    /** The weekly digest in its channel (the bot must be a member: `/invite @Rapport`). */
    async postToChannel(to: ChannelTarget, message: Reply, idempotencyKey: string): Promise<SendOutcome> {
      const space = to.spaceExternalIds?.[0];
      const client = await tryClient(space ?? '');
      if (!(client instanceof webApi.WebClient)) return client;
      try {
        return { status: 'sent', messageId: await post(client, to.channelId, message, idempotencyKey) };
      } catch (error) {
        const outcome = classify(error);
        options.logger.warn(
          { err: safeError(error), outcome: outcome.status },
          'Slack channel post not delivered',
        );
        return outcome;
      }
    },
  };
}
