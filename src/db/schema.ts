/**
 * The whole product's tables. One file, as drizzle-kit diffs it into `migrations/`.
 *
 * Every table carries `orgId`: nothing ever crosses organizations, and every query filters on it.
 * Every timestamp is `timestamptz`; every table has `createdAt`/`updatedAt`.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { DIGEST_KINDS } from '../core/digest/digestPorts.js';
import {
  MEETING_MODES,
  NUDGE_KINDS,
  NUDGE_STATUSES,
  PLATFORMS,
  ROLES,
  SOURCES,
  STAGES,
  TIMELINE_KINDS,
} from '../core/domain.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const audit = {
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => sql`now()`),
};

export const platformEnum = pgEnum('platform', PLATFORMS);
export const roleEnum = pgEnum('role', ROLES);
export const stageEnum = pgEnum('stage', STAGES);
export const sourceEnum = pgEnum('contact_source', SOURCES);
export const meetingModeEnum = pgEnum('meeting_mode', MEETING_MODES);
export const timelineKindEnum = pgEnum('timeline_kind', TIMELINE_KINDS);
export const nudgeStatusEnum = pgEnum('nudge_status', NUDGE_STATUSES);

/** A career-services team. */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  /** Per-organization overrides of the nudge defaults (see core/nudges). */
  nudgeConfig: jsonb('nudge_config').$type<Record<string, number>>().notNull().default({}),
  ...audit,
});

/** A Slack workspace (team id) or Discord guild owned by one organization. */
export const spaces = pgTable(
  'spaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    platform: platformEnum('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name'),
    /**
     * Set when the platform told us the bot left the space (a Slack uninstall, a revoked or dead
     * token): nothing is sent there until a reinstall clears it. Its data goes after
     * RAPPORT_RETENTION_DAYS.
     */
    sendsHeldSince: ts('sends_held_since'),
    ...audit,
  },
  (t) => [
    uniqueIndex('spaces_platform_external_uq').on(t.platform, t.externalId),
    index('spaces_org_idx').on(t.orgId),
    // The claim asks "is any space held?" on every pass: a partial index keeps that one probe.
    index('spaces_held_idx').on(t.sendsHeldSince).where(sql`${t.sendsHeldSince} is not null`),
  ],
);

/** A person in one organization; platform identities hang off it. Settings live here. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    role: roleEnum('role').notNull().default('student'),
    /** IANA zone; null until known (platform profile or `settings tz`). */
    timezone: text('timezone'),
    timezoneSetByUser: boolean('timezone_set_by_user').notNull().default(false),
    /**
     * A zone we were given for the person (a Slack profile's, or one stored earlier) that is no
     * zone at all: kept until the person is told, once, that the organization's zone applies.
     */
    rejectedTimezone: text('rejected_timezone'),
    /** When the person was told that; they are never told again. */
    timezoneNoticeAt: ts('timezone_notice_at'),
    /**
     * BCP 47 locale the platform reports (Slack's users.info, Discord's interaction locale):
     * whether "10/12" is 10 December or 12 October. Null until known: en-US applies.
     */
    locale: text('locale'),
    /** Waking hours in minutes after local midnight: nudges are delivered inside them. */
    wakeStartMinute: smallint('wake_start_minute')
      .notNull()
      .default(9 * 60),
    wakeEndMinute: smallint('wake_end_minute')
      .notNull()
      .default(20 * 60),
    lastActiveAt: ts('last_active_at'),
    /** The platform the person last used Rapport on: their reminders go there. */
    lastPlatform: platformEnum('last_platform'),
    /** When `cohort welcome` queued their welcome message: nobody is welcomed twice. */
    welcomedAt: ts('welcomed_at'),
    /**
     * When their platform account was deactivated (Slack's `user_change` with `deleted`): no
     * nudge goes to them, and their data goes after RAPPORT_RETENTION_DAYS. Cleared if reactivated.
     */
    deactivatedAt: ts('deactivated_at'),
    ...audit,
  },
  (t) => [
    index('persons_org_idx').on(t.orgId, t.role),
    index('persons_deactivated_idx').on(t.deactivatedAt).where(sql`${t.deactivatedAt} is not null`),
  ],
);

/** One identity per platform per person. */
export const identities = pgTable(
  'identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    platform: platformEnum('platform').notNull(),
    externalUserId: text('external_user_id').notNull(),
    /** Cached direct-message channel id, once opened. */
    dmChannelId: text('dm_channel_id'),
    ...audit,
  },
  (t) => [
    uniqueIndex('identities_space_user_uq').on(t.spaceId, t.externalUserId),
    uniqueIndex('identities_person_platform_uq').on(t.personId, t.platform),
  ],
);

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
    rating: text('rating').notNull(),
    effect: text('effect'),
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
    decision: text('decision').notNull(),
    decidedAt: ts('decided_at').notNull(),
    ...audit,
  },
  (t) => [index('decisions_person_idx').on(t.personId, t.decidedAt)],
);

/**
 * A Slack installation made through Add to Slack: one per workspace, or one per enterprise for an
 * Enterprise Grid org-wide install. The installation (tokens included) is sealed as a whole under
 * RAPPORT_ENCRYPTION_KEY (`keyId` names the key); only what lookups need stays in clear.
 */
export const slackInstallations = pgTable(
  'slack_installations',
  {
    /** `team:<id>` for a workspace install, `enterprise:<id>` for an org-wide one. */
    installKey: text('install_key').primaryKey(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
    /** The organization the install made or joined; null once that organization is gone. */
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'set null' }),
    keyId: text('key_id').notNull(),
    sealed: text('sealed').notNull(),
    /** When the bot token expires (token rotation on); null when it does not. */
    botExpiresAt: ts('bot_expires_at'),
    /** Set by `app_uninstalled` or `tokens_revoked`; cleared by a reinstall. */
    uninstalledAt: ts('uninstalled_at'),
    ...audit,
  },
  (t) => [
    index('slack_installations_org_idx').on(t.orgId),
    index('slack_installations_uninstalled_idx')
      .on(t.uninstalledAt)
      .where(sql`${t.uninstalledAt} is not null`),
  ],
);

/** OAuth `state` values handed out by /slack/install, each good for one callback within its window. */
export const slackOAuthStates = pgTable('slack_oauth_states', {
  state: text('state').primaryKey(),
  installOptions: jsonb('install_options').$type<Record<string, unknown>>().notNull(),
  expiresAt: ts('expires_at').notNull(),
  ...audit,
});

/**
 * Deletions made because someone left (a workspace uninstalled, a person deactivated), after
 * RAPPORT_RETENTION_DAYS: what kind, when, and how much. No personal data: no names, no user ids.
 */
export const dataDeletions = pgTable(
  'data_deletions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `workspace_uninstalled` or `person_deactivated`. */
    kind: text('kind').notNull(),
    platform: platformEnum('platform').notNull(),
    /** When the workspace left or the person was deactivated. */
    leftAt: ts('left_at').notNull(),
    deletedAt: ts('deleted_at').notNull(),
    persons: integer('persons').notNull().default(0),
    contacts: integer('contacts').notNull().default(0),
    /** Whether the whole organization went (it had no other space still installed). */
    organizationDeleted: boolean('organization_deleted').notNull().default(false),
    ...audit,
  },
  (t) => [index('data_deletions_deleted_idx').on(t.deletedAt)],
);
