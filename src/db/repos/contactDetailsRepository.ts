/**
 * Everything a contact card (or the data export) shows beside the contact, for any number of
 * contacts, in one statement: each subquery's rows come back as a JSON array (jsonRows.ts).
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ContactDetails, ContactDetailsRepository } from '../../core/pipeline/contactPorts.js';
import type { Db } from '../engine.js';
import { contacts, meetings, nudges, persons, questions, timelineEvents } from '../schema.js';
import { jsonRows, rowsFromJson } from './jsonRows.js';

export function contactDetailsRepository(db: Db): ContactDetailsRepository {
  return {
    detailsOf: async (orgId, list) => {
      const details = new Map<string, ContactDetails>();
      if (!list.length) return details;
      const ids = list.map((c) => c.id);
      const referrerIds = [...new Set(list.flatMap((c) => (c.referredById ? [c.referredById] : [])))];
      const [row] = await db
        .select({
          meetings: jsonRows(
            db
              .selectDistinctOn([meetings.contactId])
              .from(meetings)
              .where(and(inArray(meetings.contactId, ids), isNull(meetings.cancelledAt)))
              .orderBy(meetings.contactId, desc(meetings.startsAt), desc(meetings.createdAt)),
          ),
          timeline: jsonRows(
            db
              .select()
              .from(timelineEvents)
              .where(inArray(timelineEvents.contactId, ids))
              .orderBy(asc(timelineEvents.occurredAt), asc(timelineEvents.createdAt)),
          ),
          questions: jsonRows(
            db
              .select()
              .from(questions)
              .where(inArray(questions.contactId, ids))
              .orderBy(asc(questions.position)),
          ),
          nudges: jsonRows(
            db.select().from(nudges).where(inArray(nudges.contactId, ids)).orderBy(asc(nudges.dueAt)),
          ),
          referrers: referrerIds.length
            ? jsonRows(db.select().from(contacts).where(inArray(contacts.id, referrerIds)))
            : sql`'[]'::json`,
          // The people of the organization who wrote on these timelines.
          authors: jsonRows(
            db
              .select()
              .from(persons)
              .where(
                and(
                  eq(persons.orgId, orgId),
                  inArray(
                    persons.id,
                    db
                      .select({ id: timelineEvents.authorId })
                      .from(timelineEvents)
                      .where(inArray(timelineEvents.contactId, ids)),
                  ),
                ),
              ),
          ),
        })
        .from(sql`(select 1) as one`);
      if (!row) throw new Error('contact details: no row');
      const latest = rowsFromJson(meetings, row.meetings);
      const timeline = rowsFromJson(timelineEvents, row.timeline);
      const asked = rowsFromJson(questions, row.questions);
      const reminders = rowsFromJson(nudges, row.nudges);
      const referrers = rowsFromJson(contacts, row.referrers);
      const authors = rowsFromJson(persons, row.authors);
      for (const c of list) {
        details.set(c.id, {
          meeting: latest.find((m) => m.contactId === c.id) ?? null,
          timeline: timeline.filter((e) => e.contactId === c.id),
          questions: asked.filter((q) => q.contactId === c.id),
          nudges: reminders.filter((n) => n.contactId === c.id),
          referrer: referrers.find((r) => r.id === c.referredById && r.ownerId === c.ownerId) ?? null,
          authors: new Map(authors.map((p) => [p.id, p.displayName])),
        });
      }
      return details;
    },
  };
}
