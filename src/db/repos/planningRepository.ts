/**
 * Everything re-planning reads, in one statement: each subquery's rows come back as a JSON array
 * and are read with their table's own column mappings (jsonRows.ts).
 */
import { and, asc, desc, eq, inArray, isNull, min, or, type SQL, sql } from 'drizzle-orm';
import type { NudgeKind } from '../../core/domain.js';
import type { ContactPlanningFacts, PlanningRepository } from '../../core/pipeline/planningPorts.js';
import type { Db } from '../engine.js';
import { contacts, meetings, nudges, timelineEvents } from '../schema.js';
import { jsonRows, rowsFromJson } from './jsonRows.js';

const NONE: SQL<unknown> = sql`'[]'::json`;

export function planningRepository(db: Db): PlanningRepository {
  return {
    factsFor: async (personId, list, personKinds) => {
      const ids = list.map((c) => c.id);
      const referrerIds = [...new Set(list.flatMap((c) => (c.referredById ? [c.referredById] : [])))];
      const ownerIds = [...new Set(list.map((c) => c.ownerId))];
      const person = personKinds === null ? null : personQueries(db, personId, personKinds);
      const [row] = await db
        .select({
          contactNudges: ids.length
            ? jsonRows(
                db.select().from(nudges).where(inArray(nudges.contactId, ids)).orderBy(asc(nudges.dueAt)),
              )
            : NONE,
          // Each contact's latest meeting that is not cancelled.
          meetings: ids.length
            ? jsonRows(
                db
                  .selectDistinctOn([meetings.contactId])
                  .from(meetings)
                  .where(and(inArray(meetings.contactId, ids), isNull(meetings.cancelledAt)))
                  .orderBy(meetings.contactId, desc(meetings.startsAt), desc(meetings.createdAt)),
              )
            : NONE,
          referrers: referrerIds.length
            ? jsonRows(
                db
                  .select()
                  .from(contacts)
                  .where(and(inArray(contacts.id, referrerIds), inArray(contacts.ownerId, ownerIds))),
              )
            : NONE,
          personNudges: person?.nudges ?? NONE,
          held: (person?.held ?? sql`0`).mapWith(Number),
          firstOutreach: (person?.firstOutreach ?? sql`null`).mapWith(timelineEvents.occurredAt),
        })
        .from(sql`(select 1) as one`);
      if (!row) throw new Error('planning facts: no row');
      const contactNudges = rowsFromJson(nudges, row.contactNudges);
      const latest = rowsFromJson(meetings, row.meetings);
      const referrers = rowsFromJson(contacts, row.referrers);
      const facts = new Map<string, ContactPlanningFacts>();
      for (const c of list) {
        facts.set(c.id, {
          meeting: latest.find((m) => m.contactId === c.id) ?? null,
          nudges: contactNudges.filter((n) => n.contactId === c.id),
          referrer: referrers.find((r) => r.id === c.referredById && r.ownerId === c.ownerId) ?? null,
        });
      }
      return {
        contacts: facts,
        person: person
          ? {
              nudges: rowsFromJson(nudges, row.personNudges),
              meetingsHeld: row.held,
              firstOutreachAt: row.firstOutreach ?? null,
            }
          : null,
      };
    },
  };
}

/** The person-wide facts as subqueries: their own nudges, meetings held, first outreach. */
function personQueries(db: Db, personId: string, kinds: readonly NudgeKind[]) {
  const own = and(eq(nudges.personId, personId), isNull(nudges.contactId), inArray(nudges.kind, [...kinds]));
  const held = db
    .select({ n: sql`count(*)::int` })
    .from(meetings)
    .where(
      and(
        eq(meetings.studentId, personId),
        isNull(meetings.cancelledAt),
        or(sql`${meetings.heldAt} is not null`, eq(meetings.loggedByMentor, true)),
      ),
    );
  const firstOutreach = db
    .select({ first: min(timelineEvents.occurredAt) })
    .from(timelineEvents)
    .innerJoin(contacts, eq(contacts.id, timelineEvents.contactId))
    .where(and(eq(contacts.ownerId, personId), eq(timelineEvents.toStage, 'reached_out')));
  return {
    nudges: kinds.length ? jsonRows(db.select().from(nudges).where(own).orderBy(asc(nudges.dueAt))) : NONE,
    held: sql`(${held})`,
    firstOutreach: sql`(${firstOutreach})`,
  };
}
