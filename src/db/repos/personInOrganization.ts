/**
 * The organization and one of its people, as every command starts: one statement, which also
 * records the person active when asked and their last activity is stale.
 * Every command runs it, outside its transaction: it is prepared once per process (prepared.ts).
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Organization, Person } from '../../core/people/peoplePorts.js';
import type { Db } from '../engine.js';
import { preparedPerHandle } from '../prepared.js';
import { organizations, persons } from '../schema.js';
import { asOrganization } from './directoryRepository.js';

const orgId = sql.placeholder('orgId');
const personId = sql.placeholder('personId');
const at = sql.placeholder('at');
const staleBefore = sql.placeholder('staleBefore');

const statementsOf = preparedPerHandle((db: Db) => {
  const inOrg = and(eq(persons.orgId, organizations.id), eq(persons.id, personId));
  const read = db
    .select({ org: organizations, person: persons })
    .from(organizations)
    .leftJoin(persons, inOrg)
    .where(eq(organizations.id, orgId))
    .prepare('person_in_organization');
  // The activity, when stale, is written by the statement that reads the row (one round trip).
  const touched = db.$with('touched').as(
    db
      .update(persons)
      .set({ lastActiveAt: sql`${at}` })
      .where(
        and(
          eq(persons.orgId, orgId),
          eq(persons.id, personId),
          or(isNull(persons.lastActiveAt), lt(persons.lastActiveAt, staleBefore)),
        ),
      )
      .returning({ id: persons.id, lastActiveAt: persons.lastActiveAt }),
  );
  const readAndTouch = db
    .with(touched)
    .select({ org: organizations, person: persons, touchedAt: touched.lastActiveAt })
    .from(organizations)
    .leftJoin(persons, inOrg)
    .leftJoin(touched, eq(touched.id, persons.id))
    .where(eq(organizations.id, orgId))
    .prepare('person_in_organization_touch');
  return { read, readAndTouch };
});

export async function personInOrganization(
  db: Db,
  orgIdValue: string,
  personIdValue: string,
  touch?: { at: Date; olderThanMs: number },
): Promise<{ org: Organization; person: Person | null }> {
  const statements = statementsOf(db);
  const ids = { orgId: orgIdValue, personId: personIdValue };
  if (!touch) {
    const [row] = await statements.read.execute(ids);
    if (!row) throw new Error('organization not found');
    return { org: asOrganization(row.org), person: row.person };
  }
  // Times as ISO text: a placeholder's value skips its column's encoding.
  const [row] = await statements.readAndTouch.execute({
    ...ids,
    at: touch.at.toISOString(),
    staleBefore: new Date(touch.at.getTime() - touch.olderThanMs).toISOString(),
  });
  if (!row) throw new Error('organization not found');
  const { person, touchedAt } = row;
  return {
    org: asOrganization(row.org),
    person: person && touchedAt ? { ...person, lastActiveAt: touchedAt } : person,
  };
}
