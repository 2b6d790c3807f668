/**
 * The people aggregate's ports: organizations, their spaces, persons and their platform identities,
 * and the one-time codes that link them. `src/db/repos` implements them.
 */
import type { Platform, Role } from '../domain.js';
import type { Result } from '../result.js';

export interface Organization {
  id: string;
  name: string;
  timezone: string;
  nudgeConfig: Record<string, number>;
}

export interface Person {
  id: string;
  orgId: string;
  displayName: string;
  role: Role;
  /** IANA zone, or null when unknown (then the organization's zone applies). */
  timezone: string | null;
  timezoneSetByUser: boolean;
  /** A zone we were given for them that is no zone, until they are told so (see timeZones.ts). */
  rejectedTimezone: string | null;
  /** When they were told that their organization's zone applies instead; once only. */
  timezoneNoticeAt: Date | null;
  /** The locale a platform reported ("en-GB"); null when none did (en-US applies). */
  locale: string | null;
  wakeStartMinute: number;
  wakeEndMinute: number;
  lastActiveAt: Date | null;
  /** The platform the person last used Rapport on (null before the first command): reminders go there. */
  lastPlatform: Platform | null;
  /** When `cohort welcome` queued their welcome message (never twice). */
  welcomedAt: Date | null;
  /** When their platform account was deactivated: nothing is sent to them any more. */
  deactivatedAt?: Date | null;
  createdAt: Date;
}

export interface Identity {
  id: string;
  orgId: string;
  personId: string;
  platform: Platform;
  spaceId: string;
  /** The team id (Slack) or guild id (Discord) of the space. */
  spaceExternalId: string;
  externalUserId: string;
  dmChannelId: string | null;
}

export interface OneTimeCode {
  id: string;
  orgId: string;
  personId: string;
  purpose: string;
  expiresAt: Date;
}

/** One-time codes (identity links, forget-me confirmations); only hashes are stored. */
export interface CodeRepository {
  create(code: {
    orgId: string;
    personId: string;
    purpose: string;
    codeHash: string;
    expiresAt: Date;
  }): Promise<void>;
  /** Marks an unexpired, unused code used and returns it; null when there is none. */
  consume(purpose: string, codeHash: string, now: Date): Promise<OneTimeCode | null>;
}

export interface PersonRepository {
  getById(orgId: string, id: string): Promise<Person | null>;
  update(
    orgId: string,
    id: string,
    patch: Partial<
      Pick<
        Person,
        | 'displayName'
        | 'role'
        | 'timezone'
        | 'timezoneSetByUser'
        | 'rejectedTimezone'
        | 'timezoneNoticeAt'
        | 'wakeStartMinute'
        | 'wakeEndMinute'
        | 'lastActiveAt'
        | 'welcomedAt'
      >
    >,
  ): Promise<Person>;
  listByOrg(orgId: string): Promise<Person[]>;
  identities(personId: string): Promise<Identity[]>;
  /**
   * Deletes the person and, by cascade, everything they own, with the platform's records of
   * requests they sent (which name their user id).
   */
  delete(orgId: string, id: string): Promise<void>;
  /**
   * Folds one person into another (identity linking): contacts (renumbered after the target's),
   * meetings, reminders and identities move, then the source person is deleted. Fails when both
   * already have an identity on the same platform.
   */
  merge(orgId: string, fromId: string, intoId: string): Promise<Result<void>>;
}

/** What an adapter knows about the person who typed. */
export interface IdentityInput {
  platform: Platform;
  spaceExternalId: string;
  spaceName?: string;
  externalUserId: string;
  displayName: string;
  /**
   * A time zone the platform reported (Slack's users.info), used until the person sets one.
   * Core checks it before anything stores it: repositories only ever see a valid one.
   */
  timezoneHint?: string | undefined;
  /** The locale the platform reported ("en-GB"), kept current on the person. */
  localeHint?: string | undefined;
}

