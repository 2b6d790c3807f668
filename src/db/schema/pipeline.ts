/**
 * A student's pipeline: their contacts, the meetings with them, each contact's timeline and the
 * questions prepared for it.
 */
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { audit, meetingModeEnum, sourceEnum, stageEnum, timelineKindEnum, ts } from './columns.js';
import { organizations, persons } from './people.js';

/** Someone a student wants to talk to. `number` is the contact's place in its owner's list (#3). */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    company: text('company'),
    title: text('title'),
    field: text('field'),
    source: sourceEnum('source'),
    referredById: uuid('referred_by_id'),
    email: text('email'),
    profileUrl: text('profile_url'),
    /** When the contact is on the platform too (a mentor), their person id. */
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    stage: stageEnum('stage').notNull().default('identified'),
    stageChangedAt: ts('stage_changed_at').notNull(),
    /** The nudge clock: any logged interaction moves it. */
    lastActivityAt: ts('last_activity_at').notNull(),
    /** `snooze`: no reminder about this contact before then, whatever the rules say. */
    snoozedUntil: ts('snoozed_until'),
    ...audit,
  },
  (t) => [
    uniqueIndex('contacts_owner_number_uq').on(t.ownerId, t.number),
    index('contacts_owner_stage_idx').on(t.ownerId, t.stage),
    index('contacts_org_idx').on(t.orgId),
  ],
);

/** A meeting, planned by a student (`scheduled`) or logged by a mentor. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    // A forgotten mentor leaves the student's meeting in place, unattributed.
    mentorId: uuid('mentor_id').references(() => persons.id, { onDelete: 'set null' }),
    startsAt: ts('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(30),
    mode: meetingModeEnum('mode'),
    loggedByStudent: boolean('logged_by_student').notNull().default(false),
    loggedByMentor: boolean('logged_by_mentor').notNull().default(false),
    topics: text('topics'),
    heldAt: ts('held_at'),
    cancelledAt: ts('cancelled_at'),
    ...audit,
  },
  (t) => [
    index('meetings_org_starts_idx').on(t.orgId, t.startsAt),
    index('meetings_student_idx').on(t.studentId),
    index('meetings_mentor_idx').on(t.mentorId),
  ],
);

/** The dated timeline of a contact: stage changes, notes, interactions, questions, referrals. */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => persons.id, { onDelete: 'set null' }),
    kind: timelineKindEnum('kind').notNull(),
    fromStage: stageEnum('from_stage'),
    toStage: stageEnum('to_stage'),
    /** What the person typed (a note, a channel, topics). Never logged, never in digests. */
    body: text('body'),
    occurredAt: ts('occurred_at').notNull(),
    ...audit,
  },
  (t) => [
    index('timeline_contact_idx').on(t.contactId, t.occurredAt),
    index('timeline_org_occurred_idx').on(t.orgId, t.occurredAt),
  ],
);

/** Questions a student prepared for a contact. */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    position: integer('position').notNull(),
    ...audit,
  },
  (t) => [index('questions_contact_idx').on(t.contactId, t.position)],
);
