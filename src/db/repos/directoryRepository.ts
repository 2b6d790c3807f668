import { and, eq, sql } from 'drizzle-orm';
import { resolveZone } from '../../core/nudges/localTime.js';
import { resolveNudgeConfig } from '../../core/nudges/nudgeConfig.js';
import type {
  DirectoryRepository,
  Identity,
  IdentityInput,
  Organization,
  Person,
} from '../../core/people/peoplePorts.js';
import type { Db } from '../engine.js';
import { preparedPerHandle } from '../prepared.js';
import { identities, organizations, persons, spaces } from '../schema.js';
import { personInOrganization } from './personInOrganization.js';
import { theRow } from './rows.js';

/**
 * An organization as core sees it. Its zone comes from RAPPORT_TIMEZONE, checked at start; a row
 * stored otherwise (by hand, by an older version) that holds no zone reads as UTC, so dates are
 * never shown as "Invalid DateTime".
 */
export function asOrganization(row: typeof organizations.$inferSelect): Organization {
  return { ...row, timezone: resolveZone(row.timezone) };
}

export function directoryRepository(db: Db): DirectoryRepository {
  return {
    resolveKnown: (input, defaults) => resolveKnown(db, input, defaults),
    resolve: async (input, defaults) => {
      // Nearly every request comes from someone seen before: one query finds it all.
      const known = await resolveKnown(db, input, defaults);
      if (known) return { ...known, created: false };
      let created = false;
      let [space] = await db
        .select()
        .from(spaces)
        .where(and(eq(spaces.platform, input.platform), eq(spaces.externalId, input.spaceExternalId)));
      if (!space) {
        const [org] = await db
          .insert(organizations)
          .values({
            name: input.spaceName ?? `${input.platform} ${input.spaceExternalId}`,
            timezone: defaults.timezone,
          })
          .returning();
        [space] = await db
          .insert(spaces)
          .values({
            orgId: org!.id,
            platform: input.platform,
            externalId: input.spaceExternalId,
            name: input.spaceName ?? null,
          })
          .onConflictDoNothing()
          .returning();
        if (!space) {
          // Another request created the space first: use theirs.
          await db.delete(organizations).where(eq(organizations.id, org!.id));
          [space] = await db
            .select()
            .from(spaces)
            .where(and(eq(spaces.platform, input.platform), eq(spaces.externalId, input.spaceExternalId)));
        }
      }
      const orgId = space!.orgId;
      const [orgRow] = await db.select().from(organizations).where(eq(organizations.id, orgId));

      let [identity] = await db
        .select()
        .from(identities)
        .where(and(eq(identities.spaceId, space!.id), eq(identities.externalUserId, input.externalUserId)));
      let person: Person | undefined;
      if (!identity) {
        const p = await insertPerson(db, orgRow!, {
          displayName: input.displayName,
          role: defaults.coordinator ? 'coordinator' : 'student',
          timezone: input.timezoneHint ?? null,
          locale: input.localeHint ?? null,
          lastPlatform: input.platform,
        });
        [identity] = await db
          .insert(identities)
          .values({
            orgId,
            personId: p.id,
            spaceId: space!.id,
            platform: input.platform,
            externalUserId: input.externalUserId,
          })
          .onConflictDoNothing()
          .returning();
        if (identity) {
          person = p;
          created = true;
        } else {
          await db.delete(persons).where(eq(persons.id, p.id));
          [identity] = await db
            .select()
            .from(identities)
            .where(
              and(eq(identities.spaceId, space!.id), eq(identities.externalUserId, input.externalUserId)),
            );
        }
      }
      if (!person) {
        const rows = await db.select().from(persons).where(eq(persons.id, identity!.personId));
        person = await refresh(db, theRow(rows, 'identify: person of identity'), input, defaults);
      }
      return {
        org: asOrganization(orgRow!),
        person,
        identity: { ...identity!, spaceExternalId: space!.externalId },
        created,
      };
    },

    admit: async (orgId, who) => {
      const [space] = await db
        .select()
        .from(spaces)
        .where(
          and(
            eq(spaces.orgId, orgId),
            eq(spaces.platform, who.platform),
            eq(spaces.externalId, who.spaceExternalId),
          ),
        );
      if (!space) return null;
      const sameUser = and(
        eq(identities.spaceId, space.id),
        eq(identities.externalUserId, who.externalUserId),
      );
      const [known] = await db.select().from(identities).where(sameUser);
      if (!known) {
        const [orgRow] = await db.select().from(organizations).where(eq(organizations.id, orgId));
        // Never active, no platform yet: their first command (identify) plans their reminders.
        const p = await insertPerson(db, orgRow!, {
          displayName: who.displayName,
          role: 'student',
          timezone: null,
          lastPlatform: null,
        });
        const [identity] = await db
          .insert(identities)
          .values({
            orgId,
            personId: p.id,
            spaceId: space.id,
            platform: who.platform,
            externalUserId: who.externalUserId,
          })
          .onConflictDoNothing()
          .returning();
        if (identity) return p;
        await db.delete(persons).where(eq(persons.id, p.id));
      }
      const [row] = await db
        .select({ person: persons })
        .from(identities)
        .innerJoin(persons, eq(persons.id, identities.personId))
        .where(sameUser);
      return row && row.person.orgId === orgId ? row.person : null;
    },

    getOrganization: async (orgId) => {
      const [row] = await db.select().from(organizations).where(eq(organizations.id, orgId));
      if (!row) throw new Error('organization not found');
      return asOrganization(row);
    },

    getPersonInOrganization: (orgId, personId, touch) => personInOrganization(db, orgId, personId, touch),

    findPersonByExternalUser: async (orgId, platform, externalUserId) => {
      const [row] = await db
        .select({ person: persons })
        .from(identities)
        .innerJoin(persons, eq(persons.id, identities.personId))
        .where(
          and(
            eq(identities.orgId, orgId),
            eq(identities.platform, platform),
            eq(identities.externalUserId, externalUserId),
          ),
        );
      return row?.person ?? null;
    },
  };
}

