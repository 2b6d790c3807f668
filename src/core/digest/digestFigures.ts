/**
 * The weekly digest's figures, computed from one organization's rows (see digestFacts.ts): pure,
 * with the moment and the time zone passed in.
 */
import { plusLocalDays } from '../nudges/localTime.js';
import type { DigestFacts, DigestPerson } from './digestFacts.js';
import { digestWeeks, type Period } from './digestSchedule.js';
import {
  funnelByStage,
  type MentorMeetings,
  mentorMeetings,
  POPULAR_WINDOW_DAYS,
  type PopularProfessional,
  popularProfessionals,
  type StageCount,
  type StalledStudent,
  stalledStudents,
  studentsWithoutContacts,
} from './studentLists.js';
import { meetingMoments, studentsOf, type WeekFigures, weekFigures } from './weekFigures.js';

/**
 * How far back the digest reads timeline entries and meetings: its two weeks, the 30 days of the
 * "contacted by several students" list, and room to find the meeting an old thank-you was for.
 */
export const DIGEST_LOOKBACK_DAYS = 90;

export interface DigestFigures {
  /** The end of the digest's week (the slot, or now for a preview). */
  at: Date;
  timezone: string;
  current: WeekFigures;
  previous: WeekFigures;
  funnel: StageCount[];
  stalled: StalledStudent[];
  withoutContacts: DigestPerson[];
  mentors: MentorMeetings[];
  popular: PopularProfessional[];
  popularWindow: Period;
  /** Every student the figures were computed from: what the disclosure log records. */
  studentIds: string[];
}

/** Where the rows for a digest at `at` must start. */
export function digestFactsSince(at: Date, timezone: string): Date {
  return plusLocalDays(at, -DIGEST_LOOKBACK_DAYS, timezone);
}

export function computeDigest(facts: DigestFacts, at: Date, timezone: string): DigestFigures {
  const students = studentsOf(facts);
  const weeks = digestWeeks(at, timezone);
  const moments = meetingMoments(facts.events, facts.meetings);
  const popularWindow = { from: plusLocalDays(at, -POPULAR_WINDOW_DAYS, timezone), to: at };
  return {
    at,
    timezone,
    current: weekFigures(facts, students, weeks.current, moments),
    previous: weekFigures(facts, students, weeks.previous, moments),
    funnel: funnelByStage(facts, students),
    stalled: stalledStudents(facts, students, at),
    withoutContacts: studentsWithoutContacts(facts),
    mentors: mentorMeetings(facts, weeks.current, weeks.previous),
    popular: popularProfessionals(facts, students, popularWindow),
    popularWindow,
    studentIds: [...students.keys()].sort(),
  };
}
