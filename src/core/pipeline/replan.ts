/**
 * Keeps a contact's (and a person's) pending nudges equal to what the rules say now. Called in the
 * same transaction as every change, so a nudge that became obsolete is cancelled with the change.
 */

import type { NudgeKind } from '../domain.js';
import { wasSuperseded } from '../nudges/catchUp.js';
import { type NudgeConfig, resolveNudgeConfig } from '../nudges/nudgeConfig.js';
import type { NudgeRecord, NudgeScope, PlannedNudge } from '../nudges/nudgePorts.js';
import { type PersonNudgeState, planContactNudges, planPersonNudges } from '../nudges/nudgeRules.js';
import type { WakingHours } from '../nudges/wakingHours.js';
import type { Organization, Person } from '../people/peoplePorts.js';
import type { Repos } from '../store.js';
import { personZone } from '../timeZones.js';
import type { Contact } from './contactPorts.js';
import type { Meeting } from './meetingPorts.js';

/** What re-planning reaches: the facts in one read, the contact list, the write of the plan. */
export type ReplanRepos = 'planning' | 'contacts' | 'nudges';

/**
 * A person's unit of work: whose reminders are planned, and the repositories a step reaches (`K`,
 * by default re-planning's own). A command's context is one, holding at least those.
 */
export interface PlanningContext<K extends keyof Repos = ReplanRepos> {
  repos: Pick<Repos, K>;
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

/**
 * Keeps the pending nudges of these contacts (of the context's person) and, with `person`, the
 * person's own reminders equal to what the rules say now: one read for all of them, and one write
 * for those whose plan changed. Most re-plans (a setting that moves only some reminders, a note)
 * leave reminders as they are: then there is nothing to write.
 */
export async function replan(
  ctx: PlanningContext,
  contacts: readonly Contact[],
  options: { person: boolean },
): Promise<void> {
  const { repos, person, org, now } = ctx;
  const facts = await repos.planning.factsFor(
    person.id,
    contacts,
    options.person ? PERSON_NUDGE_KINDS : null,
  );
  const hours = wakingHoursOf(person, org);
  const config = nudgeConfigOf(org);
  const plans: { scope: NudgeScope; planned: PlannedNudge[] }[] = [];
  for (const contact of contacts) {
    const known = facts.contacts.get(contact.id);
    const existing = known?.nudges ?? [];
    const planned = planContactNudges(
      { contact, meeting: known?.meeting ?? null, sent: sentOf(existing), referrer: known?.referrer ?? null },
      hours,
      config,
      now,
    );
    const snoozedUntil = contact.snoozedUntil;
    const timed =
      snoozedUntil && snoozedUntil > now
        ? planned.map((n) => (n.dueAt < snoozedUntil ? { ...n, dueAt: snoozedUntil } : n))
        : planned;
    if (!planInPlace(existing, timed))
      plans.push({ scope: { personId: person.id, contactId: contact.id }, planned: timed });
  }
  if (facts.person) {
    // The person's own reminders, whatever their status: their sent ones feed the rules, and the
    // whole set says whether the new plan changes anything.
    const existing = facts.person.nudges;
    const planned = planPersonNudges(
      {
        person,
        contacts: await repos.contacts.listByOwner(person.id),
        meetingsHeld: facts.person.meetingsHeld,
        firstOutreachAt: facts.person.firstOutreachAt,
        sent: sentOf(existing.filter((n) => n.contactId === null)),
      },
      hours,
      config,
      now,
    );
    if (!planInPlace(existing, planned))
      plans.push({ scope: { personId: person.id, contactId: null, kinds: PERSON_NUDGE_KINDS }, planned });
  }
  if (plans.length) await repos.nudges.replacePlannedAll(org.id, plans);
}

/** One contact's nudges. */
export function replanContact(ctx: PlanningContext, contact: Contact): Promise<void> {
  return replan(ctx, [contact], { person: false });
}

/** JSON with object keys sorted: a stored payload (jsonb reorders keys) compares equal to a planned one. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/**
 * Whether re-planning a scope holding `existing` as `planned` (`replacePlannedAll`) would change nothing:
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

/** What the person-wide facts are read from. */
type PersonStateRepos = 'contacts' | 'meetings' | 'nudges' | 'timeline';

/**
 * The person-wide facts the weekly-pipeline and reflect rules read. One builder, so planning and
 * the worker's relevance check at delivery always agree; `contacts` may be passed when loaded.
 */
export function loadPersonNudgeState(
  repos: Pick<Repos, PersonStateRepos>,
  person: Person,
  contacts?: readonly Contact[],
): Promise<PersonNudgeState> {
  return personNudgeState(repos, person, contacts, repos.nudges.listForPerson(person.id, ['sent']));
}

/** The same, with the nudges its `sent` is taken from (only the person's own are read). */
async function personNudgeState(
  repos: Pick<Repos, PersonStateRepos>,
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

/** The person's own reminders (weekly pipeline, reflect). */
export function replanPerson(ctx: PlanningContext): Promise<void> {
  return replan(ctx, [], { person: true });
}

/** After a time zone or quiet-hours change: every due time moves. */
export async function replanEverything(ctx: PlanningContext): Promise<void> {
  await replan(ctx, await ctx.repos.contacts.listByOwner(ctx.person.id), { person: true });
}
