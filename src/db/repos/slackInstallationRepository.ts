/**
 * Slack installations (Add to Slack) and the one-use OAuth states, as rows. The sealing happens
 * in the caller (src/bot/slack/installationStore.ts); this file only stores what it is given, and
 * ties each install to an organization and its spaces in the same transaction.
 */
import { and, eq, gt, isNotNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../engine.js';
import { organizations, slackInstallations, slackOAuthStates, spaces } from '../schema.js';
import { leavingRepository } from './leavingRepository.js';

export type InstallationRow = typeof slackInstallations.$inferSelect;

export interface InstallationWrite {
  installKey: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /** The workspace or enterprise name, for a new organization. */
  name: string;
  /** The organization's default zone, for a new organization. */
  timezone: string;
  keyId: string;
  sealed: string;
  botExpiresAt: Date | null;
}

/** The organization an install belongs to: its own row's, its workspace's, or a new one. */
async function organizationFor(tx: Db, write: InstallationWrite): Promise<string> {
  const [existing] = await tx
    .select({ orgId: slackInstallations.orgId })
    .from(slackInstallations)
    .where(eq(slackInstallations.installKey, write.installKey));
  if (existing?.orgId) return existing.orgId;
  if (write.teamId && !write.isEnterpriseInstall) {
    const [space] = await tx
      .select({ orgId: spaces.orgId })
      .from(spaces)
      .where(and(eq(spaces.platform, 'slack'), eq(spaces.externalId, write.teamId)));
    if (space) return space.orgId;
  }
  // First install, or its organization was deleted since (an install outlives the data it made).
  const [org] = await tx
    .insert(organizations)
    .values({ name: write.name, timezone: write.timezone })
    .returning({ id: organizations.id });
  return org!.id;
}

export function slackInstallationRepository(db: Db) {
  return {
    /** Stores (or replaces) an install, with its organization and workspace; returns the org id. */
    save: (write: InstallationWrite): Promise<string> =>
      db.transaction(async (tx) => {
        // Two callbacks for the same workspace at once: the second waits for the first's row.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${write.installKey}))`);
        const orgId = await organizationFor(tx as unknown as Db, write);
        const row = {
          teamId: write.teamId,
          enterpriseId: write.enterpriseId,
          isEnterpriseInstall: write.isEnterpriseInstall,
          orgId,
          keyId: write.keyId,
          sealed: write.sealed,
          botExpiresAt: write.botExpiresAt,
          uninstalledAt: null,
        };
        await tx
          .insert(slackInstallations)
          .values({ installKey: write.installKey, ...row })
          .onConflictDoUpdate({ target: slackInstallations.installKey, set: row });
        if (write.teamId && !write.isEnterpriseInstall) {
          await tx
            .insert(spaces)
            .values({ orgId, platform: 'slack', externalId: write.teamId, name: write.name })
            .onConflictDoNothing();
        }
        // A reinstall inside the retention window: what was held goes out again, as it was.
        await tx
          .update(spaces)
          .set({ sendsHeldSince: null })
          .where(
            and(
              eq(spaces.platform, 'slack'),
              isNotNull(spaces.sendsHeldSince),
              write.isEnterpriseInstall || !write.teamId
                ? eq(spaces.orgId, orgId)
                : eq(spaces.externalId, write.teamId),
            ),
          );
        return orgId;
      }),

    find: async (installKey: string): Promise<InstallationRow | undefined> => {
      const [row] = await db
        .select()
        .from(slackInstallations)
        .where(eq(slackInstallations.installKey, installKey));
      return row;
    },

    /** Re-seals a row only if it still holds what was read (a refresh in between wins). */
    reseal: async (installKey: string, from: string, to: { keyId: string; sealed: string }) => {
      const updated = await db
        .update(slackInstallations)
        .set(to)
        .where(and(eq(slackInstallations.installKey, installKey), eq(slackInstallations.sealed, from)))
        .returning({ key: slackInstallations.installKey });
      return updated.length === 1;
    },

    /** Rows sealed under another key than `keyId` (what `npm run rotate-key` re-seals). */
    sealedUnderOtherKeys: (keyId: string) =>
      db.select().from(slackInstallations).where(ne(slackInstallations.keyId, keyId)),

    /** A workspace of an org-wide install, met for the first time: it joins the enterprise's organization. */
    attachWorkspace: async (orgId: string, teamId: string): Promise<void> => {
      await db.insert(spaces).values({ orgId, platform: 'slack', externalId: teamId }).onConflictDoNothing();
    },

    /** The enterprise of the org-wide install whose organization holds this workspace, if any. */
    enterpriseOfWorkspace: async (teamId: string): Promise<string | undefined> => {
      const [row] = await db
        .select({ enterpriseId: slackInstallations.enterpriseId })
        .from(spaces)
        .innerJoin(slackInstallations, eq(slackInstallations.orgId, spaces.orgId))
        .where(
          and(
            eq(spaces.platform, 'slack'),
            eq(spaces.externalId, teamId),
            eq(slackInstallations.isEnterpriseInstall, true),
          ),
        )
        .limit(1);
      return row?.enterpriseId ?? undefined;
    },

    /** Marks an install gone and holds its spaces' sends (see leavingRepository). */
    markUninstalled: async (installKey: string, at: Date): Promise<boolean> =>
      (await leavingRepository(db).leave(installKey, at)) === 'left',

    /** Keeps a new state; states that expired unused go at the same time. */
    saveState: async (state: string, installOptions: Record<string, unknown>, expiresAt: Date, now: Date) => {
      await db.delete(slackOAuthStates).where(lte(slackOAuthStates.expiresAt, now));
      await db.insert(slackOAuthStates).values({ state, installOptions, expiresAt });
    },

    /** Takes a state once: a second callback with the same state (a replay) finds nothing. */
    takeState: async (state: string, now: Date): Promise<Record<string, unknown> | undefined> => {
      const [row] = await db
        .delete(slackOAuthStates)
        .where(and(eq(slackOAuthStates.state, state), gt(slackOAuthStates.expiresAt, now)))
        .returning({ installOptions: slackOAuthStates.installOptions });
      return row?.installOptions;
    },
  };
}

export type SlackInstallationRepository = ReturnType<typeof slackInstallationRepository>;
