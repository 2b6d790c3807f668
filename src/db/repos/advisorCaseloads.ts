/** The advisors of an organization and the cohorts they advise, for their weekly digests. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../engine.js';
import { cohortMembers, cohorts, persons } from '../schema.js';

/** An advisor's caseload: the cohorts they advise, each with its members. */
export interface AdvisorCaseload {
  advisorId: string;
  cohorts: { id: string; number: number; name: string; memberIds: string[] }[];
}

/**
 * Every advisor of the organization who advises at least one cohort, with its members. A
 * coordinator named a cohort's advisor is left out: the whole organization's digest is theirs.
 */
export async function advisorCaseloads(db: Db, orgId: string): Promise<AdvisorCaseload[]> {
  const rows = await db
    .select({
      advisorId: cohorts.advisorId,
      cohortId: cohorts.id,
      number: cohorts.number,
      name: cohorts.name,
      memberId: cohortMembers.personId,
    })
    .from(cohorts)
    .innerJoin(persons, eq(persons.id, cohorts.advisorId))
    .leftJoin(cohortMembers, eq(cohortMembers.cohortId, cohorts.id))
    .where(and(eq(cohorts.orgId, orgId), eq(persons.role, 'advisor')))
    .orderBy(asc(cohorts.advisorId), asc(cohorts.number));
  const byAdvisor = new Map<string, AdvisorCaseload>();
  for (const r of rows) {
    if (!r.advisorId) continue;
    const caseload = byAdvisor.get(r.advisorId) ?? { advisorId: r.advisorId, cohorts: [] };
    byAdvisor.set(r.advisorId, caseload);
    let cohort = caseload.cohorts.find((c) => c.id === r.cohortId);
    if (!cohort) {
      cohort = { id: r.cohortId, number: r.number, name: r.name, memberIds: [] };
      caseload.cohorts.push(cohort);
    }
    if (r.memberId) cohort.memberIds.push(r.memberId);
  }
  return [...byAdvisor.values()];
}
