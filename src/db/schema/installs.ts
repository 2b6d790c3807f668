/**
 * Spaces arriving and leaving: Slack installations, the OAuth states handed out for them, and the
 * record of data deleted after a space or person left.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { audit, platformEnum, ts } from './columns.js';
import { organizations } from './people.js';

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
