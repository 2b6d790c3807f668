/** Delivery: how a message reaches one person or one channel on a platform (src/bot implements it). */
import type { Platform } from './domain.js';
import type { Reply } from './reply.js';

/** Where a direct message goes. */
export interface Recipient {
  personId: string;
  platform: Platform;
  spaceExternalId: string;
  externalUserId: string;
  dmChannelId: string | null;
}

export type SendOutcome =
  | { status: 'sent'; messageId: string; dmChannelId?: string }
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'transient'; error: string }
  | { status: 'permanent'; error: string }
  /**
   * The space itself is gone for the bot (an uninstalled workspace, a revoked or dead token):
   * nothing sent there can land until it is installed again. The worker holds its sends.
   */
  | { status: 'space_gone'; error: string };

/** A channel of a space (the coordinators' digest channel). */
export interface ChannelTarget {
  platform: Platform;
  /** Slack channel id (`C123`) or Discord channel id. */
  channelId: string;
  /**
   * The organization's spaces on that platform, when known: where a platform with one token per
   * space (Slack's Add to Slack install) finds the token to look the channel up or post with.
   */
  spaceExternalIds?: readonly string[];
}

/** What a platform says about a channel: the spaces (Slack teams, a Discord guild) it is in. */
export type ChannelSpaces =
  | { status: 'found'; spaceIds: readonly string[] }
  /** No such channel, or none this bot may see (a private channel it was not invited to). */
  | { status: 'not_found' }
  /** The platform could not be asked, or did not answer. */
  | { status: 'unavailable'; error: string };

/**
 * Looks a channel up on its platform. Implemented at the edge for each platform (Slack's
 * `conversations.info`, Discord's channel resource); core decides what the answer means.
 */
export interface ChannelDirectory {
  spacesOf(target: ChannelTarget): Promise<ChannelSpaces>;
}

/** Delivers a message privately to one person on one platform. */
export interface Notifier {
  readonly platform: Platform;
  /** `idempotencyKey` is stable across retries of the same message (Discord's nonce). */
  send(to: Recipient, message: Reply, idempotencyKey: string): Promise<SendOutcome>;
  /**
   * Posts a message in a channel (the weekly digest). Optional: a Notifier without it cannot
   * serve a digest channel, and the digest goes to the coordinators by DM instead.
   */
  postToChannel?(to: ChannelTarget, message: Reply, idempotencyKey: string): Promise<SendOutcome>;
  /**
   * Looks through the recipient's DM, from `since` on, for messages that carry these idempotency
   * keys: a send whose outcome was lost may have landed. Optional: platforms that de-duplicate
   * by key themselves (Discord's nonce) leave it out, and platforms without a key (Slack) use it.
   */
  findSent?(to: Recipient, keys: readonly string[], since: Date): Promise<FindSentOutcome>;
  /**
   * How long the platform itself recognizes a message sent again with the same key (Discord keeps
   * a nonce for "the past few minutes"). A send under way holds its lease for at most half of it,
   * so a send lost with its worker is retried while the platform would still refuse the copy.
   * Absent: the platform keeps no such memory (Slack), and the worker looks with `findSent`.
   */
  readonly dedupeWindowMs?: number;
}

/** What a look through a DM's history found. */
export type FindSentOutcome =
  | {
      status: 'checked';
      /** The keys found, each with the id of the message that carries it. */
      found: ReadonlyMap<string, string>;
      /** False when the history since `since` was longer than one look could read. */
      complete: boolean;
    }
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'failed'; error: string };
