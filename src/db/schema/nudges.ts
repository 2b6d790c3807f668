/** The nudge outbox. */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { NUDGE_KINDS } from '../../core/domain.js';
import { audit, nudgeStatusEnum, stageEnum, ts } from './columns.js';
import { organizations, persons } from './people.js';
import { contacts } from './pipeline.js';

/**
 * The nudge outbox. Planned by core, delivered by the worker, claimed with
 * `FOR UPDATE SKIP LOCKED` plus a lease. `dedupeKey` makes a nudge unique for its purpose, so a
 * nudge is never planned (hence never delivered) twice.
 */
export const nudges = pgTable(
  'nudges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NUDGE_KINDS }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** The contact stage this nudge belongs to; a nudge whose contact moved on is obsolete. */
    expectedStage: stageEnum('expected_stage'),
    dueAt: ts('due_at').notNull(),
    status: nudgeStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Set by the database clock (`now()`), never a worker's: see src/db/outbox.ts. */
    leaseUntil: ts('lease_until'),
    /**
     * When a send began whose outcome nobody recorded (a worker killed mid-send, a timeout, a
     * 5xx): the message may have landed. Null once it is known either way. Before sending it
     * again, the worker looks for the message on the platform (Slack's channel history).
     */
    inDoubtSince: ts('in_doubt_since'),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    platformMessageId: text('platform_message_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    ...audit,
  },
  (t) => [
    uniqueIndex('nudges_dedupe_uq').on(t.dedupeKey),
    // The worker's hot queries: due pending rows, and expired leases. Partial indexes keep them
    // proportional to what is due, not to the history of sent nudges.
    index('nudges_pending_due_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
    // A `sending` row with no lease (left by hand or by an old version) counts as expired, so the
    // index is on the lease with a null read as the earliest time: one range scan finds both.
    index('nudges_sending_lease_idx')
      .on(sql`coalesce(${t.leaseUntil}, '-infinity'::timestamptz)`)
      .where(sql`${t.status} = 'sending'`),
    index('nudges_person_idx').on(t.personId, t.status),
    index('nudges_contact_idx').on(t.contactId),
  ],
);
