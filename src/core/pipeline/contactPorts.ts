/**
 * The contact aggregate's ports: a student's contacts, each with its dated timeline and prepared
 * questions. `src/db/repos` implements them.
 */
import type { Source, Stage, TimelineKind } from '../domain.js';
import type { NudgeRecord } from '../nudges/nudgePorts.js';
import type { RowOwner } from '../people/peoplePorts.js';
import type { Meeting, MeetingPatch, NewMeeting } from './meetingPorts.js';

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

export interface ContactRepository {
  listByOwner(ownerId: string): Promise<Contact[]>;
  /**
   * Whose contact this is, in any organization: only for a button clicked outside any space,
   * where the contact is the one trustworthy way to the clicker's organization.
   */
  ownerOf(id: string): Promise<RowOwner | null>;
  getById(ownerId: string, id: string): Promise<Contact | null>;
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

/** A meeting saved with a contact's change: a new one, or one changed. */
export type MeetingSave = { create: NewMeeting } | { id: string; patch: MeetingPatch };

/** A contact's timeline entry written with the contact itself (the contact's id is not known yet). */
export type NewContactEntry = Omit<NewTimelineEvent, 'contactId' | 'orgId'>;

/** One change of a contact: its row, the timeline entries that date it, and a meeting with it. */
export interface ContactChange {
  ownerId: string;
  contactId: string;
  patch: ContactPatch;
  entries: NewTimelineEvent[];
  meeting?: MeetingSave;
}

/** A contact's changes written in one round trip each, with what they touch. */
export interface ContactChangeRepository {
  /** Applies a change in one statement; the contact as changed, and the meeting when one was saved. */
  apply(change: ContactChange): Promise<{ contact: Contact; meeting: Meeting | null }>;
  /** A new contact, with the next number of its owner, and its first timeline entry. */
  create(input: NewContact, entry: NewContactEntry): Promise<Contact>;
}

/** What a contact card shows beside the contact. */
export interface ContactDetails {
  /** The latest meeting that is not cancelled. */
  meeting: Meeting | null;
  timeline: TimelineEvent[];
  questions: Question[];
  nudges: NudgeRecord[];
  /** The contact of the same owner who referred this one, if any. */
  referrer: Contact | null;
  /** The display names of the organization's people who wrote on the timeline, by id. */
  authors: Map<string, string>;
}

export interface ContactDetailsRepository {
  /** Each contact's details, by id, in one statement whatever the number of contacts. */
  detailsOf(orgId: string, contacts: readonly Contact[]): Promise<Map<string, ContactDetails>>;
}
