import { and, asc, eq, sql } from 'drizzle-orm';
import type { PersonRepository } from '../../core/people/peoplePorts.js';
import { fail, ok } from '../../core/result.js';
import { senderPart } from '../deliverySender.js';
import type { Db } from '../engine.js';
import { identityColumns } from '../identityColumns.js';
import {
  contacts,
  identities,
  meetings,
  nudges,
  oneTimeCodes,
  persons,
  processedRequests,
  spaces,
  timelineEvents,
} from '../schema.js';

/** `contactsMoved` is told when contacts change owner or go (to forget contact lists read before). */
export function personRepository(db: Db, contactsMoved: () => void = () => {}): PersonRepository {
  return {
    getById: async (orgId, id) => {
      const [row] = await db
        .select()
        .from(persons)
        .where(and(eq(persons.orgId, orgId), eq(persons.id, id)));
      return row ?? null;
    },
    update: async (orgId, id, patch) => {
      const [row] = await db
        .update(persons)
        .set(patch)
        .where(and(eq(persons.orgId, orgId), eq(persons.id, id)))
        .returning();
      if (!row) throw new Error('person not found for update');
      return row;
    },
    listByOrg: async (orgId) =>
      await db.select().from(persons).where(eq(persons.orgId, orgId)).orderBy(asc(persons.displayName)),
    identities: async (personId) =>
      await db
        .select(identityColumns)
        .from(identities)
        .innerJoin(spaces, eq(spaces.id, identities.spaceId))
        .where(eq(identities.personId, personId)),
    delete: async (orgId, id) => {
      // Keys of requests already applied name the sender's platform user id; they would outlive
      // the person by a day (until housekeeping) if not deleted with them.
      const own = await db
        .select({ platform: identities.platform, space: spaces.externalId, user: identities.externalUserId })
        .from(identities)
        .innerJoin(spaces, eq(spaces.id, identities.spaceId))
        .where(and(eq(identities.orgId, orgId), eq(identities.personId, id)));
      for (const identity of own) {
        await db
          .delete(processedRequests)
          .where(
            and(
              eq(processedRequests.platform, identity.platform),
              sql`strpos(${processedRequests.key}, ${senderPart(identity.space, identity.user)}) > 0`,
            ),
          );
      }
      await db.delete(persons).where(and(eq(persons.orgId, orgId), eq(persons.id, id)));
      contactsMoved();
    },
    merge: async (orgId, fromId, intoId) => {
      const both = await db
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.orgId, orgId), sql`${persons.id} in (${fromId}, ${intoId})`))
        .for('update');
      if (both.length !== 2) return fail('not_found', 'That account is not in this organization any more.');
      const fromPlatforms = await db
        .select({ p: identities.platform })
        .from(identities)
        .where(eq(identities.personId, fromId));
      const intoPlatforms = await db
        .select({ p: identities.platform })
        .from(identities)
        .where(eq(identities.personId, intoId));
      if (fromPlatforms.some((f) => intoPlatforms.some((i) => i.p === f.p))) {
        return fail(
          'conflict',
          'Both accounts are on the same platform; link works between a Slack and a Discord account.',
        );
      }
      const [top] = await db
        .select({ n: sql<number>`coalesce(max(${contacts.number}), 0)` })
        .from(contacts)
        .where(eq(contacts.ownerId, intoId));
      await db
        .update(contacts)
        .set({ ownerId: intoId, number: sql`${contacts.number} + ${Number(top?.n ?? 0)}` })
        .where(eq(contacts.ownerId, fromId));
      contactsMoved();
      await db.update(meetings).set({ studentId: intoId }).where(eq(meetings.studentId, fromId));
      await db.update(meetings).set({ mentorId: intoId }).where(eq(meetings.mentorId, fromId));
      await db.update(timelineEvents).set({ authorId: intoId }).where(eq(timelineEvents.authorId, fromId));
      await db.update(nudges).set({ personId: intoId }).where(eq(nudges.personId, fromId));
      await db.update(identities).set({ personId: intoId }).where(eq(identities.personId, fromId));
      await db.delete(oneTimeCodes).where(eq(oneTimeCodes.personId, fromId));
      await db.delete(persons).where(eq(persons.id, fromId));
      return ok(undefined);
    },
  };
}
