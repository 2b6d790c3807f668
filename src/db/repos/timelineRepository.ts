import { and, asc, eq, min } from 'drizzle-orm';
import type { TimelineRepository } from '../../core/pipeline/contactPorts.js';
import type { Db } from '../engine.js';
import { contacts, timelineEvents } from '../schema.js';
import { theRow } from './rows.js';

export function timelineRepository(db: Db): TimelineRepository {
  return {
    add: async (event) => {
      return theRow(await db.insert(timelineEvents).values(event).returning(), 'timeline insert');
    },
    listForContact: async (contactId) =>
      await db
        .select()
        .from(timelineEvents)
        .where(eq(timelineEvents.contactId, contactId))
        .orderBy(asc(timelineEvents.occurredAt), asc(timelineEvents.createdAt)),
    firstEntryInto: async (ownerId, stage) => {
      const [row] = await db
        .select({ first: min(timelineEvents.occurredAt) })
        .from(timelineEvents)
        .innerJoin(contacts, eq(contacts.id, timelineEvents.contactId))
        .where(and(eq(contacts.ownerId, ownerId), eq(timelineEvents.toStage, stage)));
      return row?.first ?? null;
    },
  };
}
