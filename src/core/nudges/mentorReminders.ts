/**
 * The mentor's gentle reminder. A matched student with no meeting the mentor logged for 21 days
 * (counted from the match, or from the last logged meeting) earns one reminder per quiet stretch:
 * the next only after another meeting is logged and 21 quiet days pass again. Mentors are never
 * spammed: a mentor gets at most one Rapport message a week that they did not ask for, so every
 * student due is named in one message, and a reminder waits until seven days have passed since
 * the last such message.
 *
 * What counts as a message the mentor did not ask for: this reminder, a cohort's welcome, and the
 * introduction a coordinator's `match` sends them. The introduction keeps to the same rule: the
 * matches made for one mentor within a quarter of an hour (a coordinator pairing a mentor with
 * several students in one sitting) share one introduction, and while one waits, every later
 * match joins it; one made within a week of the mentor's last unrequested message waits for the
 * week to pass. The student's side of an introduction goes out at once.
 */
import type { NudgeKind } from '../domain.js';
import type { PlannedNudge } from './nudgePorts.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days without a logged meeting before a mentor is reminded of a matched student. */
export const MENTOR_QUIET_DAYS = 21;
/** At most one unrequested message per mentor in this many days. */
export const MENTOR_MESSAGE_GAP_DAYS = 7;
/** The messages to a mentor they did not ask for (what the weekly limit counts). */
export const UNREQUESTED_MENTOR_KINDS: readonly NudgeKind[] = ['match_intro', 'mentor_reminder', 'welcome'];

/** How long a mentor's introduction waits for the other matches of the same sitting. */
export const INTRO_GATHER_MS = 15 * 60 * 1000;

/**
 * When a new introduction to a mentor goes out: after the quarter of an hour that gathers a
 * sitting's matches, and never within a week of the mentor's last unrequested message.
 */
export function mentorIntroDueAt(lastUnrequestedAt: Date | null, now: Date): Date {
  const gathered = now.getTime() + INTRO_GATHER_MS;
  const weekAfter = lastUnrequestedAt ? lastUnrequestedAt.getTime() + MENTOR_MESSAGE_GAP_DAYS * DAY_MS : 0;
  return new Date(Math.max(gathered, weekAfter));
}

/** One of a mentor's matches, as the reminder is decided from it. */
export interface MentorMatchState {
  matchId: string;
  studentId: string;
  studentName: string;
  matchedAt: Date;
  /** The latest meeting the mentor logged with this student, if any. */
  lastLoggedAt: Date | null;
  /** When the mentor was last reminded of this student, if ever. */
  remindedAt: Date | null;
}

/** Since when the match has been quiet: the match, or the last logged meeting after it. */
const quietSince = (m: MentorMatchState): Date =>
  m.lastLoggedAt && m.lastLoggedAt > m.matchedAt ? m.lastLoggedAt : m.matchedAt;

/** The matches quiet for 21 days or more whose quiet stretch has not had its reminder yet. */
export function quietMatches(matches: readonly MentorMatchState[], now: Date): MentorMatchState[] {
  return matches.filter((m) => {
    const since = quietSince(m);
    if (now.getTime() - since.getTime() < MENTOR_QUIET_DAYS * DAY_MS) return false;
    return m.remindedAt === null || m.remindedAt < since;
  });
}

/** Whether a message the mentor did not ask for may go now, given the last one (sent or queued). */
export function mayMessageMentor(lastUnrequestedAt: Date | null, now: Date): boolean {
  return (
    lastUnrequestedAt === null ||
    now.getTime() - lastUnrequestedAt.getTime() >= MENTOR_MESSAGE_GAP_DAYS * DAY_MS
  );
}

/**
 * The one reminder due to a mentor now, naming every quiet student, and the matches it covers;
 * null when none is quiet or the week's message has gone already (it waits for a later pass).
 * Its key names the mentor and the week of `now`, so two workers planning at once plan one.
 */
export function planMentorReminder(
  mentorId: string,
  matches: readonly MentorMatchState[],
  lastUnrequestedAt: Date | null,
  now: Date,
): { nudge: PlannedNudge; matchIds: string[] } | null {
  const due = quietMatches(matches, now);
  if (due.length === 0 || !mayMessageMentor(lastUnrequestedAt, now)) return null;
  const week = Math.floor(now.getTime() / (MENTOR_MESSAGE_GAP_DAYS * DAY_MS));
  return {
    nudge: {
      kind: 'mentor_reminder',
      dedupeKey: `mentor_reminder:${mentorId}:${week}`,
      personId: mentorId,
      contactId: null,
      expectedStage: null,
      dueAt: now,
      // Keyed by student, so that forget-me can take one student out of a reminder still waiting.
      payload: { students: Object.fromEntries(due.map((m) => [m.studentId, m.studentName])) },
    },
    matchIds: due.map((m) => m.matchId),
  };
}
