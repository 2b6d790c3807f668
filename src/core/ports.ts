/**
 * The ports core needs. `src/db` implements the repositories and the Store, `src/bot` the
 * Notifiers and the Clock. Core never imports an implementation.
 */
import type { DigestRepository } from './digestPorts.js';
import type {
  MeetingMode,
  NudgeKind,
  NudgeStatus,
  Platform,
  Role,
  Source,
  Stage,
  TimelineKind,
} from './domain.js';
import type { Reply } from './reply.js';
import type { Result } from './result.js';

export interface Clock {
  now(): Date;
}

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
  wakeStartMinute: number;
  wakeEndMinute: number;
  lastActiveAt: Date | null;
  /** The platform the person last used Rapport on (null before the first command): reminders go there. */
  lastPlatform: Platform | null;
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

export interface Contact {
  id: string;
  orgId: string;
  ownerId: string;
  number: number;
  name: string;
  company: string | null;
  title: string | null;
  field: string | null;
  source: Source | null;
  referredById: string | null;
  email: string | null;
  profileUrl: string | null;
  personId: string | null;
  stage: Stage;
  stageChangedAt: Date;
  lastActivityAt: Date;
  /** No reminder about this contact before then (`snooze`). */
  snoozedUntil: Date | null;
  createdAt: Date;
}

export type NewContact = Pick<Contact, 'orgId' | 'ownerId' | 'name' | 'stageChangedAt' | 'lastActivityAt'> &
  Partial<
    Pick<
      Contact,
      | 'company'
      | 'title'
      | 'field'
      | 'source'
      | 'referredById'
      | 'email'
      | 'profileUrl'
      | 'personId'
      | 'stage'
    >
  >;

export type ContactPatch = Partial<
  Pick<
    Contact,
    | 'name'
    | 'company'
    | 'title'
    | 'field'
    | 'source'
    | 'email'
    | 'profileUrl'
    | 'personId'
    | 'stage'
    | 'stageChangedAt'
    | 'lastActivityAt'
    | 'snoozedUntil'
  >
>;

export interface TimelineEvent {
  id: string;
  contactId: string;
  authorId: string | null;
  kind: TimelineKind;
  fromStage: Stage | null;
  toStage: Stage | null;
  body: string | null;
  occurredAt: Date;
}

export type NewTimelineEvent = Omit<TimelineEvent, 'id'> & { orgId: string };

export interface Question {
  id: string;
  contactId: string;
  text: string;
  position: number;
  createdAt: Date;
}

