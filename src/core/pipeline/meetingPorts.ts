/** Meetings: the ones a student scheduled and held, and the ones a mentor logged. */
import type { MeetingMode } from '../domain.js';

export interface Meeting {
  id: string;
  orgId: string;
  studentId: string;
  contactId: string | null;
  mentorId: string | null;
  startsAt: Date;
  durationMinutes: number;
  mode: MeetingMode | null;
  loggedByStudent: boolean;
  loggedByMentor: boolean;
  topics: string | null;
  heldAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

export type NewMeeting = Omit<Meeting, 'id' | 'createdAt' | 'heldAt' | 'cancelledAt'> & {
  heldAt?: Date | null;
};

/** What may change on a meeting. */
export type MeetingPatch = Partial<
  Pick<
    Meeting,
    | 'startsAt'
    | 'durationMinutes'
    | 'mode'
    | 'heldAt'
    | 'cancelledAt'
    | 'loggedByStudent'
    | 'loggedByMentor'
    | 'mentorId'
    | 'topics'
  >
>;

export interface MeetingRepository {
  create(meeting: NewMeeting): Promise<Meeting>;
  /** The latest meeting of a contact that is not cancelled. */
  latestForContact(contactId: string): Promise<Meeting | null>;
  update(id: string, patch: MeetingPatch): Promise<Meeting>;
  listForStudent(studentId: string): Promise<Meeting[]>;
  listForMentor(mentorId: string): Promise<Meeting[]>;
}
