/**
 * The organization's structure: its coordinators (for the last-coordinator rule), joining one
 * organization into another (a second space attached with `space join`), and its nudge timing.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { OrganizationRepository } from '../../core/people/peoplePorts.js';
import type { Db } from '../engine.js';
import {
  codeTries,
  cohortMembers,
  cohorts,
  contactOutcomes,
  contacts,
  decisions,
  digestLog,
  digestLogStudents,
  digestSettings,
  identities,
  meetings,
  mentorMatches,
  nudges,
  oneTimeCodes,
  organizations,
  persons,
  questions,
  spaces,
  timelineEvents,
} from '../schema.js';
import { asOrganization } from './directoryRepository.js';
import { theRow } from './rows.js';

/** `contactsMoved` is told when contacts change organization (to forget contact lists read before). */
export function organizationRepository(db: Db, contactsMoved: () => void = () => {}): OrganizationRepository {
  return {
    spaces: async (orgId) =>
      db
        .select({ platform: spaces.platform, externalId: spaces.externalId })
        .from(spaces)
        .where(eq(spaces.orgId, orgId))
        .orderBy(asc(spaces.createdAt)),

    lockCoordinators: async (orgId) =>
      await db
        .select()
        .from(persons)
        .where(and(eq(persons.orgId, orgId), eq(persons.role, 'coordinator')))
        .orderBy(asc(persons.id))
        .for('update'),

    hasContacts: async (orgId) => {
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(eq(contacts.orgId, orgId))
        .limit(1);
      return row !== undefined;
    },

    mergeInto: async (fromOrgId, intoOrgId) => {
      if (fromOrgId === intoOrgId) throw new Error('an organization cannot join itself');
      // Both rows locked first, in a fixed order, so two joins cannot cross each other.
      const [first, second] = [fromOrgId, intoOrgId].sort();
      for (const id of [first, second]) {
        if (id)
          await db
            .select({ id: organizations.id })
            .from(organizations)
            .where(eq(organizations.id, id))
            .for('update');
      }
      // Every table with an `org_id` is named here; the space-join test checks none is forgotten.
      const into = { orgId: intoOrgId };
      await db.update(spaces).set(into).where(eq(spaces.orgId, fromOrgId));
      await db.update(persons).set(into).where(eq(persons.orgId, fromOrgId));
      await db.update(identities).set(into).where(eq(identities.orgId, fromOrgId));
      await db.update(contacts).set(into).where(eq(contacts.orgId, fromOrgId));
      contactsMoved();
      await db.update(meetings).set(into).where(eq(meetings.orgId, fromOrgId));
      await db.update(timelineEvents).set(into).where(eq(timelineEvents.orgId, fromOrgId));
      await db.update(questions).set(into).where(eq(questions.orgId, fromOrgId));
      await db.update(nudges).set(into).where(eq(nudges.orgId, fromOrgId));
      await moveCohorts(db, fromOrgId, intoOrgId);
      await db.update(cohortMembers).set(into).where(eq(cohortMembers.orgId, fromOrgId));
      await db.update(mentorMatches).set(into).where(eq(mentorMatches.orgId, fromOrgId));
      await db.update(contactOutcomes).set(into).where(eq(contactOutcomes.orgId, fromOrgId));
      await db.update(decisions).set(into).where(eq(decisions.orgId, fromOrgId));
      // Wrong code tries follow their person: joining must not wipe a guesser's count.
      await db.update(codeTries).set(into).where(eq(codeTries.orgId, fromOrgId));
      // The old organization's scheduled weeks mean nothing in the new one; the entries stay as history.
      await db
        .update(digestLog)
        .set({ ...into, slot: null })
        .where(eq(digestLog.orgId, fromOrgId));
      await db.update(digestLogStudents).set(into).where(eq(digestLogStudents.orgId, fromOrgId));
      // Pending codes were made for the old organization; its digest settings give way to the new one's.
      await db.delete(oneTimeCodes).where(eq(oneTimeCodes.orgId, fromOrgId));
      await db.delete(digestSettings).where(eq(digestSettings.orgId, fromOrgId));
      await db.delete(organizations).where(eq(organizations.id, fromOrgId));
    },

    updateNudgeConfig: async (orgId, change) => {
      // Read and write under the row lock: a concurrent change to another key is not lost.
      const [row] = await db
        .select({ nudgeConfig: organizations.nudgeConfig })
        .from(organizations)
        .where(eq(organizations.id, orgId))
        .for('update');
      if (!row) throw new Error('organization not found');
      const unset = change.unset === 'all' ? undefined : new Set(change.unset ?? []);
      const kept = unset ? Object.entries(row.nudgeConfig).filter(([key]) => !unset.has(key)) : [];
      const nudgeConfig = { ...Object.fromEntries(kept), ...change.set };
      return asOrganization(
        theRow(
          await db.update(organizations).set({ nudgeConfig }).where(eq(organizations.id, orgId)).returning(),
          'organization nudge config update',
        ),
      );
    },
  };
}

/**
 * The joining organization's cohorts, numbered after the other's; a name the other already uses
 * gets the number it had as a suffix, so both stay apart.
 */
async function moveCohorts(db: Db, fromOrgId: string, intoOrgId: string): Promise<void> {
  const existing = await db
    .select({ number: cohorts.number, nameKey: cohorts.nameKey })
    .from(cohorts)
    .where(eq(cohorts.orgId, intoOrgId));
  const offset = Math.max(0, ...existing.map((c) => c.number));
  const taken = new Set(existing.map((c) => c.nameKey));
  const moving = await db.select().from(cohorts).where(eq(cohorts.orgId, fromOrgId));
  for (const cohort of moving) {
    const clash = taken.has(cohort.nameKey);
    await db
      .update(cohorts)
      .set({
        orgId: intoOrgId,
        number: cohort.number + offset,
        ...(clash
          ? { name: `${cohort.name} (${cohort.number})`, nameKey: `${cohort.nameKey} (${cohort.number})` }
          : {}),
      })
      .where(eq(cohorts.id, cohort.id));
  }
}
