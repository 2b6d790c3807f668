import { and, asc, eq, sql } from 'drizzle-orm';
import type { ContactRepository } from '../../core/pipeline/contactPorts.js';
import type { Db } from '../engine.js';
import { contacts, persons } from '../schema.js';
import { theRow } from './rows.js';

export function contactRepository(db: Db): ContactRepository {
  return {
    listByOwner: async (ownerId) =>
      await db.select().from(contacts).where(eq(contacts.ownerId, ownerId)).orderBy(asc(contacts.number)),

    ownerOf: async (id) => {
      const [row] = await db
        .select({ orgId: contacts.orgId, personId: contacts.ownerId })
        .from(contacts)
        .where(eq(contacts.id, id));
      return row ?? null;
    },

    getById: async (ownerId, id) => {
      const [row] = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.ownerId, ownerId), eq(contacts.id, id)));
      return row ?? null;
    },

    create: async (input) => {
      // Numbers are per owner; locking the owner's row serializes concurrent adds of one person.
      await db.select({ id: persons.id }).from(persons).where(eq(persons.id, input.ownerId)).for('update');
      const [next] = await db
        .select({ n: sql<number>`coalesce(max(${contacts.number}), 0) + 1` })
        .from(contacts)
        .where(eq(contacts.ownerId, input.ownerId));
      return theRow(
        await db
          .insert(contacts)
          .values({ ...input, number: Number(next?.n ?? 1) })
          .returning(),
        'contact insert',
      );
    },

    update: async (ownerId, id, patch) => {
      return theRow(
        await db
          .update(contacts)
          .set(patch)
          .where(and(eq(contacts.ownerId, ownerId), eq(contacts.id, id)))
          .returning(),
        'contact update',
      );
    },
  };
}
