/**
 * The worker's queries for mentors' reminders: every match of a mentor with what the reminder is
 * decided from (the last meeting the mentor logged with the student, the last reminder), and when
 * each mentor last had (or has waiting) a message they did not ask for.
 */
import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
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

/** Every match whose mentor is still a mentor, in every organization, by mentor, oldest match first. */
export async function mentorMatchStates(db: Db): Promise<MentorMatchRow[]> {
  return db
    .select({
      matchId: mentorMatches.id,
      orgId: mentorMatches.orgId,
      mentorId: mentorMatches.mentorId,
      studentId: mentorMatches.studentId,
      studentName: student.displayName,
      matchedAt: mentorMatches.matchedAt,
      remindedAt: mentorMatches.remindedAt,
      lastLoggedAt: max(meetings.startsAt),
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
    .groupBy(mentorMatches.id, student.displayName)
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
