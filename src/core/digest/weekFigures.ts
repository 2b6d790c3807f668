/**
 * The activity of one week, from timeline entries and meetings: who was active, how many contacts
 * were added and written to, the meetings held, and how quickly students said thanks.
 *
 * Definitions (each counts students' rows only, see `studentsOf`):
 * - active student: wrote anything on their own list that week (a timeline entry they authored);
 * - new contact: a contact's `created` entry;
 * - outreach sent: an entry into `reached_out`, a follow-up (reached again) included;
 * - meeting held: a meeting that is not cancelled, marked held, starting that week; student-logged
 *   (`met`), mentor-logged (`log`), confirmed by both when both did;
 * - thank-you: a stage change into `thanked`. Its meeting is the contact's latest held meeting that
 *   started before it, ending `durationMinutes` later; without one, the latest entry into `met`.
 *   The 24-hour share and the median are over thank-yous whose meeting is known.
 */
import type { DigestEvent, DigestFacts, DigestMeeting, DigestPerson } from './digestFacts.js';
import { inPeriod, type Period } from './digestSchedule.js';

const MINUTE_MS = 60_000;
export const THANK_YOU_WINDOW_MS = 24 * 60 * MINUTE_MS;

export interface MeetingCounts {
  held: number;
  studentLogged: number;
  mentorLogged: number;
  confirmedByBoth: number;
}

export interface ThankYouFigures {
  sent: number;
  /** Thank-yous whose meeting is known: the base of the share and the median. */
  withKnownMeeting: number;
  within24h: number;
  /** `within24h / withKnownMeeting`, or null when no meeting is known. */
  share: number | null;
  /** Median time from the meeting's end to the thank-you, in milliseconds. */
  medianMs: number | null;
}

export interface WeekFigures {
  period: Period;
  activeStudents: number;
  newContacts: number;
  outreachSent: number;
  meetings: MeetingCounts;
  thankYous: ThankYouFigures;
}

/**
 * The people the figures are about: everyone whose role is student, and anyone else who keeps a
 * list of their own (mentors and coordinators may be students too).
 */
export function studentsOf(facts: DigestFacts): Map<string, DigestPerson> {
  const owners = new Set(facts.contacts.map((c) => c.ownerId));
  return new Map(facts.persons.filter((p) => p.role === 'student' || owners.has(p.id)).map((p) => [p.id, p]));
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? null;
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const byTime = (a: { at: number }, b: { at: number }) => a.at - b.at;

/** Per contact: when its held meetings ended and when it entered `met`, for the thank-you timing. */
export interface MeetingMoments {
  endsByContact: Map<string, { startsAt: number; at: number }[]>;
  metByContact: Map<string, { at: number }[]>;
}

export function meetingMoments(
  events: readonly DigestEvent[],
  meetings: readonly DigestMeeting[],
): MeetingMoments {
  const endsByContact = new Map<string, { startsAt: number; at: number }[]>();
  for (const m of meetings) {
    if (!m.contactId || m.heldAt === null) continue;
    const list = endsByContact.get(m.contactId) ?? [];
    list.push({ startsAt: m.startsAt.getTime(), at: m.startsAt.getTime() + m.durationMinutes * MINUTE_MS });
    endsByContact.set(m.contactId, list);
  }
  const metByContact = new Map<string, { at: number }[]>();
  for (const e of events) {
    if (e.kind !== 'stage' || e.toStage !== 'met') continue;
    const list = metByContact.get(e.contactId) ?? [];
    list.push({ at: e.occurredAt.getTime() });
    metByContact.set(e.contactId, list);
  }
  for (const list of endsByContact.values()) list.sort(byTime);
  for (const list of metByContact.values()) list.sort(byTime);
  return { endsByContact, metByContact };
}

/** When the meeting a thank-you is for ended, or null when no meeting is known. */
export function meetingEndBefore(moments: MeetingMoments, contactId: string, thankedAt: Date): number | null {
  const t = thankedAt.getTime();
  const ends = (moments.endsByContact.get(contactId) ?? []).filter((m) => m.startsAt <= t);
  const latest = ends.at(-1);
  if (latest) return latest.at;
  const met = (moments.metByContact.get(contactId) ?? []).filter((m) => m.at <= t).at(-1);
  return met ? met.at : null;
}

export function weekFigures(
  facts: DigestFacts,
  students: ReadonlyMap<string, DigestPerson>,
  period: Period,
  moments: MeetingMoments = meetingMoments(facts.events, facts.meetings),
): WeekFigures {
  const events = facts.events.filter((e) => students.has(e.ownerId) && inPeriod(e.occurredAt, period));
  const active = new Set(events.filter((e) => e.authorId === e.ownerId).map((e) => e.ownerId));
  const held = facts.meetings.filter(
    (m) => m.heldAt !== null && students.has(m.studentId) && inPeriod(m.startsAt, period),
  );
  const thanks = events.filter((e) => e.kind === 'stage' && e.toStage === 'thanked');
  const delays: number[] = [];
  for (const e of thanks) {
    const end = meetingEndBefore(moments, e.contactId, e.occurredAt);
    if (end !== null) delays.push(Math.max(0, e.occurredAt.getTime() - end));
  }
  const within24h = delays.filter((d) => d <= THANK_YOU_WINDOW_MS).length;
  return {
    period,
    activeStudents: active.size,
    newContacts: events.filter((e) => e.kind === 'created').length,
    outreachSent: events.filter(
      (e) => e.toStage === 'reached_out' && (e.kind === 'stage' || e.kind === 'interaction'),
    ).length,
    meetings: {
      held: held.length,
      studentLogged: held.filter((m) => m.loggedByStudent).length,
      mentorLogged: held.filter((m) => m.loggedByMentor).length,
      confirmedByBoth: held.filter((m) => m.loggedByStudent && m.loggedByMentor).length,
    },
    thankYous: {
      sent: thanks.length,
      withKnownMeeting: delays.length,
      within24h,
      share: delays.length ? within24h / delays.length : null,
      medianMs: median(delays),
    },
  };
}
