import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Meeting, MeetingRepository } from '../../core/ports.js';
import type { Db } from '../engine.js';
import { meetings } from '../schema.js';

export function meetingRepository(db: Db): MeetingRepository {
  return {
    create: async (meeting) => {
      const [row] = await db.insert(meetings).values(meeting).returning();
      return row as Meeting;
    },
    latestForContact: async (contactId) => {
      const [row] = await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.contactId, contactId), isNull(meetings.cancelledAt)))
        .orderBy(desc(meetings.startsAt), desc(meetings.createdAt))
        .limit(1);
      return (row as Meeting | undefined) ?? null;
    },
    update: async (id, patch) => {
      const [row] = await db.update(meetings).set(patch).where(eq(meetings.id, id)).returning();
      if (!row) throw new Error('meeting not found for update');
      return row as Meeting;
    },
    listForStudent: async (studentId) =>
      (await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.studentId, studentId), isNull(meetings.cancelledAt)))
        .orderBy(desc(meetings.startsAt))) as Meeting[],
    listForMentor: async (mentorId) =>
      (await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.mentorId, mentorId), isNull(meetings.cancelledAt)))
        .orderBy(desc(meetings.startsAt))) as Meeting[],
  };
}
