import { and, desc, eq, isNull } from 'drizzle-orm';
import type { MeetingRepository } from '../../core/pipeline/meetingPorts.js';
import type { Db } from '../engine.js';
import { meetings } from '../schema.js';
import { theRow } from './rows.js';

export function meetingRepository(db: Db): MeetingRepository {
  return {
    create: async (meeting) => {
      return theRow(await db.insert(meetings).values(meeting).returning(), 'meeting insert');
    },
    latestForContact: async (contactId) => {
      const [row] = await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.contactId, contactId), isNull(meetings.cancelledAt)))
        .orderBy(desc(meetings.startsAt), desc(meetings.createdAt))
        .limit(1);
      return row ?? null;
    },
    update: async (id, patch) => {
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
