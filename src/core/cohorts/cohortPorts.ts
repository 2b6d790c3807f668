/**
 * The cohort aggregate's ports: groups of students with an advisor and a join code, and the
 * pairing of mentors with students. `src/db/repos/cohortRepository.ts` implements them.
 */
import type { Person } from '../people/peoplePorts.js';

export interface Cohort {
  id: string;
  orgId: string;
  /** Its place in the organization's list (`cohort show 2`). */
  number: number;
  name: string;
  advisorId: string | null;
  /** Letters only, stored without the dash it is shown with. */
  joinCode: string | null;
  joinCodeExpiresAt: Date | null;
}

export interface CohortSummary extends Cohort {
  members: number;
  advisorName: string | null;
}

export interface CohortRepository {
  /** A new cohort with the next number; null when the organization has one of that name. */
  create(orgId: string, name: string, nameKey: string): Promise<Cohort | null>;
  list(orgId: string): Promise<CohortSummary[]>;
  /** The members, by name. */
  members(orgId: string, cohortId: string): Promise<Person[]>;
  /** False when they were already in it. */
  addMember(orgId: string, cohortId: string, personId: string): Promise<boolean>;
  /** False when they were not in it. */
  removeMember(orgId: string, cohortId: string, personId: string): Promise<boolean>;
  setAdvisor(orgId: string, cohortId: string, advisorId: string): Promise<void>;
  setJoinCode(orgId: string, cohortId: string, code: string, expiresAt: Date): Promise<void>;
  /** The cohort of the organization whose code this is, expired or not. */
  findByJoinCode(orgId: string, code: string): Promise<Cohort | null>;
  /** The cohorts a person advises. */
  advisedBy(orgId: string, personId: string): Promise<Cohort[]>;
  /** Pairs a mentor with a student; `created` is false when they already were. */
  match(
    orgId: string,
    mentorId: string,
    studentId: string,
    at: Date,
  ): Promise<{ id: string; created: boolean }>;
  /** False when they were not matched. */
  unmatch(orgId: string, mentorId: string, studentId: string): Promise<boolean>;
  /** The mentor's matched students, oldest match first. */
  matchesOf(orgId: string, mentorId: string): Promise<{ studentId: string; matchedAt: Date }[]>;
  /** Records that the mentor was reminded of these matches (see nudges/mentorReminders.ts). */
  markReminded(orgId: string, matchIds: readonly string[], at: Date): Promise<void>;
  /** Everyone in any of these cohorts (each once). */
  memberIds(orgId: string, cohortIds: readonly string[]): Promise<string[]>;
}
