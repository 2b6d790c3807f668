/**
 * The worker's queries for mentors' reminders: every match of a mentor with what the reminder is
 * decided from (the last meeting the mentor logged with the student, the last reminder), and when
 * each mentor last had (or has waiting) a message they did not ask for.
 */
import { and, eq, inArray, isNull, lte, max, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { NudgeKind } from '../../core/domain.js';
import type { MentorMatchState } from '../../core/nudges/mentorReminders.js';
import type { Db } from '../engine.js';
import { meetings, mentorMatches, nudges, persons } from '../schema.js';

export interface MentorMatchRow extends MentorMatchState {
  orgId: string;
  mentorId: string;
}

const mentor = alias(persons, 'mentor');
const student = alias(persons, 'student');

/**
 * The matches that may be owed a reminder, in every organization, by mentor, oldest match first:
 * the mentor is still a mentor, the match has been quiet since `quietBefore` (no logged meeting
 * after it) and that quiet stretch has had no reminder. The rule itself is `quietMatches`; this is
 * the same condition in SQL, so that a pass reads the matches due, not every match there is.
 */
export async function mentorMatchStates(db: Db, quietBefore: Date): Promise<MentorMatchRow[]> {
  const lastLogged = max(meetings.startsAt);
  const quietSince = sql`greatest(${mentorMatches.matchedAt}, ${lastLogged})`;
  return db
    .select({
      matchId: mentorMatches.id,
      orgId: mentorMatches.orgId,
      mentorId: mentorMatches.mentorId,
      studentId: mentorMatches.studentId,
      studentName: student.displayName,
      matchedAt: mentorMatches.matchedAt,
      remindedAt: mentorMatches.remindedAt,
      lastLoggedAt: lastLogged,
    })
    .from(mentorMatches)
    .innerJoin(mentor, and(eq(mentor.id, mentorMatches.mentorId), eq(mentor.role, 'mentor')))
    .innerJoin(student, eq(student.id, mentorMatches.studentId))
    .leftJoin(
      meetings,
      and(
        eq(meetings.mentorId, mentorMatches.mentorId),
        eq(meetings.studentId, mentorMatches.studentId),
        isNull(meetings.cancelledAt),
      ),
    )
    .where(lte(mentorMatches.matchedAt, quietBefore))
    .groupBy(mentorMatches.id, student.displayName)
    .having(
      and(
        sql`${quietSince} <= ${quietBefore.toISOString()}::timestamptz`,
        or(isNull(mentorMatches.remindedAt), sql`${mentorMatches.remindedAt} < ${quietSince}`),
      ),
    )
    .orderBy(mentorMatches.mentorId, mentorMatches.matchedAt, student.displayName);
}

/**
 * When each of these people last had a message of these kinds, sent or still waiting to go (its
 * due time then): what the weekly limit of unrequested messages is counted from.
 */
export async function lastMessagesOfKinds(
  db: Db,
  personIds: readonly string[],
  kinds: readonly NudgeKind[],
): Promise<Map<string, Date>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({
      personId: nudges.personId,
      at: sql<string>`max(coalesce(${nudges.sentAt}, ${nudges.dueAt}))`,
    })
    .from(nudges)
    .where(
      and(
        inArray(nudges.personId, [...personIds]),
        inArray(nudges.kind, [...kinds]),
        inArray(nudges.status, ['pending', 'sending', 'sent']),
      ),
    )
    .groupBy(nudges.personId);
  return new Map(rows.map((r) => [r.personId, new Date(r.at)]));
}