export interface Meeting {
  id: string;
  orgId: string;
  studentId: string;
  contactId: string | null;
  mentorId: string | null;
  startsAt: Date;
  durationMinutes: number;
  mode: MeetingMode | null;
  loggedByStudent: boolean;
  loggedByMentor: boolean;
  topics: string | null;
  heldAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

export type NewMeeting = Omit<Meeting, 'id' | 'createdAt' | 'heldAt' | 'cancelledAt'> & {
  heldAt?: Date | null;
};

/** A nudge as core plans it. `dedupeKey` names its purpose: planning the same key twice is one nudge. */
export interface PlannedNudge {
  kind: NudgeKind;
  dedupeKey: string;
  personId: string;
  contactId: string | null;
  expectedStage: Stage | null;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface NudgeRecord extends PlannedNudge {
  id: string;
  orgId: string;
  status: NudgeStatus;
  attempts: number;
  leaseUntil: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  platformMessageId: string | null;
  payload: Record<string, unknown>;
}

/** Whose a row is: its organization and the person it belongs to. */
export interface RowOwner {
  orgId: string;
  personId: string;
}

export interface ContactRepository {
  listByOwner(ownerId: string): Promise<Contact[]>;
  /**
   * Whose contact this is, in any organization: only for a button clicked outside any space,
   * where the contact is the one trustworthy way to the clicker's organization.
   */
  ownerOf(id: string): Promise<RowOwner | null>;
  getById(ownerId: string, id: string): Promise<Contact | null>;
  /** Assigns the next number in the owner's list. */
  create(input: NewContact): Promise<Contact>;
  update(ownerId: string, id: string, patch: ContactPatch): Promise<Contact>;
}

export interface TimelineRepository {
  add(event: NewTimelineEvent): Promise<TimelineEvent>;
  listForContact(contactId: string): Promise<TimelineEvent[]>;
  /** When the owner first moved any contact into `stage` (e.g. their first outreach). */
  firstEntryInto(ownerId: string, stage: Stage): Promise<Date | null>;
}

export interface QuestionRepository {
  add(orgId: string, contactId: string, text: string): Promise<Question>;
  listForContact(contactId: string): Promise<Question[]>;
}

export interface MeetingRepository {
  create(meeting: NewMeeting): Promise<Meeting>;
  /** The latest meeting of a contact that is not cancelled. */
  latestForContact(contactId: string): Promise<Meeting | null>;
  update(
    id: string,
    patch: Partial<
      Pick<
        Meeting,
        | 'startsAt'
        | 'durationMinutes'
        | 'mode'
        | 'heldAt'
        | 'cancelledAt'
        | 'loggedByStudent'
        | 'loggedByMentor'
        | 'mentorId'
        | 'topics'
      >
    >,
  ): Promise<Meeting>;
  listForStudent(studentId: string): Promise<Meeting[]>;
  listForMentor(mentorId: string): Promise<Meeting[]>;
}

export interface NudgeRepository {
  /**
   * Makes the pending nudges of one scope (a contact, or a person's contact-less nudges of the
   * given kinds) equal to `planned`: new keys are inserted, pending ones re-timed, pending ones not
   * planned any more are cancelled. Keys already sent or cancelled are left alone.
   */
  replacePlanned(
    scope: { orgId: string; personId: string; contactId: string | null; kinds?: readonly NudgeKind[] },
    planned: PlannedNudge[],
  ): Promise<void>;
  listForPerson(personId: string, statuses?: readonly NudgeStatus[]): Promise<NudgeRecord[]>;
  /** The pending nudges of several people at once (an organization-wide re-plan). */
  listPendingForPeople(personIds: readonly string[]): Promise<NudgeRecord[]>;
  listForContact(contactId: string): Promise<NudgeRecord[]>;
  getById(orgId: string, id: string): Promise<NudgeRecord | null>;
  /** Whose reminder this is, in any organization (see ContactRepository.ownerOf). */
  ownerOf(id: string): Promise<RowOwner | null>;
  /** Moves the pending nudges of a contact (or one nudge) to `until` when they are due earlier. */
  postpone(filter: { contactId?: string; nudgeId?: string }, until: Date): Promise<number>;
  cancel(filter: { nudgeId?: string; contactId?: string; personId?: string }): Promise<number>;
  /** Adds one-off nudges (a mentor's log); a key that exists already is left as it is. */
  enqueue(orgId: string, nudges: PlannedNudge[]): Promise<void>;
  /** Delivers a nudge again at `dueAt` (the Snooze buttons on a delivered nudge). */
  reschedule(nudgeId: string, dueAt: Date): Promise<void>;
  /**
   * Removes `fields` from the payload of every nudge of the organization whose payload holds
   * `match.value` at `match.key` (what a forgotten mentor left in students' reminders).
   * Returns how many nudges changed.
   */
  stripPayloads(
    orgId: string,
    match: { key: string; value: string },
    fields: readonly string[],
  ): Promise<number>;
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
   * undefined for a newcomer. One read, and one write only when something changed: each
   * statement stands alone, so this is safe outside a transaction.
   */
  resolveKnown(
    input: IdentityInput,
    defaults: { timezone: string; coordinator: boolean },
  ): Promise<{ org: Organization; person: Person; identity: Identity } | undefined>;
  getOrganization(orgId: string): Promise<Organization>;
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

/** Everything a command may touch, bound to one transaction. */
export interface Repos {
  contacts: ContactRepository;
  timeline: TimelineRepository;
  questions: QuestionRepository;
  meetings: MeetingRepository;
  nudges: NudgeRepository;
  persons: PersonRepository;
  directory: DirectoryRepository;
  codes: CodeRepository;
  codeTries: CodeTryRepository;
  digest: DigestRepository;
  organizations: OrganizationRepository;
}

export interface Store {
  /** Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` outside a transaction, each statement on its own: only for work whose statements
   * need not be atomic together (a lookup). It saves the BEGIN and COMMIT round trips.
   */
  direct<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
}

/** Where a direct message goes. */
export interface Recipient {
  personId: string;
  platform: Platform;
  spaceExternalId: string;
  externalUserId: string;
  dmChannelId: string | null;
}

export type SendOutcome =
  | { status: 'sent'; messageId: string; dmChannelId?: string }
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'transient'; error: string }
  | { status: 'permanent'; error: string };

/** A channel of a space (the coordinators' digest channel). */
export interface ChannelTarget {
  platform: Platform;
  /** Slack channel id (`C123`) or Discord channel id. */
  channelId: string;
}

/** What a platform says about a channel: the spaces (Slack teams, a Discord guild) it is in. */
export type ChannelSpaces =
  | { status: 'found'; spaceIds: readonly string[] }
  /** No such channel, or none this bot may see (a private channel it was not invited to). */
  | { status: 'not_found' }
  /** The platform could not be asked, or did not answer. */
  | { status: 'unavailable'; error: string };

/**
 * Looks a channel up on its platform. Implemented at the edge for each platform (Slack's
 * `conversations.info`, Discord's channel resource); core decides what the answer means.
 */
export interface ChannelDirectory {
  spacesOf(target: ChannelTarget): Promise<ChannelSpaces>;
}

/** Delivers a message privately to one person on one platform. */
export interface Notifier {
  readonly platform: Platform;
  /** `idempotencyKey` is stable across retries of the same message (Discord's nonce). */
  send(to: Recipient, message: Reply, idempotencyKey: string): Promise<SendOutcome>;
  /**
   * Posts a message in a channel (the weekly digest). Optional: a Notifier without it cannot
   * serve a digest channel, and the digest goes to the coordinators by DM instead.
   */
  postToChannel?(to: ChannelTarget, message: Reply, idempotencyKey: string): Promise<SendOutcome>;
}

/** Turns the digest's SVG chart into a PNG. Implemented at the edge (resvg); core only builds SVG. */
export interface ChartRenderer {
  renderPng(svg: string): Uint8Array;
}
