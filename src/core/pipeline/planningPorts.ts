/**
 * What re-planning reads, for some of a person's contacts and for the person, in one round trip;
 * `src/db/repos/planningRepository.ts` implements it.
 */
import type { NudgeKind } from '../domain.js';
import type { NudgeRecord } from '../nudges/nudgePorts.js';
import type { Contact } from './contactPorts.js';
import type { Meeting } from './meetingPorts.js';

/** One contact's planning facts. */
export interface ContactPlanningFacts {
  /** Its latest meeting that is not cancelled. */
  meeting: Meeting | null;
  /** Its nudges, whatever their status. */
  nudges: NudgeRecord[];
  /** The contact of the same owner who referred it, if any. */
  referrer: Contact | null;
}

/** The person-wide facts. */
export interface PersonPlanningFacts {
  /** The person's own nudges of the kinds asked (no contact's), whatever their status. */
  nudges: NudgeRecord[];
  /** Meetings not cancelled that were held (marked met, or logged by a mentor). */
  meetingsHeld: number;
  /** When the person first moved any contact into reached out. */
  firstOutreachAt: Date | null;
}

export interface PlanningRepository {
  /**
   * The facts of these contacts (by id) and, when `personKinds` is given, of their owner
   * `personId`: one statement whatever the number of contacts.
   */
  factsFor(
    personId: string,
    contacts: readonly Contact[],
    personKinds: readonly NudgeKind[] | null,
  ): Promise<{ contacts: Map<string, ContactPlanningFacts>; person: PersonPlanningFacts | null }>;
}
