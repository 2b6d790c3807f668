/**
 * The worker's queries for the weekly digest. A week's digest is claimed by inserting its
 * `digest_log` row: `(org_id, slot)` is unique, so of two workers racing exactly one insert
 * succeeds and only that worker sends. The row carries a lease; a claim left behind by a worker
 * that died mid-delivery (lease run out, never sent) is taken over by the next pass. Every later
 * write is guarded by the claim (its `attempts` and `lease_until`), so a worker whose claim was
 * taken over can no longer mark it.
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DigestKind, DigestSettings } from '../../core/digest/digestPorts.js';
import type { Platform } from '../../core/domain.js';
import { resolveZone } from '../../core/nudges/localTime.js';
import { databaseNowPlus } from '../databaseClock.js';
import type { Db } from '../engine.js';
import { seenLast } from '../identityColumns.js';
import { digestLog, digestSettings, identities, organizations, persons, spaces } from '../schema.js';
import { defaultDigestSettings, insertLogStudents } from './digestRepository.js';

export interface DigestOrganization {
  orgId: string;
  name: string;
  timezone: string;
  settings: DigestSettings;
}

/** Every organization with its digest settings (defaults when none are saved). */
export async function listDigestOrganizations(db: Db): Promise<DigestOrganization[]> {
  const rows = await db
    .select({
      orgId: organizations.id,
      name: organizations.name,
      timezone: organizations.timezone,
      platform: digestSettings.platform,
      channelId: digestSettings.channelId,
      weekday: digestSettings.weekday,
      minuteOfDay: digestSettings.minuteOfDay,
      enabled: digestSettings.enabled,
      attachCsv: digestSettings.attachCsv,
    })
    .from(organizations)
    .leftJoin(digestSettings, eq(digestSettings.orgId, organizations.id))
    // An organization whose every space has left (uninstalled) gets no digest until it is back.
    .where(
      sql`not (exists (select 1 from ${spaces} where ${spaces.orgId} = ${organizations.id}) and not exists (select 1 from ${spaces} where ${spaces.orgId} = ${organizations.id} and ${spaces.sendsHeldSince} is null))`,
    )
    .orderBy(asc(organizations.createdAt), asc(organizations.id));
  return rows.map((r) => {
    const defaults = defaultDigestSettings(r.orgId);
    return {
      orgId: r.orgId,
      name: r.name,
      timezone: resolveZone(r.timezone),
      settings: {
        orgId: r.orgId,
        platform: r.platform,
        channelId: r.channelId,
        weekday: r.weekday ?? defaults.weekday,
        minuteOfDay: r.minuteOfDay ?? defaults.minuteOfDay,
        enabled: r.enabled ?? defaults.enabled,
        attachCsv: r.attachCsv ?? defaults.attachCsv,
      },
    };
  });
}

/** A week's digest this worker holds. */
export interface DigestClaim {
  id: string;
  orgId: string;
  kind: DigestKind;
  slot: string;
  attempts: number;
  leaseUntil: Date;
}

const claimColumns = {
  id: digestLog.id,
  orgId: digestLog.orgId,
  kind: digestLog.kind,
  slot: digestLog.slot,
  attempts: digestLog.attempts,
  leaseUntil: digestLog.leaseUntil,
};

const asClaim = (
  row:
    | {
        id: string;
        orgId: string;
        kind: DigestKind;
        slot: string | null;
        attempts: number;
        leaseUntil: Date | null;
      }
    | undefined,
): DigestClaim | null =>
  row?.slot && row.leaseUntil
    ? {
        id: row.id,
        orgId: row.orgId,
        kind: row.kind,
        slot: row.slot,
        attempts: row.attempts,
        leaseUntil: row.leaseUntil,
      }
    : null;

/**
 * Claims the week's digest: inserts its row, or takes over one whose lease ran out without it
 * being sent (a dead worker's, or one put back to retry later). Null when another worker has it,
 * or it was sent, or given up. Leases are set and compared on the database clock (`now()`), so
 * workers whose clocks disagree cannot take a live claim from each other.
 */
