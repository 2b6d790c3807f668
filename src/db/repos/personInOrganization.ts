/**
 * The organization and one of its people, as every command starts: one statement, which also
 * records the person active when asked and their last activity is stale.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Organization, Person } from '../../core/people/peoplePorts.js';
import type { Db } from '../engine.js';
import { organizations, persons } from '../schema.js';
import { asOrganization } from './directoryRepository.js';

export async function personInOrganization(
  db: Db,
  orgId: string,
  personId: string,
  touch?: { at: Date; olderThanMs: number },
): Promise<{ org: Organization; person: Person | null }> {
  const inOrg = and(eq(persons.orgId, organizations.id), eq(persons.id, personId));
  if (!touch) {
    const [row] = await db
      .select({ org: organizations, person: persons })
      .from(organizations)
      .leftJoin(persons, inOrg)
      .where(eq(organizations.id, orgId));
    if (!row) throw new Error('organization not found');
    return { org: asOrganization(row.org), person: row.person };
  }
  // The activity, when stale, is written by the statement that reads the row (one round trip).
  const touched = db.$with('touched').as(
    db
      .update(persons)
      .set({ lastActiveAt: touch.at })
      .where(
        and(
          eq(persons.orgId, orgId),
          eq(persons.id, personId),
          or(
            isNull(persons.lastActiveAt),
            lt(persons.lastActiveAt, new Date(touch.at.getTime() - touch.olderThanMs)),
          ),
        ),
      )
      .returning({ id: persons.id, lastActiveAt: persons.lastActiveAt }),
  );
  const [row] = await db
    .with(touched)
    .select({ org: organizations, person: persons, touchedAt: touched.lastActiveAt })
    .from(organizations)
    .leftJoin(persons, inOrg)
    .leftJoin(touched, eq(touched.id, persons.id))
    .where(eq(organizations.id, orgId));
  if (!row) throw new Error('organization not found');
  const { person, touchedAt } = row;
  return {
    org: asOrganization(row.org),
    person: person && touchedAt ? { ...person, lastActiveAt: touchedAt } : person,
  };
}
