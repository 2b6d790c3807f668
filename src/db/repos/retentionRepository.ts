/**
 * What the retention step deletes once RAPPORT_RETENTION_DAYS have passed, and its record. Each
 * person goes in a transaction of their own (core's `erasePerson`, the same deletion as
 * forget-me); what is left of a workspace (its spaces, its install, the organization when no
 * other space of it is still installed) goes last, in one transaction with the record of it. A
 * record holds kinds, times and counts: never a name or an id of a person.
 */
import { and, count, eq, isNotNull, isNull, lte, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { erasePerson } from '../../core/people/erasure.js';
import type { Db } from '../engine.js';
import {
  contacts,
  dataDeletions,
  identities,
  organizations,
  persons,
  slackInstallations,
  spaces,
} from '../schema.js';
import { reposFor } from '../store.js';

/** A workspace install whose window has passed. */
export interface LeftInstall {
  installKey: string;
  orgId: string | null;
  teamId: string | null;
  isEnterpriseInstall: boolean;
  leftAt: Date;
}

export interface DeletionCounts {
  persons: number;
  contacts: number;
}

/** The spaces an install held: its workspace, or every held Slack space of its organization. */
const heldSpacesOf = (install: LeftInstall, orgId: string) =>
  and(
    eq(spaces.platform, 'slack'),
    isNotNull(spaces.sendsHeldSince),
    install.isEnterpriseInstall || !install.teamId
      ? eq(spaces.orgId, orgId)
      : and(eq(spaces.orgId, orgId), eq(spaces.externalId, install.teamId)),
  );

export function retentionRepository(db: Db) {
  /** Deletes one person (locked and checked again first) in a transaction; returns their contacts' count, or null when gone already. */
  const erase = (orgId: string, personId: string, stillDue: (tx: Db) => Promise<boolean>) =>
    db.transaction(async (tx) => {
      const handle = tx as unknown as Db;
      const [locked] = await tx
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.orgId, orgId), eq(persons.id, personId)))
        .for('update');
      if (!locked || !(await stillDue(handle))) return null;
      const [owned] = await tx.select({ n: count() }).from(contacts).where(eq(contacts.ownerId, personId));
      await erasePerson(reposFor(handle), orgId, personId);
      return Number(owned?.n ?? 0);
    });

  return {
    /** Installs uninstalled at or before `cutoff` (their data is due for deletion). */
    leftInstalls: async (cutoff: Date, limit: number): Promise<LeftInstall[]> => {
      const rows = await db
        .select({
          installKey: slackInstallations.installKey,
          orgId: slackInstallations.orgId,
          teamId: slackInstallations.teamId,
          isEnterpriseInstall: slackInstallations.isEnterpriseInstall,
          leftAt: slackInstallations.uninstalledAt,
        })
        .from(slackInstallations)
        .where(lte(slackInstallations.uninstalledAt, cutoff))
        .limit(limit);
      return rows.map((row) => ({ ...row, leftAt: row.leftAt! }));
    },

    /**
     * The people whose data goes with a workspace that left. Every person of its organization
     * when no other space of it is still here; else those in no space still here (someone linked
     * to one, their Discord account say, stays: only their identity in the workspace goes).
     */
    peopleToErase: async (install: LeftInstall): Promise<string[]> => {
      if (!install.orgId) return [];
      const orgId = install.orgId;
      const liveSpace = db
        .select({ one: sql`1` })
        .from(spaces)
        .where(and(eq(spaces.orgId, orgId), isNull(spaces.sendsHeldSince)));
      const [anyLive] = await liveSpace.limit(1);
      if (!anyLive) {
        const everyone = await db.select({ id: persons.id }).from(persons).where(eq(persons.orgId, orgId));
        return everyone.map((row) => row.id);
      }
      const other = alias(identities, 'other_identity');
      const otherSpace = alias(spaces, 'other_space');
      const rows = await db
        .selectDistinct({ id: identities.personId })
        .from(identities)
        .innerJoin(spaces, eq(spaces.id, identities.spaceId))
        .where(
          and(
            eq(identities.orgId, orgId),
            heldSpacesOf(install, orgId),
            notExists(
              db
                .select({ one: sql`1` })
                .from(other)
                .innerJoin(otherSpace, eq(otherSpace.id, other.spaceId))
                .where(and(eq(other.personId, identities.personId), isNull(otherSpace.sendsHeldSince))),
            ),
          ),
        );
      return rows.map((row) => row.id);
    },

    /** Deletes a person of a workspace that left, if it is still gone (a reinstall stops it). */
    eraseLeftPerson: (install: LeftInstall, personId: string) =>
      erase(install.orgId ?? '', personId, async (tx) => {
        const [row] = await tx
          .select({ at: slackInstallations.uninstalledAt })
          .from(slackInstallations)
          .where(eq(slackInstallations.installKey, install.installKey))
          // A reinstall updates this row: it waits for this deletion, or this one sees it.
          .for('update');
        return row?.at !== null && row?.at !== undefined;
      }),

    /**
     * The rest of a workspace that left: its held spaces, its install, and its organization
     * when no other space of it is still here, with the record of the whole deletion. Null
     * when a reinstall (or another worker) came first.
     */
    finishInstall: (install: LeftInstall, counts: DeletionCounts, now: Date): Promise<boolean> =>
      db.transaction(async (tx) => {
        const gone = await tx
          .delete(slackInstallations)
          .where(
            and(
              eq(slackInstallations.installKey, install.installKey),
              isNotNull(slackInstallations.uninstalledAt),
            ),
          )
          .returning({ key: slackInstallations.installKey });
        if (gone.length === 0) return false;
        let organizationDeleted = false;
        if (install.orgId) {
          await tx.delete(spaces).where(heldSpacesOf(install, install.orgId));
          const [live] = await tx.select({ n: count() }).from(spaces).where(eq(spaces.orgId, install.orgId));
          if (Number(live?.n ?? 0) === 0) {
            const deleted = await tx
              .delete(organizations)
              .where(eq(organizations.id, install.orgId))
              .returning({ id: organizations.id });
            organizationDeleted = deleted.length > 0;
          }
        }
        await tx.insert(dataDeletions).values({
          kind: 'workspace_uninstalled',
          platform: 'slack',
          leftAt: install.leftAt,
          deletedAt: now,
          persons: counts.persons,
          contacts: counts.contacts,
          organizationDeleted,
        });
        return true;
      }),

    /** People deactivated at or before `cutoff`. */
    deactivatedPeople: async (cutoff: Date, limit: number) => {
      const rows = await db
        .select({ id: persons.id, orgId: persons.orgId, leftAt: persons.deactivatedAt })
        .from(persons)
        .where(lte(persons.deactivatedAt, cutoff))
        .limit(limit);
      return rows.map((row) => ({ ...row, leftAt: row.leftAt! }));
    },

    /** Deletes a deactivated person still deactivated, with the record, in one transaction. */
    eraseDeactivated: (person: { id: string; orgId: string; leftAt: Date }, cutoff: Date, now: Date) =>
      erase(person.orgId, person.id, async (tx) => {
        const [row] = await tx
          .select({ at: persons.deactivatedAt })
          .from(persons)
          .where(eq(persons.id, person.id));
        if (!row?.at || row.at > cutoff) return false;
        await tx.insert(dataDeletions).values({
          kind: 'person_deactivated',
          platform: 'slack',
          leftAt: row.at,
          deletedAt: now,
          persons: 1,
          contacts: await contactCount(tx, person.id),
        });
        return true;
      }),
  };
}

async function contactCount(db: Db, personId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contacts).where(eq(contacts.ownerId, personId));
  return Number(row?.n ?? 0);
}

export type RetentionRepository = ReturnType<typeof retentionRepository>;
