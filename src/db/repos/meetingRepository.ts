import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Meeting, MeetingRepository } from '../../core/pipeline/meetingPorts.js';
import type { Db } from '../engine.js';
import { meetings } from '../schema.js';
import { theRow } from './rows.js';

/**
 * Each contact's latest meeting as this unit of work last read it: a command that checks it
 * before it acts (`met` while the meeting is still to come) and then acts on it reads it once.
 * Any write of a meeting forgets them all.
 */
export type LatestMeetings = Map<string, Meeting | null>;

export function meetingRepository(db: Db, latest: LatestMeetings = new Map()): MeetingRepository {
  return {
    create: async (meeting) => {
      latest.clear();
      return theRow(await db.insert(meetings).values(meeting).returning(), 'meeting insert');
    },
    latestForContact: async (contactId) => {
      const known = latest.get(contactId);
      if (known !== undefined) return known;
      const [row] = await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.contactId, contactId), isNull(meetings.cancelledAt)))
        .orderBy(desc(meetings.startsAt), desc(meetings.createdAt))
        .limit(1);
      latest.set(contactId, row ?? null);
      return row ?? null;
    },
    update: async (id, patch) => {
      latest.clear();
      return theRow(
        await db.update(meetings).set(patch).where(eq(meetings.id, id)).returning(),
        'meeting update',
      );
    },
    listForStudent: async (studentId) =>
      await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.studentId, studentId), isNull(meetings.cancelledAt)))
        .orderBy(desc(meetings.startsAt)),
    listForMentor: async (mentorId) =>
      await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.mentorId, mentorId), isNull(meetings.cancelledAt)))
        .orderBy(desc(meetings.startsAt)),
  };
}