export async function claimDigestSlot(
  db: Db,
  orgId: string,
  slot: string,
  leaseMs: number,
  kind: Extract<DigestKind, 'digest' | 'advisor_digest'> = 'digest',
): Promise<DigestClaim | null> {
  const [inserted] = await db
    .insert(digestLog)
    .values({ orgId, kind, slot, recipient: '', leaseUntil: databaseNowPlus(leaseMs), attempts: 1 })
    .onConflictDoNothing({ target: [digestLog.orgId, digestLog.slot] })
    .returning(claimColumns);
  if (inserted) return asClaim(inserted);
  const [taken] = await db
    .update(digestLog)
    .set({ leaseUntil: databaseNowPlus(leaseMs), attempts: sql`${digestLog.attempts} + 1` })
    .where(
      and(
        eq(digestLog.orgId, orgId),
        eq(digestLog.slot, slot),
        isNull(digestLog.sentAt),
        isNotNull(digestLog.leaseUntil),
        sql`${digestLog.leaseUntil} < now()`,
      ),
    )
    .returning(claimColumns);
  return asClaim(taken);
}

const ours = (claim: DigestClaim) =>
  and(
    eq(digestLog.id, claim.id),
    isNull(digestLog.sentAt),
    eq(digestLog.attempts, claim.attempts),
    eq(digestLog.leaseUntil, claim.leaseUntil),
  );

/** Records the digest as sent, to whom, and the students whose data it carried. */
export async function markDigestSent(
  db: Db,
  claim: DigestClaim,
  sent: { recipient: string; studentIds: readonly string[]; sentAt: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const rows = await t
      .update(digestLog)
      .set({
        recipient: sent.recipient,
        sentAt: sent.sentAt,
        studentCount: new Set(sent.studentIds).size,
        leaseUntil: null,
        lastError: null,
      })
      .where(ours(claim))
      .returning({ id: digestLog.id });
    if (rows.length !== 1) return false;
    await insertLogStudents(t, claim.orgId, claim.id, sent.studentIds);
    return true;
  });
}

/** Puts the digest back, to be claimed again `retryMs` from now on the database clock (its lease). */
export async function releaseDigestSlot(
  db: Db,
  claim: DigestClaim,
  retryMs: number,
  error: string,
): Promise<boolean> {
  const rows = await db
    .update(digestLog)
    .set({ leaseUntil: databaseNowPlus(retryMs), lastError: error })
    .where(ours(claim))
    .returning({ id: digestLog.id });
  return rows.length === 1;
}

/** Gives the week's digest up for good (nobody can receive it); the row says why. */
export async function abandonDigestSlot(db: Db, claim: DigestClaim, error: string): Promise<boolean> {
  const rows = await db
    .update(digestLog)
    .set({ leaseUntil: null, lastError: error })
    .where(ours(claim))
    .returning({ id: digestLog.id });
  return rows.length === 1;
}

/** A staff member's identity, with when it last changed (the best hint of the platform used last). */
export interface StaffIdentity {
  identityId: string;
  personId: string;
  platform: Platform;
  spaceExternalId: string;
  externalUserId: string;
  dmChannelId: string | null;
  /** On the platform the coordinator used Rapport on last. */
  seenLast: boolean;
  updatedAt: Date;
}

const identityColumns = {
  identityId: identities.id,
  personId: persons.id,
  platform: identities.platform,
  spaceExternalId: spaces.externalId,
  externalUserId: identities.externalUserId,
  dmChannelId: identities.dmChannelId,
  seenLast: seenLast(),
  updatedAt: identities.updatedAt,
};

export async function coordinatorIdentities(db: Db, orgId: string): Promise<StaffIdentity[]> {
  return db
    .select(identityColumns)
    .from(persons)
    .innerJoin(identities, eq(identities.personId, persons.id))
    .innerJoin(spaces, eq(spaces.id, identities.spaceId))
    .where(
      and(
        eq(persons.orgId, orgId),
        eq(persons.role, 'coordinator'),
        isNull(persons.deactivatedAt),
        isNull(spaces.sendsHeldSince),
      ),
    )
    .orderBy(asc(persons.id));
}

/** The identities of these people of the organization (an advisor's, to send their digest). */
export async function identitiesOfPersons(
  db: Db,
  orgId: string,
  personIds: readonly string[],
): Promise<StaffIdentity[]> {
  if (personIds.length === 0) return [];
  return db
    .select(identityColumns)
    .from(persons)
    .innerJoin(identities, eq(identities.personId, persons.id))
    .innerJoin(spaces, eq(spaces.id, identities.spaceId))
    .where(and(eq(persons.orgId, orgId), inArray(persons.id, [...personIds])))
    .orderBy(asc(persons.id));
}

/** Remembers a direct-message channel the platform opened for an identity. */
export async function rememberDigestDmChannel(
  db: Db,
  identityId: string,
  dmChannelId: string,
): Promise<void> {
  await db.update(identities).set({ dmChannelId }).where(eq(identities.id, identityId));
}
