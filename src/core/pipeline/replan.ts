/**
 * Keeps a contact's (and a person's) pending nudges equal to what the rules say now. Called in the
 * same transaction as every change, so a nudge that became obsolete is cancelled with the change.
 */
import type { NudgeKind } from '../domain.js';
import { type NudgeConfig, resolveNudgeConfig } from '../nudges/nudgeConfig.js';
import { type PersonNudgeState, planContactNudges, planPersonNudges } from '../nudges/nudgeRules.js';
import type { WakingHours } from '../nudges/wakingHours.js';
import type { Contact, Meeting, NudgeRecord, Organization, Person, Repos } from '../ports.js';

export interface PlanningContext {
  repos: Repos;
  person: Person;
  org: Organization;
  now: Date;
}

export const PERSON_NUDGE_KINDS: readonly NudgeKind[] = ['weekly_pipeline', 'reflect'];

export function wakingHoursOf(person: Person, org: Organization): WakingHours {
  return {
    timezone: person.timezone ?? org.timezone,
    startMinute: person.wakeStartMinute,
    endMinute: person.wakeEndMinute,
  };
}

export function nudgeConfigOf(org: Organization): NudgeConfig {
  return resolveNudgeConfig(org.nudgeConfig);
}

const sentOf = (nudges: NudgeRecord[]) =>
  nudges
    .filter((n) => n.status === 'sent')
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
  await repos.nudges.replacePlanned({ orgId: org.id, personId: person.id, contactId: contact.id }, timed);
}

/** A meeting counts as held once the student marked it met or a mentor logged it. */
export function meetingsHeld(meetings: readonly Meeting[]): number {
  return meetings.filter((m) => m.heldAt !== null || m.loggedByMentor).length;
}

/**
 * The person-wide facts the weekly-pipeline and reflect rules read. One builder, so planning and
 * the worker's relevance check at delivery always agree; `contacts` may be passed when loaded.
 */
export async function loadPersonNudgeState(
  repos: Repos,
  person: Person,
  contacts?: readonly Contact[],
): Promise<PersonNudgeState> {
  const [list, meetings, sent, firstOutreachAt] = await Promise.all([
    contacts ? Promise.resolve([...contacts]) : repos.contacts.listByOwner(person.id),
    repos.meetings.listForStudent(person.id),
    repos.nudges.listForPerson(person.id, ['sent']),
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
  const planned = planPersonNudges(
    await loadPersonNudgeState(repos, person),
    wakingHoursOf(person, org),
    nudgeConfigOf(org),
    now,
  );
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
