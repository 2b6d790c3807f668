import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Cohort, CohortRepository } from '../../core/cohorts/cohortPorts.js';
import type { Db } from '../engine.js';
import { cohortMembers, cohorts, mentorMatches, persons } from '../schema.js';
import { theRow } from './rows.js';

const COHORT_COLUMNS = {
  id: cohorts.id,
  orgId: cohorts.orgId,
  number: cohorts.number,
  name: cohorts.name,
  advisorId: cohorts.advisorId,
  joinCode: cohorts.joinCode,
  joinCodeExpiresAt: cohorts.joinCodeExpiresAt,
};

const ofOrg = (orgId: string, cohortId: string) => and(eq(cohorts.orgId, orgId), eq(cohorts.id, cohortId));

export function cohortRepository(db: Db): CohortRepository {
  return {
    create: async (orgId, name, nameKey) => {
      const [taken] = await db
        .select({ id: cohorts.id })
        .from(cohorts)
        .where(and(eq(cohorts.orgId, orgId), eq(cohorts.nameKey, nameKey)));
      if (taken) return null;
      const next = sql<number>`(select coalesce(max(${cohorts.number}), 0) + 1 from ${cohorts} where ${cohorts.orgId} = ${orgId})`;
      const rows = await db
        .insert(cohorts)
        .values({ orgId, name, nameKey, number: next })
        .returning(COHORT_COLUMNS);
      return theRow(rows, 'cohort create');
    },

    list: async (orgId) => {
      const memberCounts = db
        .select({ cohortId: cohortMembers.cohortId, members: count().as('members') })
        .from(cohortMembers)
        .where(eq(cohortMembers.orgId, orgId))
        .groupBy(cohortMembers.cohortId)
        .as('member_counts');
      const rows = await db
        .select({
          ...COHORT_COLUMNS,
          members: sql<number>`coalesce(${memberCounts.members}, 0)`.mapWith(Number),
          advisorName: persons.displayName,
        })
        .from(cohorts)
        .leftJoin(memberCounts, eq(memberCounts.cohortId, cohorts.id))
        .leftJoin(persons, eq(persons.id, cohorts.advisorId))
        .where(eq(cohorts.orgId, orgId))
        .orderBy(asc(cohorts.number));
      return rows;
    },

    members: async (orgId, cohortId) => {
      const rows = await db
        .select({ person: persons })
        .from(cohortMembers)
        .innerJoin(persons, eq(persons.id, cohortMembers.personId))
        .where(and(eq(cohortMembers.orgId, orgId), eq(cohortMembers.cohortId, cohortId)))
        .orderBy(asc(persons.displayName));
      return rows.map((r) => r.person);
    },

    addMember: async (orgId, cohortId, personId) => {
      const rows = await db
        .insert(cohortMembers)
        .values({ orgId, cohortId, personId })
        .onConflictDoNothing()
        .returning({ personId: cohortMembers.personId });
      return rows.length > 0;
    },

    removeMember: async (orgId, cohortId, personId) => {
      const rows = await db
        .delete(cohortMembers)
        .where(
          and(
            eq(cohortMembers.orgId, orgId),
            eq(cohortMembers.cohortId, cohortId),
            eq(cohortMembers.personId, personId),
          ),
        )
        .returning({ personId: cohortMembers.personId });
      return rows.length > 0;
    },

    setAdvisor: async (orgId, cohortId, advisorId) => {
      await db.update(cohorts).set({ advisorId }).where(ofOrg(orgId, cohortId));
    },

    setJoinCode: async (orgId, cohortId, code, expiresAt) => {
      await db
        .update(cohorts)
        .set({ joinCode: code, joinCodeExpiresAt: expiresAt })
        .where(ofOrg(orgId, cohortId));
    },

    findByJoinCode: async (orgId, code) => {
      const [row] = await db
        .select(COHORT_COLUMNS)
        .from(cohorts)
        .where(and(eq(cohorts.orgId, orgId), eq(cohorts.joinCode, code)));
      return row ?? null;
    },

    advisedBy: async (orgId, personId): Promise<Cohort[]> =>
      db
        .select(COHORT_COLUMNS)
        .from(cohorts)
        .where(and(eq(cohorts.orgId, orgId), eq(cohorts.advisorId, personId)))
        .orderBy(asc(cohorts.number)),

    match: async (orgId, mentorId, studentId, at) => {
      const [created] = await db
        .insert(mentorMatches)
        .values({ orgId, mentorId, studentId, matchedAt: at })
        .onConflictDoNothing()
        .returning({ id: mentorMatches.id });
      if (created) return { id: created.id, created: true };
      const [known] = await db
        .select({ id: mentorMatches.id })
        .from(mentorMatches)
        .where(and(eq(mentorMatches.mentorId, mentorId), eq(mentorMatches.studentId, studentId)));
      return { id: theRow(known ? [known] : [], 'match lookup').id, created: false };
    },

    unmatch: async (orgId, mentorId, studentId) => {
      const rows = await db
        .delete(mentorMatches)
        .where(
          and(
            eq(mentorMatches.orgId, orgId),
            eq(mentorMatches.mentorId, mentorId),
            eq(mentorMatches.studentId, studentId),
          ),
        )
        .returning({ id: mentorMatches.id });
      return rows.length > 0;
    },

    matchesOf: async (orgId, mentorId) =>
      db
        .select({ studentId: mentorMatches.studentId, matchedAt: mentorMatches.matchedAt })
        .from(mentorMatches)
        .where(and(eq(mentorMatches.orgId, orgId), eq(mentorMatches.mentorId, mentorId)))
        .orderBy(asc(mentorMatches.matchedAt)),

    markReminded: async (orgId, matchIds, at) => {
      if (matchIds.length === 0) return;
      await db
        .update(mentorMatches)
        .set({ remindedAt: at })
        .where(and(eq(mentorMatches.orgId, orgId), inArray(mentorMatches.id, [...matchIds])));
    },

    memberIds: async (orgId, cohortIds) => {
      if (cohortIds.length === 0) return [];
      const rows = await db
        .selectDistinct({ personId: cohortMembers.personId })
        .from(cohortMembers)
        .where(and(eq(cohortMembers.orgId, orgId), inArray(cohortMembers.cohortId, [...cohortIds])));
      return rows.map((r) => r.personId);
    },
  };
}