/** A new person of the organization, with its default waking hours (`nudges set waking-hours`). */
async function insertPerson(
  db: Db,
  org: typeof organizations.$inferSelect,
  values: Pick<Person, 'displayName' | 'role' | 'timezone' | 'lastPlatform'> & { locale?: string | null },
): Promise<Person> {
  const window = resolveNudgeConfig(org.nudgeConfig);
  const rows = await db
    .insert(persons)
    .values({
      orgId: org.id,
      ...values,
      wakeStartMinute: window.wakeStartMinute,
      wakeEndMinute: window.wakeEndMinute,
    })
    .returning();
  return theRow(rows, 'insert person');
}

/** Someone seen before, as nearly every request comes: prepared once per handle (prepared.ts). */
const knownOf = preparedPerHandle((db: Db) =>
  db
    .select({ org: organizations, space: spaces, identity: identities, person: persons })
    .from(spaces)
    .innerJoin(organizations, eq(organizations.id, spaces.orgId))
    .innerJoin(
      identities,
      and(
        eq(identities.spaceId, spaces.id),
        eq(identities.externalUserId, sql.placeholder('externalUserId')),
      ),
    )
    .innerJoin(persons, eq(persons.id, identities.personId))
    .where(
      and(
        eq(spaces.platform, sql.placeholder('platform')),
        eq(spaces.externalId, sql.placeholder('spaceExternalId')),
      ),
    )
    .prepare('known_person'),
);

async function resolveKnown(
  db: Db,
  input: IdentityInput,
  defaults: { timezone: string; coordinator: boolean },
): Promise<{ org: Organization; person: Person; identity: Identity; firstUse: boolean } | undefined> {
  const [known] = await knownOf(db).execute({
    platform: input.platform,
    spaceExternalId: input.spaceExternalId,
    externalUserId: input.externalUserId,
  });
  if (!known) return undefined;
  return {
    firstUse: known.person.lastPlatform === null,
    org: asOrganization(known.org),
    person: await refresh(db, known.person, input, defaults),
    identity: { ...known.identity, spaceExternalId: known.space.externalId },
  };
}

/**
 * Keeps what the platform tells us current (display name, time zone until the person sets one)
 * and applies RAPPORT_COORDINATORS. Writes only when something changed.
 */
async function refresh(
  db: Db,
  person: Person,
  input: IdentityInput,
  defaults: { timezone: string; coordinator: boolean },
): Promise<Person> {
  const patch: Partial<Person> = {};
  if (input.displayName && input.displayName !== person.displayName) patch.displayName = input.displayName;
  // Written only when the person switches platforms: reminders follow them there.
  if (input.platform !== person.lastPlatform) patch.lastPlatform = input.platform;
  if (input.timezoneHint && !person.timezoneSetByUser && input.timezoneHint !== person.timezone) {
    patch.timezone = input.timezoneHint;
  }
  if (input.localeHint && input.localeHint !== person.locale) patch.locale = input.localeHint;
  // RAPPORT_COORDINATORS names the *first* coordinators: it promotes while the organization has
  // none, and never undoes a later `role` change made by a coordinator.
  if (defaults.coordinator && person.role !== 'coordinator') {
    const [anyCoordinator] = await db
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.orgId, person.orgId), eq(persons.role, 'coordinator')))
      .limit(1);
    if (!anyCoordinator) patch.role = 'coordinator';
  }
  if (!Object.keys(patch).length) return person;
  const rows = await db.update(persons).set(patch).where(eq(persons.id, person.id)).returning();
  return theRow(rows, 'refresh person');
}
