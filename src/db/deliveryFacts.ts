/**
 * What the worker reads about a batch of claimed nudges before deciding about each (the person,
 * their organization, identities, contacts and the contact's meeting), and the one identity fact it
 * writes back after a send: the direct-message channel a platform opened.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DeliveryFacts } from '../bot/worker/outboxPort.js';
import { groupBy } from '../core/collections.js';
import type { NudgeRecord } from '../core/nudges/nudgePorts.js';
import type { Db } from './engine.js';
import { identityColumns, seenLast } from './identityColumns.js';
import { contacts, identities, meetings, organizations, persons, spaces } from './schema.js';

/**
 * Loads the facts of a batch of nudges in a handful of queries (not a handful per nudge).
 * A nudge whose person is gone (forgotten) maps to null.
 */
export async function loadDeliveryFacts(
  db: Db,
  batch: readonly Pick<NudgeRecord, 'id' | 'orgId' | 'personId' | 'contactId'>[],
): Promise<Map<string, DeliveryFacts | null>> {
  const facts = new Map<string, DeliveryFacts | null>();
  if (batch.length === 0) return facts;
  const personIds = [...new Set(batch.map((n) => n.personId))];
  const orgIds = [...new Set(batch.map((n) => n.orgId))];
  const contactIds = [...new Set(batch.flatMap((n) => (n.contactId ? [n.contactId] : [])))];

  const [personRows, orgRows, contactRows, meetingRows, identityRows] = await Promise.all([
    db.select().from(persons).where(inArray(persons.id, personIds)),
    db.select().from(organizations).where(inArray(organizations.id, orgIds)),
    db.select().from(contacts).where(inArray(contacts.ownerId, personIds)).orderBy(asc(contacts.number)),
    contactIds.length
      ? db
          .selectDistinctOn([meetings.contactId])
          .from(meetings)
          .where(and(inArray(meetings.contactId, contactIds), isNull(meetings.cancelledAt)))
          .orderBy(meetings.contactId, desc(meetings.startsAt), desc(meetings.createdAt))
      : Promise.resolve([]),
    db
      .select({
        ...identityColumns,
        seenLast: seenLast(),
        updatedAt: identities.updatedAt,
        held: sql<boolean>`${spaces.sendsHeldSince} is not null`.mapWith(Boolean),
      })
      .from(identities)
      .innerJoin(spaces, eq(spaces.id, identities.spaceId))
      .innerJoin(persons, eq(persons.id, identities.personId))
      .where(inArray(identities.personId, personIds)),
  ]);

  const personById = new Map(personRows.map((p) => [p.id, p]));
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const meetingByContact = new Map(meetingRows.map((m) => [m.contactId, m]));
  const contactsByOwner = groupBy(contactRows, (c) => c.ownerId);
  const identitiesByPerson = groupBy(identityRows, (i) => i.personId);

  for (const nudge of batch) {
    const person = personById.get(nudge.personId);
    const org = orgById.get(nudge.orgId);
    if (!person || !org) {
      facts.set(nudge.id, null);
      continue;
    }
    const contact = nudge.contactId ? contactById.get(nudge.contactId) : undefined;
    facts.set(nudge.id, {
      org,
      person,
      identities: identitiesByPerson.get(person.id) ?? [],
      contacts: contactsByOwner.get(person.id) ?? [],
      // A contact is the nudge's only when it is in the same person's list.
      contact: contact && contact.ownerId === person.id ? contact : null,
      meeting: nudge.contactId ? (meetingByContact.get(nudge.contactId) ?? null) : null,
    });
  }
  return facts;
}

/** Remembers the direct-message channel a platform opened for an identity. */
export async function rememberDmChannel(db: Db, identityId: string, dmChannelId: string): Promise<void> {
  await db.update(identities).set({ dmChannelId }).where(eq(identities.id, identityId));
}
