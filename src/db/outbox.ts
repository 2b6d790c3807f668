/**
 * The nudge outbox: the worker's queries. A nudge is claimed with `FOR UPDATE SKIP LOCKED` and a
 * lease (status `sending`, `lease_until`, `attempts + 1`), then settled exactly once: sent,
 * released back to pending, failed or cancelled. Every settlement is guarded by the claim's token
 * (`attempts` and `lease_until` as the claim left them), so a worker whose lease expired and was
 * taken over by another can no longer touch the row.
 *
 * Two clocks: the worker's (`now` below, which tests and `worker --once --now` set) decides what is
 * due; leases are set and compared with the database's `now()` only (see databaseClock.ts), so
 * workers whose clocks disagree still agree on whose lease is live.
 */

import { and, asc, eq, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type {
  ClaimedNudge,
  ClaimOptions,
  Lease,
  ReleaseOptions,
  SentRecord,
} from '../bot/worker/outboxPort.js';
import { databaseNow, databaseNowPlus } from './databaseClock.js';
import type { Db } from './engine.js';
import { identities, nudges, spaces } from './schema.js';

/**
 * The two ways a row is due, each written so that PostgreSQL can match it to its partial index:
 * the status is a literal (a bound parameter would not prove the index predicate in a generic
 * plan) and the order is the index's own. A `sending` row without a lease reads as expired.
 */
const pendingDue = (now: Date) => and(sql`${nudges.status} = 'pending'`, lte(nudges.dueAt, now), notHeld());

/**
 * A nudge is held while every space its person is in has left (a Slack workspace uninstalled,
 * its token revoked or dead): it is not claimed, so it is neither attempted nor failed, and a
 * reinstall lets it go out as it was. When no space is held (nearly always) the first, uncorrelated
 * test is one probe of `spaces_held_idx`, evaluated once per query; only then is each row's person
 * looked at, through the identities' person index.
 */
const notHeld = () => sql`(
  not exists (select 1 from ${spaces} where ${spaces.sendsHeldSince} is not null)
  or not exists (
    select 1 from ${identities} held_identity
    join ${spaces} held_space on held_space.id = held_identity.space_id
    where held_identity.person_id = ${nudges.personId} and held_space.sends_held_since is not null
  )
  or exists (
    select 1 from ${identities} live_identity
    join ${spaces} live_space on live_space.id = live_identity.space_id
    where live_identity.person_id = ${nudges.personId} and live_space.sends_held_since is null
  )
)`;
const leaseEnd = sql`coalesce(${nudges.leaseUntil}, '-infinity'::timestamptz)`;
const leaseExpired = () => and(sql`${nudges.status} = 'sending'`, sql`${leaseEnd} < now()`);

/** The query that finds due pending rows (through `nudges_pending_due_idx`), locked, skipping locked ones. */
export function selectPendingDue(db: Db, now: Date, limit: number) {
  return db
    .select({ id: nudges.id })
    .from(nudges)
    .where(pendingDue(now))
    .orderBy(asc(nudges.dueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * The query that finds rows whose lease expired on the database clock, or that have none
 * (through `nudges_sending_lease_idx`): a dead worker's, or a row left in `sending` by hand.
 */
export function selectLeaseExpired(db: Db, limit: number) {
  return db
    .select({ id: nudges.id })
    .from(nudges)
    .where(leaseExpired())
    .orderBy(asc(leaseEnd))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * Claims up to `limit` due rows in one transaction: expired leases first (they are overdue and
 * few), then pending rows by due time. Rows another worker has locked are skipped, never waited
 * for. Returns the claimed rows ordered by due time.
 */
export async function claimDue(db: Db, options: ClaimOptions): Promise<ClaimedNudge[]> {
  const { now, limit, leaseMs } = options;
  if (limit <= 0) return [];
  const rows = await db.transaction(async (tx) => {
    const expired = await selectLeaseExpired(tx as unknown as Db, limit);
    const pending =
      expired.length < limit ? await selectPendingDue(tx as unknown as Db, now, limit - expired.length) : [];
    const ids = [...expired, ...pending].map((row) => row.id);
    if (ids.length === 0) return [];
    return tx
      .update(nudges)
      .set({ status: 'sending', leaseUntil: databaseNowPlus(leaseMs), attempts: sql`${nudges.attempts} + 1` })
      .where(inArray(nudges.id, ids))
      .returning();
  });
  return (rows as unknown as ClaimedNudge[]).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

const ours = (lease: Lease) =>
  and(
    eq(nudges.id, lease.id),
    sql`${nudges.status} = 'sending'`,
    eq(nudges.attempts, lease.attempts),
    eq(nudges.leaseUntil, lease.leaseUntil),
  );

async function settle(
  db: Db,
  where: SQL | undefined,
  set: PgUpdateSetSource<typeof nudges>,
): Promise<boolean> {
  const rows = await db.update(nudges).set(set).where(where).returning({ id: nudges.id });
  return rows.length === 1;
}

/**
 * Written right before the platform is called: renews the lease for the send (from the database's
 * `now()`) and records that a send is under way, so that whoever finds the row later without an
 * outcome knows the message may have landed. The returned lease replaces the old one; null when
 * the claim was lost.
 */
export async function beginSend(db: Db, lease: Lease, leaseMs: number): Promise<Lease | null> {
  const [row] = await db
    .update(nudges)
    .set({
      leaseUntil: databaseNowPlus(leaseMs),
      inDoubtSince: sql`coalesce(${nudges.inDoubtSince}, ${databaseNow()})`,
    })
    .where(ours(lease))
    .returning({ leaseUntil: nudges.leaseUntil });
  return row?.leaseUntil ? { id: lease.id, attempts: lease.attempts, leaseUntil: row.leaseUntil } : null;
}

/** Marks the nudge sent when the claim is still ours. Returns whether it applied. */
export function markSent(db: Db, lease: Lease, sent: SentRecord): Promise<boolean> {
  const where = sent.afterRelease
    ? and(
        eq(nudges.id, lease.id),
        eq(nudges.attempts, lease.attempts),
        or(
          and(sql`${nudges.status} = 'sending'`, eq(nudges.leaseUntil, lease.leaseUntil)),
          and(sql`${nudges.status} = 'pending'`, isNull(nudges.leaseUntil)),
        ),
      )
    : ours(lease);
  return settle(db, where, {
    status: 'sent',
    sentAt: sent.sentAt,
    platformMessageId: sent.messageId,
    leaseUntil: null,
    inDoubtSince: null,
    lastError: null,
  });
}

/** Puts a claimed nudge back to pending, due at `dueAt`. Returns whether it applied. */
export function release(db: Db, lease: Lease, options: ReleaseOptions): Promise<boolean> {
  return settle(db, ours(lease), {
    status: 'pending',
    dueAt: options.dueAt,
    lastError: options.error,
    leaseUntil: null,
    ...(options.countAttempt === false ? { attempts: sql`${nudges.attempts} - 1` } : {}),
    ...(options.inDoubtSince !== undefined ? { inDoubtSince: options.inDoubtSince } : {}),
  });
}

/** Gives up on a claimed nudge for good. Returns whether it applied. */
export function markFailed(db: Db, lease: Lease, error: string): Promise<boolean> {
  return settle(db, ours(lease), { status: 'failed', lastError: error, leaseUntil: null });
}

/** Cancels a claimed nudge that is no longer relevant. Returns whether it applied. */
export function markCancelled(db: Db, lease: Lease, reason: string): Promise<boolean> {
  return settle(db, ours(lease), { status: 'cancelled', lastError: reason, leaseUntil: null });
}

/** The earliest time a pending nudge is due, or null when none is pending. */
export async function nextPendingDueAt(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ dueAt: nudges.dueAt })
    .from(nudges)
    .where(sql`${nudges.status} = 'pending'`)
    .orderBy(asc(nudges.dueAt))
    .limit(1);
  return row?.dueAt ?? null;
}
