/**
 * The rows the digest, `stats` and `report` are computed from, as the repository fetches them for
 * one organization. They hold counts' raw material and names only: never a note, a question, a
 * meeting's topics, nor a contact's email, profile link or job title.
 */
import type { Role, Stage, TimelineKind } from '../domain.js';

export interface DigestPerson {
  id: string;
  displayName: string;
  role: Role;
}

/** A contact on a student's list: enough to count stages and to match professionals. */
export interface DigestContact {
  id: string;
  ownerId: string;
  /** The professional's name and organization: shown only in the "contacted by several students" list. */
  name: string;
  company: string | null;
  stage: Stage;
  lastActivityAt: Date;
}

/** A timeline entry without its text. */
export interface DigestEvent {
  contactId: string;
  ownerId: string;
  authorId: string | null;
  kind: TimelineKind;
  toStage: Stage | null;
  occurredAt: Date;
}

/** A meeting that is not cancelled, without its topics. */
export interface DigestMeeting {
  id: string;
  studentId: string;
  contactId: string | null;
  mentorId: string | null;
  startsAt: Date;
  durationMinutes: number;
  heldAt: Date | null;
  loggedByStudent: boolean;
  loggedByMentor: boolean;
}

/**
 * Everything of one organization the figures need. `events` and `meetings` cover the requested
 * window (`since` to `until`); `persons` and `contacts` are the organization's current ones.
 */
export interface DigestFacts {
  persons: DigestPerson[];
  contacts: DigestContact[];
  events: DigestEvent[];
  meetings: DigestMeeting[];
}
