import { and, asc, eq, sql } from 'drizzle-orm';
import type { Contact, ContactRepository } from '../../core/pipeline/contactPorts.js';
import type { Db } from '../engine.js';
import { preparedPerHandle } from '../prepared.js';
import { contacts } from '../schema.js';
import { theRow } from './rows.js';

/**
 * Each owner's contact list as this unit of work (one transaction, or one `direct` call) last saw
 * it: a command that resolves "jane" from the list and then re-plans reads it once. Kept up to
 * date by this repository's own writes; anything else that moves contacts (a merge) clears it.
 */
export type ContactLists = Map<string, Contact[]>;

/** Most commands read the owner's list: prepared once per handle (prepared.ts). */
const listOf = preparedPerHandle((db: Db) =>
  db
    .select()
    .from(contacts)
    .where(eq(contacts.ownerId, sql.placeholder('ownerId')))
    .orderBy(asc(contacts.number))
    .prepare('contacts_of_owner'),
);

export function contactRepository(db: Db, lists: ContactLists = new Map()): ContactRepository {
  return {
    listByOwner: async (ownerId) => {
      const known = lists.get(ownerId);
      if (known) return [...known];
      const rows = await listOf(db).execute({ ownerId });
      lists.set(ownerId, rows);
      return [...rows];
    },

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

    update: async (ownerId, id, patch) => {
      const row = theRow(
        await db
          .update(contacts)
          .set(patch)
          .where(and(eq(contacts.ownerId, ownerId), eq(contacts.id, id)))
          .returning(),
        'contact update',
      );
      const known = lists.get(ownerId);
      const at = known?.findIndex((c) => c.id === id) ?? -1;
      if (known && at >= 0) known[at] = row;
      else lists.delete(ownerId);
      return row;
    },
  };
}
