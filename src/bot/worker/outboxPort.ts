/**
 * The nudge outbox as the worker uses it: claim what is due under a lease, load what is needed to
 * decide about each claim, and settle each one exactly once through its lease. The worker's steps
 * see only this port (`PassContext.outbox`); `src/db/nudgeOutbox.ts` implements it on the
 * database, and main.ts and the worker's CLI hand it to the pass.
 */
import type { NudgeRecord } from '../../core/nudges/nudgePorts.js';
import type { Identity, Organization, Person } from '../../core/people/peoplePorts.js';
import type { Contact } from '../../core/pipeline/contactPorts.js';
import type { Meeting } from '../../core/pipeline/meetingPorts.js';

/** A nudge this worker holds: status `sending`, with the lease it was given. */
export interface ClaimedNudge extends NudgeRecord {
  status: 'sending';
  leaseUntil: Date;
  /** Set when an earlier send's outcome was never recorded: the message may already be there. */
  inDoubtSince: Date | null;
}

/** What proves a claim is still ours. A ClaimedNudge is one. */
export interface Lease {
  id: string;
  attempts: number;
  leaseUntil: Date;
}

export interface ClaimOptions {
  /** The worker's time: rows due at or before it are claimed. Leases ignore it. */
  now: Date;
  /** Most rows claimed by this call. */
  limit: number;
  /** How long the claim holds (on the database clock) before another worker may take the row over. */
  leaseMs: number;
}

export interface SentRecord {
  messageId: string;
  sentAt: Date;
  /**
   * Also accept a row this worker released (after a send that timed out but then succeeded) as
   * long as nobody claimed it since: the message did go out, so it must not go out again.
   */
  afterRelease?: boolean;
}

export interface ReleaseOptions {
  /** When the nudge is due again. */
  dueAt: Date;
  /** Why it went back (kept in `last_error`). */
  error: string | null;
  /**
   * False when nothing was attempted (quiet hours, a rate limit, no notifier): the claim's
   * increment is taken back, so `attempts` counts delivery attempts only. Default true.
   */
  countAttempt?: boolean;
  /**
   * The platform said plainly that this send did not land (a 429): put back the doubt the row
   * had before it (the claim's `inDoubtSince`). Left out, a doubt this send raised stays.
   */
  inDoubtSince?: Date | null;
}

/** An identity of the person, and whether it is on the platform they used Rapport on last. */
export interface DeliveryIdentity extends Identity {
  seenLast: boolean;
  updatedAt: Date;
  /** Its space has left (uninstalled): nothing goes there until it is back. */
  held?: boolean;
}

/** What the worker needs to decide about one nudge right before sending it. */
export interface DeliveryFacts {
  org: Organization;
  person: Person;
  identities: DeliveryIdentity[];
  /** All of the person's contacts (the weekly summary and the "who next" suggestion use them). */
  contacts: Contact[];
  /** The nudge's contact; null for contact-less nudges, and when the contact is gone. */
  contact: Contact | null;
  /** The contact's latest meeting that is not cancelled. */
  meeting: Meeting | null;
}

/**
 * The outbox operations of the nudge step. Every settlement (`markSent`, `release`, `markFailed`,
 * `markCancelled`) applies only while the lease is still ours and returns whether it did.
 */
export interface Outbox {
  /**
   * Claims up to `limit` due nudges (expired leases first, then pending ones by due time),
   * skipping rows another worker holds. Returns them ordered by due time.
   */
  claimDue(options: ClaimOptions): Promise<ClaimedNudge[]>;
  /**
   * Written right before the platform is called: renews the lease for the send and records that
   * a send is under way. The returned lease replaces the old one; null when the claim was lost.
   */
  beginSend(lease: Lease, leaseMs: number): Promise<Lease | null>;
  markSent(lease: Lease, sent: SentRecord): Promise<boolean>;
  /** Puts a claimed nudge back to pending, due at `options.dueAt`. */
  release(lease: Lease, options: ReleaseOptions): Promise<boolean>;
  /** Gives up on a claimed nudge for good. */
  markFailed(lease: Lease, error: string): Promise<boolean>;
  /** Cancels a claimed nudge that is no longer relevant. */
  markCancelled(lease: Lease, reason: string): Promise<boolean>;
  /** The facts of a batch of nudges, in a handful of queries; a nudge whose person is gone maps to null. */
  loadDeliveryFacts(
    batch: readonly Pick<NudgeRecord, 'id' | 'orgId' | 'personId' | 'contactId'>[],
  ): Promise<Map<string, DeliveryFacts | null>>;
  /** Remembers the direct-message channel a platform opened for an identity. */
  rememberDmChannel(identityId: string, dmChannelId: string): Promise<void>;
}