export interface DirectoryRepository {
  /**
   * Finds or creates the organization, space, person and identity behind an incoming request.
   * Creating takes several statements: run it in a transaction.
   */
  resolve(
    input: IdentityInput,
    defaults: { timezone: string; coordinator: boolean },
  ): Promise<{ org: Organization; person: Person; identity: Identity; created: boolean }>;
  /**
   * The same for someone seen before, brought up to date (name, zone hint, first coordinator);
   * undefined for a newcomer. `firstUse` says that the person was set up by someone else (`role`,
   * `cohort add`) and this is their first request. One read, and one write only when something changed: each
   * statement stands alone, so this is safe outside a transaction.
   */
  resolveKnown(
    input: IdentityInput,
    defaults: { timezone: string; coordinator: boolean },
  ): Promise<{ org: Organization; person: Person; identity: Identity; firstUse: boolean } | undefined>;
  getOrganization(orgId: string): Promise<Organization>;
  /**
   * The organization and one of its people (null when gone), in one statement. With `touch`, the
   * same statement records the person active at `touch.at` when their last activity is unknown or
   * more than `touch.olderThanMs` earlier, and the person returned carries it.
   */
  getPersonInOrganization(
    orgId: string,
    personId: string,
    touch?: { at: Date; olderThanMs: number },
  ): Promise<{ org: Organization; person: Person | null }>;
  /**
   * Someone named before they have used Rapport (`role <@U123> mentor`): finds or creates the
   * person and their identity in one of the organization's spaces, as a student who has never
   * been active. Their first command finds that identity and makes it theirs. Null when the space
   * is not the organization's. Several statements: run it in a transaction.
   */
  admit(
    orgId: string,
    who: { platform: Platform; spaceExternalId: string; externalUserId: string; displayName: string },
  ): Promise<Person | null>;
  /** Finds a person of the organization by a platform user id (a Slack or Discord mention). */
  findPersonByExternalUser(orgId: string, platform: Platform, externalUserId: string): Promise<Person | null>;
}

/** A Slack workspace or Discord server of an organization. */
export interface Space {
  platform: Platform;
  /** The team id (Slack) or guild id (Discord). */
  externalId: string;
}

/** The organization's own structure: its coordinators and its spaces. */
export interface OrganizationRepository {
  /** The organization's spaces. */
  spaces(orgId: string): Promise<Space[]>;
  /** The coordinators, locked until the transaction ends (so two demotions cannot both pass). */
  lockCoordinators(orgId: string): Promise<Person[]>;
  /** True when any student of the organization has a contact. */
  hasContacts(orgId: string): Promise<boolean>;
  /**
   * Moves every row of `fromOrgId` (spaces, persons, identities, contacts, meetings, reminders,
   * the disclosure log) into `intoOrgId`, then deletes `fromOrgId`. Pending one-time codes and
   * digest settings of `fromOrgId` are dropped.
   */
  mergeInto(fromOrgId: string, intoOrgId: string): Promise<void>;
  /**
   * Changes the organization's nudge overrides (`nudges set` and `nudges reset`) with its row
   * locked, so two coordinators changing different settings at once both keep their change:
   * `set` adds or replaces keys, `unset` removes keys ('all' clears every override). Returns the
   * organization as saved.
   */
  updateNudgeConfig(
    orgId: string,
    change: { set?: Readonly<Record<string, number>>; unset?: readonly string[] | 'all' },
  ): Promise<Organization>;
}

/**
 * Tries at codes someone could guess, counted per person and purpose. Each method is one
 * statement: run through `Store.direct`, a try is committed before the command that checks the
 * code starts (and may roll back).
 */
export interface CodeTryRepository {
  /** Records a try at `at`; returns its id. */
  record(attempt: { orgId: string; personId: string; purpose: string; at: Date }): Promise<string>;
  /** When the person tried codes of this purpose after `since`, oldest first. */
  triedSince(personId: string, purpose: string, since: Date): Promise<Date[]>;
  /** Forgets one try: it turned out right, or it was refused before the code was looked at. */
  forget(id: string): Promise<void>;
}

/** Whose a row is: its organization and the person it belongs to. */
export interface RowOwner {
  orgId: string;
  personId: string;
}
