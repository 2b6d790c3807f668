/**
 * The organizations, their spaces (Slack workspaces, Discord servers), the people in them and each
 * person's platform identities.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { audit, platformEnum, roleEnum, ts } from './columns.js';

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
