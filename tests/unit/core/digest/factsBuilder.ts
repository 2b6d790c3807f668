/** Small builders of DigestFacts rows for the pure figure tests. */
import type {
  DigestContact,
  DigestEvent,
  DigestFacts,
  DigestMeeting,
  DigestPerson,
} from '../../../../src/core/digest/digestFacts.js';

export const at = (iso: string): Date => new Date(iso);

export function facts(parts: Partial<DigestFacts> = {}): DigestFacts {
  return { persons: [], contacts: [], events: [], meetings: [], ...parts };
}

export const student = (id: string, name = id): DigestPerson => ({ id, displayName: name, role: 'student' });
export const mentor = (id: string, name = id): DigestPerson => ({ id, displayName: name, role: 'mentor' });

export function contact(id: string, ownerId: string, extra: Partial<DigestContact> = {}): DigestContact {
  return {
    id,
    ownerId,
    name: `Contact ${id}`,
    company: null,
    stage: 'identified',
    lastActivityAt: at('2026-11-01T00:00:00Z'),
    ...extra,
  };
}

export function event(
  contactId: string,
  ownerId: string,
  occurredAt: string,
  extra: Partial<DigestEvent> = {},
): DigestEvent {
  return {
    contactId,
    ownerId,
    authorId: ownerId,
    kind: 'stage',
    toStage: null,
    occurredAt: at(occurredAt),
    ...extra,
  };
}

export function meeting(
  id: string,
  studentId: string,
  startsAt: string,
  extra: Partial<DigestMeeting> = {},
): DigestMeeting {
  return {
    id,
    studentId,
    contactId: null,
    mentorId: null,
    startsAt: at(startsAt),
    durationMinutes: 30,
    heldAt: at(startsAt),
    loggedByStudent: true,
    loggedByMentor: false,
    ...extra,
  };
}
