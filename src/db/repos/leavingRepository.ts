/**
 * Leaving, as rows: a Slack workspace (or an Enterprise Grid org-wide install) that uninstalled
 * the app or lost its bot token has its installation marked and its spaces' sends held; a person
 * whose account was deactivated is marked and their pending nudges cancelled. Reinstalling clears
 * the hold (slackInstallationRepository.save). Nothing here deletes: that is the retention step's,
 * after RAPPORT_RETENTION_DAYS.
 */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Platform } from '../../core/domain.js';
import type { Db } from '../engine.js';
import { identities, nudges, persons, slackInstallations, spaces } from '../schema.js';

/** What marking an install as gone found: unknown to us, already gone, or gone now. */
export type LeaveResult = 'unknown' | 'already' | 'left';

/** The Slack spaces an install serves: its workspace, or every Slack space of an org-wide install's organization. */
const spacesOfInstall = (row: {
  teamId: string | null;
  isEnterpriseInstall: boolean;
  orgId: string | null;
}) =>
  row.isEnterpriseInstall
    ? row.orgId
      ? and(eq(spaces.platform, 'slack'), eq(spaces.orgId, row.orgId))
      : undefined
    : row.teamId
      ? and(eq(spaces.platform, 'slack'), eq(spaces.externalId, row.teamId))
      : undefined;

export function leavingRepository(db: Db) {
  /** Marks an install uninstalled and holds its spaces' sends, in one transaction. */
  const leave = (installKey: string, at: Date): Promise<LeaveResult> =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(slackInstallations)
        .where(eq(slackInstallations.installKey, installKey))
        .for('update');
      if (!row) return 'unknown';
      const where = spacesOfInstall(row);
      if (where) {
        await tx
          .update(spaces)
          .set({ sendsHeldSince: at })
          .where(and(where, isNull(spaces.sendsHeldSince)));
      }
      if (row.uninstalledAt) return 'already';
      await tx
        .update(slackInstallations)
        .set({ uninstalledAt: at })
        .where(eq(slackInstallations.installKey, installKey));
      return 'left';
    });

  return {
    leave,

    /**
     * A space the platform no longer lets us reach (a dead token): on Slack, its install (the
     * workspace's own, else the org-wide one of its organization) is marked gone with it.
     * Returns whether it was newly held.
     */
    holdSpace: async (platform: Platform, externalId: string, at: Date): Promise<boolean> => {
      const held = await db
        .update(spaces)
        .set({ sendsHeldSince: at })
        .where(
          and(
            eq(spaces.platform, platform),
            eq(spaces.externalId, externalId),
            isNull(spaces.sendsHeldSince),
          ),
        )
        .returning({ orgId: spaces.orgId });
      if (platform !== 'slack') return held.length > 0;
      const [own] = await db
        .select({ key: slackInstallations.installKey })
        .from(slackInstallations)
        .where(eq(slackInstallations.installKey, `team:${externalId}`));
      const [space] = own
        ? []
        : await db
            .select({ key: slackInstallations.installKey })
            .from(spaces)
            .innerJoin(slackInstallations, eq(slackInstallations.orgId, spaces.orgId))
            .where(
              and(
                eq(spaces.platform, 'slack'),
                eq(spaces.externalId, externalId),
                eq(slackInstallations.isEnterpriseInstall, true),
              ),
            )
            .limit(1);
      const key = own?.key ?? space?.key;
      if (key) await leave(key, at);
      return held.length > 0;
    },

    /**
     * A platform account deactivated: the person is marked and their pending nudges cancelled.
     * Returns false when nobody here has that account (nothing is written).
     */
    deactivate: async (
      platform: Platform,
      spaceExternalId: string,
      externalUserId: string,
      at: Date,
    ): Promise<boolean> =>
      db.transaction(async (tx) => {
        const person = await personOf(tx as unknown as Db, platform, spaceExternalId, externalUserId);
        if (!person) return false;
        await tx
          .update(persons)
          .set({ deactivatedAt: at })
          .where(and(eq(persons.id, person), isNull(persons.deactivatedAt)));
        await tx
          .update(nudges)
          .set({ status: 'cancelled', lastError: 'person_deactivated' })
          .where(and(eq(nudges.personId, person), eq(nudges.status, 'pending')));
        return true;
      }),

    /** The account is active again: the mark goes (their reminders are planned again as they use Rapport). */
    reactivate: async (
      platform: Platform,
      spaceExternalId: string,
      externalUserId: string,
    ): Promise<boolean> => {
      const person = await personOf(db, platform, spaceExternalId, externalUserId);
      if (!person) return false;
      const updated = await db
        .update(persons)
        .set({ deactivatedAt: null })
        .where(and(eq(persons.id, person), isNotNull(persons.deactivatedAt)))
        .returning({ id: persons.id });
      return updated.length > 0;
    },
  };
}

async function personOf(
  db: Db,
  platform: Platform,
  spaceExternalId: string,
  externalUserId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ personId: identities.personId })
    .from(identities)
    .innerJoin(spaces, eq(spaces.id, identities.spaceId))
    .where(
      and(
        eq(spaces.platform, platform),
        eq(spaces.externalId, spaceExternalId),
        eq(identities.externalUserId, externalUserId),
      ),
    );
  return row?.personId;
}

export type LeavingRepository = ReturnType<typeof leavingRepository>;
