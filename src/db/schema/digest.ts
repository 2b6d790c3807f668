/** The weekly digest: where and when each organization's goes, and what each one sent. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { DIGEST_KINDS } from '../../core/digest/digestPorts.js';
import { audit, platformEnum, ts } from './columns.js';
import { organizations, persons } from './people.js';

/**
 * Where and when an organization's weekly digest goes. The CHECKs keep the schedule computable:
 * a weekday or minute out of range would make the digest step throw for that organization.
 */
export const digestSettings = pgTable(
  'digest_settings',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    platform: platformEnum('platform'),
    channelId: text('channel_id'),
    /** ISO weekday, 1 = Monday. */
    weekday: smallint('weekday').notNull().default(1),
    minuteOfDay: smallint('minute_of_day')
      .notNull()
      .default(9 * 60),
    enabled: boolean('enabled').notNull().default(true),
    /** Whether the digest carries its per-student CSV file (`digest csv on`). */
    attachCsv: boolean('attach_csv').notNull().default(false),
    ...audit,
  },
  (t) => [
    check('digest_settings_weekday_ck', sql`${t.weekday} between 1 and 7`),
    check('digest_settings_minute_ck', sql`${t.minuteOfDay} between 0 and 1439`),
  ],
);

/**
 * Every digest or report sent: who received which students' data, and when. `slot` is unique per
 * organization for scheduled digests, so two racing workers produce exactly one.
 */
export const digestLog = pgTable(
  'digest_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DIGEST_KINDS }).notNull(),
    slot: text('slot'),
    recipient: text('recipient').notNull(),
    requestedById: uuid('requested_by_id').references(() => persons.id, { onDelete: 'set null' }),
    sentAt: ts('sent_at'),
    /** How many students' data it carried when sent (the ids are in `digest_log_students`). */
    studentCount: integer('student_count').notNull().default(0),
    /**
     * A scheduled digest being delivered: the worker that inserted the row owns it until then; a
     * claim left behind by a dead worker may be taken over after it.
     */
    leaseUntil: ts('lease_until'),
    attempts: integer('attempts').notNull().default(0),
    /** Why the last delivery attempt failed (no text a person typed). */
    lastError: text('last_error'),
    ...audit,
  },
  (t) => [uniqueIndex('digest_log_org_slot_uq').on(t.orgId, t.slot), index('digest_log_org_idx').on(t.orgId)],
);

/**
 * The students whose data each digest or report carried. A row per student, so forgetting a
 * student (deleting the person) removes them from the log by cascade, and "who received my data"
 * is one indexed query.
 */
export const digestLogStudents = pgTable(
  'digest_log_students',
  {
    digestLogId: uuid('digest_log_id')
      .notNull()
      .references(() => digestLog.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ...audit,
  },
  (t) => [
    primaryKey({ columns: [t.digestLogId, t.personId] }),
    index('digest_log_students_person_idx').on(t.personId),
  ],
);
