/**
 * The nudge outbox as core plans it: what is due, for whom, and why. The worker delivers it
 * (src/bot/worker); `src/db/repos/nudgeRepository.ts` implements it.
 */
import type { NudgeKind, NudgeStatus, Stage } from '../domain.js';
import type { RowOwner } from '../people/peoplePorts.js';

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

/** A contact's nudges (`contactId`), or a person's own nudges of some kinds (`contactId` null). */
export interface NudgeScope {
  personId: string;
  contactId: string | null;
  kinds?: readonly NudgeKind[];
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

export interface NudgeRepository {
  /**
   * Makes the pending nudges of each scope (a contact, or a person's contact-less nudges of the
   * given kinds) equal to its `planned`, for several scopes of one organization in one statement:
   * new keys are inserted, pending ones re-timed, pending ones not planned any more are cancelled.
   * Keys already sent or cancelled are left alone.
   */
  replacePlannedAll(
    orgId: string,
    plans: readonly { scope: NudgeScope; planned: readonly PlannedNudge[] }[],
  ): Promise<void>;
  listForPerson(personId: string, statuses?: readonly NudgeStatus[]): Promise<NudgeRecord[]>;
  /** A person's own nudges of these kinds (no contact's), whatever their status. */
  listPersonLevel(personId: string, kinds: readonly NudgeKind[]): Promise<NudgeRecord[]>;
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
   * Takes a student out of the student lists (`payload.students`, keyed by id) of mentors'
   * reminders and introductions: every one of them when the student is forgotten, or only those
   * of one mentor (`mentorId`) when the pairing ends. A waiting one left naming nobody is cancelled.
   */
  forgetInStudentLists(orgId: string, studentId: string, mentorId?: string): Promise<void>;
  /**
   * The person's pending nudge of `kind` whose payload holds `match.value` at `match.key`, if one
   * waits; locks the person's nudges of that kind until the transaction ends, so that two
   * commands gathering into one nudge at once do not each queue their own.
   */
  lockPendingOfKind(
    orgId: string,
    personId: string,
    kind: NudgeKind,
    match: { key: string; value: string },
  ): Promise<NudgeRecord | null>;
  /** Adds `name` under `id` to a pending nudge's `payload[list]`; false when it no longer waits. */
  addToPendingList(nudgeId: string, list: string, id: string, name: string): Promise<boolean>;
  /** When the latest of the person's nudges of these kinds was sent (or is due, if waiting). */
  lastOfKinds(personId: string, kinds: readonly NudgeKind[]): Promise<Date | null>;
  /**
   * Cancels the pending nudges of `kind` whose payload holds `match.value` at `match.key`, only
   * `personId`'s when given.
   */
  cancelPendingWith(
    orgId: string,
    kind: NudgeKind,
    match: { key: string; value: string },
    personId?: string,
  ): Promise<void>;
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
