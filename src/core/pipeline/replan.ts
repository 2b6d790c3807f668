/**
 * Keeps a contact's (and a person's) pending nudges equal to what the rules say now. Called in the
 * same transaction as every change, so a nudge that became obsolete is cancelled with the change.
 */

import type { NudgeKind } from '../domain.js';
import { wasSuperseded } from '../nudges/catchUp.js';
import { type NudgeConfig, resolveNudgeConfig } from '../nudges/nudgeConfig.js';
import type { NudgeRecord, PlannedNudge } from '../nudges/nudgePorts.js';
import { type PersonNudgeState, planContactNudges, planPersonNudges } from '../nudges/nudgeRules.js';
import type { WakingHours } from '../nudges/wakingHours.js';
import type { Organization, Person } from '../people/peoplePorts.js';
import type { Repos } from '../store.js';
import { personZone } from '../timeZones.js';
import type { Contact } from './contactPorts.js';
import type { Meeting } from './meetingPorts.js';

export interface PlanningContext {
  repos: Repos;
  person: Person;
  org: Organization;
  now: Date;
}

export const PERSON_NUDGE_KINDS: readonly NudgeKind[] = ['weekly_pipeline', 'reflect'];

export function wakingHoursOf(person: Person, org: Organization): WakingHours {
  return {
    timezone: personZone(person, org.timezone),
    startMinute: person.wakeStartMinute,
    endMinute: person.wakeEndMinute,
  };
}

export function nudgeConfigOf(org: Organization): NudgeConfig {
  return resolveNudgeConfig(org.nudgeConfig);
}

const sentOf = (nudges: NudgeRecord[]) =>
  nudges
    // A follow-up dropped for a newer one while catching up counts as delivered: never re-planned.
    .filter((n) => n.status === 'sent' || wasSuperseded(n))
    .map((n) => ({ dedupeKey: n.dedupeKey, kind: n.kind, sentAt: n.sentAt ?? n.dueAt }));

export async function replanContact(ctx: PlanningContext, contact: Contact): Promise<void> {
  const { repos, person, org, now } = ctx;
  const [meeting, existing, referrer] = await Promise.all([
    repos.meetings.latestForContact(contact.id),
    repos.nudges.listForContact(contact.id),
    contact.referredById
      ? repos.contacts.getById(contact.ownerId, contact.referredById)
      : Promise.resolve(null),
  ]);
  const planned = planContactNudges(
    { contact, meeting, sent: sentOf(existing), referrer },
    wakingHoursOf(person, org),
    nudgeConfigOf(org),
    now,
  );
  const snoozedUntil = contact.snoozedUntil;
  const timed =
    snoozedUntil && snoozedUntil > now
      ? planned.map((n) => (n.dueAt < snoozedUntil ? { ...n, dueAt: snoozedUntil } : n))
      : planned;
  // Most re-plans (a setting that moves only some reminders, a note) leave a contact's reminders
  // as they are: then there is nothing to write.
  if (planInPlace(existing, timed)) return;
  await repos.nudges.replacePlanned({ orgId: org.id, personId: person.id, contactId: contact.id }, timed);
}

/** JSON with object keys sorted: a stored payload (jsonb reorders keys) compares equal to a planned one. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/**
 * Whether `replacePlanned(scope, planned)` over a scope holding `existing` would change nothing:
 * no pending reminder to cancel, and each planned one already stored as planned (pending with the
 * same due time, stage and payload; a due time chosen with a snooze button is kept anyway), or
 * already past re-planning (sending, sent, failed). A cancelled one would be revived: a change.
 */
export function planInPlace(existing: readonly NudgeRecord[], planned: readonly PlannedNudge[]): boolean {
  const plannedKeys = new Set(planned.map((n) => n.dedupeKey));
  if (existing.some((n) => n.status === 'pending' && !plannedKeys.has(n.dedupeKey))) return false;
  const byKey = new Map(existing.map((n) => [n.dedupeKey, n]));
  return planned.every((n) => {
    const row = byKey.get(n.dedupeKey);
    if (!row || row.status === 'cancelled') return false;
    if (row.status !== 'pending') return true;
    return (
      row.expectedStage === n.expectedStage &&
      (row.sentAt !== null || row.dueAt.getTime() === n.dueAt.getTime()) &&
      stableJson(row.payload) === stableJson(n.payload ?? {})
    );
  });
}

/** A meeting counts as held once the student marked it met or a mentor logged it. */
export function meetingsHeld(meetings: readonly Meeting[]): number {
  return meetings.filter((m) => m.heldAt !== null || m.loggedByMentor).length;
}

/**
 * The person-wide facts the weekly-pipeline and reflect rules read. One builder, so planning and
 * the worker's relevance check at delivery always agree; `contacts` may be passed when loaded.
 */
export function loadPersonNudgeState(
  repos: Repos,
  person: Person,
  contacts?: readonly Contact[],
): Promise<PersonNudgeState> {
  return personNudgeState(repos, person, contacts, repos.nudges.listForPerson(person.id, ['sent']));
}

/** The same, with the nudges its `sent` is taken from (only the person's own are read). */
async function personNudgeState(
  repos: Repos,
  person: Person,
  contacts: readonly Contact[] | undefined,
  nudges: Promise<NudgeRecord[]>,
): Promise<PersonNudgeState> {
  const [list, meetings, sent, firstOutreachAt] = await Promise.all([
    contacts ? Promise.resolve([...contacts]) : repos.contacts.listByOwner(person.id),
    repos.meetings.listForStudent(person.id),
    nudges,
    repos.timeline.firstEntryInto(person.id, 'reached_out'),
  ]);
  return {
    person,
    contacts: list,
    meetingsHeld: meetingsHeld(meetings),
    firstOutreachAt,
    sent: sentOf(sent.filter((n) => n.contactId === null)),
  };
}

export async function replanPerson(ctx: PlanningContext): Promise<void> {
  const { repos, person, org, now } = ctx;
  // The person's own reminders, whatever their status: their sent ones feed the rules, and the
  // whole set says whether the new plan changes anything.
  const existing = repos.nudges.listPersonLevel(person.id, PERSON_NUDGE_KINDS);
  const planned = planPersonNudges(
    await personNudgeState(repos, person, undefined, existing),
    wakingHoursOf(person, org),
    nudgeConfigOf(org),
    now,
  );
  // Most changes (a stage, a note) leave the weekly and reflect reminders as they are.
  if (planInPlace(await existing, planned)) return;
  await repos.nudges.replacePlanned(
    { orgId: org.id, personId: person.id, contactId: null, kinds: PERSON_NUDGE_KINDS },
    planned,
  );
}

/** After a time zone or quiet-hours change: every due time moves. */
export async function replanEverything(ctx: PlanningContext): Promise<void> {
  for (const contact of await ctx.repos.contacts.listByOwner(ctx.person.id)) {
    await replanContact(ctx, contact);
  }
  await replanPerson(ctx);
}
