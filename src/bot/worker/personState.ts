/**
 * The person-wide facts core's weekly pipeline rules look at, read fresh at delivery time. Built
 * the way core's `replanPerson` builds them, so the relevance check and the replanning agree.
 */
import type { PersonNudgeState } from '../../core/nudges/nudgeRules.js';
import type { Contact, Person, Repos } from '../../core/ports.js';

export async function personNudgeState(
  repos: Repos,
  person: Person,
  contacts: readonly Contact[],
): Promise<PersonNudgeState> {
  const [meetings, sentNudges, firstOutreachAt] = await Promise.all([
    repos.meetings.listForStudent(person.id),
    repos.nudges.listForPerson(person.id, ['sent']),
    repos.timeline.firstEntryInto(person.id, 'reached_out'),
  ]);
  return {
    person,
    contacts,
    meetingsHeld: meetings.filter((m) => m.heldAt !== null || m.loggedByMentor).length,
    firstOutreachAt,
    sent: sentNudges
      .filter((n) => n.contactId === null)
      .map((n) => ({ dedupeKey: n.dedupeKey, kind: n.kind, sentAt: n.sentAt ?? n.dueAt })),
  };
}
