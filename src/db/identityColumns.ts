import { sql } from 'drizzle-orm';
import { identities, persons, spaces } from './schema.js';

/**
 * The columns of core's `Identity` (an identity with its space's external id). Select them from
 * `identities` joined to `spaces` on `spaces.id = identities.space_id`.
 */
export const identityColumns = {
  id: identities.id,
  orgId: identities.orgId,
  personId: identities.personId,
  platform: identities.platform,
  spaceId: identities.spaceId,
  spaceExternalId: spaces.externalId,
  externalUserId: identities.externalUserId,
  dmChannelId: identities.dmChannelId,
};

/**
 * Whether an identity is on the platform its person used Rapport on last. Select it from
 * `identities` joined to `persons` on `persons.id = identities.person_id`.
 */
export const seenLast = () =>
  sql<boolean>`coalesce(${persons.lastPlatform} = ${identities.platform}, false)`.mapWith(Boolean);
