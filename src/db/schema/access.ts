/**
 * What guards the door: one-time codes and the tries at them, and the platform deliveries already
 * applied.
 */
import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { audit, platformEnum, ts } from './columns.js';
import { organizations, persons } from './people.js';

/** One-time codes: linking identities, attaching spaces, confirming forget-me. Stored hashed. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    ...audit,
  },
  (t) => [uniqueIndex('one_time_codes_hash_uq').on(t.purpose, t.codeHash)],
);

/**
 * Tries at a code someone could guess (`link <code>`, `space join <code>`), per person: the wrong
 * ones stay until housekeeping drops them, a right one is deleted with the command it unlocked.
 * In the database, not in memory, so the cap holds across replicas and restarts.
 */
export const codeTries = pgTable(
  'code_tries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    /** What was tried: the one-time code's purpose (`link`, `space`, ...). */
    purpose: text('purpose').notNull(),
    triedAt: ts('tried_at').notNull(),
    ...audit,
  },
  (t) => [
    index('code_tries_person_idx').on(t.personId, t.purpose, t.triedAt),
    index('code_tries_tried_idx').on(t.triedAt),
  ],
);

/** Platform deliveries already applied (Slack retries carry the same key): never apply twice. */
export const processedRequests = pgTable(
  'processed_requests',
  {
    key: text('key').notNull(),
    platform: platformEnum('platform').notNull(),
    ...audit,
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.key] }),
    index('processed_requests_created_idx').on(t.createdAt),
  ],
);
