/**
 * The program around the pipeline: cohorts and their members, mentor matches, what each
 * conversation was worth, and the students' decisions.
 */
import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DECISIONS, EFFECTS, RATINGS } from '../../core/pipeline/outcomePorts.js';
import { audit, ts } from './columns.js';
import { organizations, persons } from './people.js';
import { contacts } from './pipeline.js';

/**
 * A group of students (a class, a track, a workshop series), numbered within its organization.
 * Its advisor sees its digest, stats and stalled students; its join code lets students join.
 */
export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    /** The name folded (case, accents, spacing): two cohorts of one organization never share it. */
    nameKey: text('name_key').notNull(),
    advisorId: uuid('advisor_id').references(() => persons.id, { onDelete: 'set null' }),
    /** Letters only, no 0/O or 1/I; shown as K7Q-2MX. Not a secret: it is posted to a class. */
    joinCode: text('join_code'),
    joinCodeExpiresAt: ts('join_code_expires_at'),
    ...audit,
  },
  (t) => [
    uniqueIndex('cohorts_org_number_uq').on(t.orgId, t.number),
    uniqueIndex('cohorts_org_name_uq').on(t.orgId, t.nameKey),
    uniqueIndex('cohorts_join_code_uq').on(t.joinCode),
    index('cohorts_advisor_idx').on(t.advisorId),
  ],
);

/** Who is in which cohort; a student may be in several. */
export const cohortMembers = pgTable(
  'cohort_members',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    ...audit,
  },
  (t) => [
    primaryKey({ columns: [t.cohortId, t.personId] }),
    index('cohort_members_person_idx').on(t.personId),
  ],
);

/** A mentor paired with a student (`match`): both were introduced; `mentees` lists the student. */
export const mentorMatches = pgTable(
  'mentor_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    matchedAt: ts('matched_at').notNull(),
    /**
     * When the mentor was last reminded of this student (no meeting logged for 21 days): one
     * reminder per quiet stretch, the next only after a meeting logged since.
     */
    remindedAt: ts('reminded_at'),
    ...audit,
  },
  (t) => [
    uniqueIndex('mentor_matches_pair_uq').on(t.mentorId, t.studentId),
    index('mentor_matches_student_idx').on(t.studentId),
  ],
);

/** What a conversation was worth to the student and what it changed (`outcome`): one per contact. */
export const contactOutcomes = pgTable(
  'contact_outcomes',
  {
    contactId: uuid('contact_id')
      .primaryKey()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    rating: text('rating', { enum: RATINGS }).notNull(),
    effect: text('effect', { enum: EFFECTS }),
    ratedAt: ts('rated_at').notNull(),
    ...audit,
  },
  (t) => [index('contact_outcomes_owner_idx').on(t.ownerId, t.ratedAt)],
);

/** A student's answer to the reflect-and-decide nudge (`decide`), each one kept. */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: DECISIONS }).notNull(),
    decidedAt: ts('decided_at').notNull(),
    ...audit,
  },
  (t) => [index('decisions_person_idx').on(t.personId, t.decidedAt)],
);
