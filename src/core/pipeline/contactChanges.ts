/**
 * The changes a contact goes through, shared by commands, buttons and the mentor log. Each one
 * writes the timeline, moves the nudge clock when it is an interaction, and re-plans nudges.
 */
import type { Stage } from '../domain.js';
import type { Contact, ContactPatch, MeetingSave, NewTimelineEvent } from './contactPorts.js';
import type { Meeting } from './meetingPorts.js';
import { type PlanningContext, type ReplanRepos, replan, replanContact } from './replan.js';

/** What a change reaches: the change in one statement, then re-planning. */
export type ContactChangeRepos = ReplanRepos | 'contactChanges';

export interface StageChange {
  to: Stage;
  /** When it happened (defaults to now): `reached jane on monday`. */
  at?: Date;
  /** What the person typed alongside (a channel, notes); kept on the timeline, never logged. */
  body?: string | null;
  /** Who made the change when it is not the owner (a mentor's log). */
  authorId?: string;
  /**
   * A note written with the change (`met jane <notes>`): the change already counts as the
   * interaction, now, so the note is only dated on the timeline, after the change.
   */
  note?: string;
  /** A meeting saved with the change (`scheduled`, `met`), in the same statement. */
  meeting?: MeetingSave;
}

/** Moves a contact to a stage (any stage) and counts it as an interaction. */
export async function changeStage(
  ctx: PlanningContext<ContactChangeRepos>,
  contact: Contact,
  change: StageChange,
): Promise<Contact> {
  return (await changeStageWithMeeting(ctx, contact, change)).contact;
}

/**
 * The same, returning the meeting saved with the change too. The contact, its timeline entries and
 * the meeting are written by one statement, and re-planning reads once and writes at most once.
 */
export async function changeStageWithMeeting(
  ctx: PlanningContext<ContactChangeRepos>,
  contact: Contact,
  change: StageChange,
): Promise<{ contact: Contact; meeting: Meeting | null }> {
  const at = change.at ?? ctx.now;
  // A move dated by the student ("reached 1 on Nov 28") starts the new stage's clock from that
  // day, even when the contact was only added today; an undated one never moves it backwards.
  const backdated = change.at !== undefined && contact.stage !== change.to;
  const patch: ContactPatch = { lastActivityAt: backdated ? at : maxDate(contact.lastActivityAt, at) };
  if (contact.stage !== change.to) {
    patch.stage = change.to;
    patch.stageChangedAt = at;
  }
  const entries: NewTimelineEvent[] = [
    {
      orgId: contact.orgId,
      contactId: contact.id,
      authorId: change.authorId ?? ctx.person.id,
      kind: contact.stage === change.to ? 'interaction' : 'stage',
      fromStage: contact.stage,
      toStage: change.to,
      body: change.body ?? null,
      occurredAt: at,
    },
  ];
  if (change.note) entries.push(entryOf(ctx, contact, 'note', change.note, ctx.now));
  const saved = await ctx.repos.contactChanges.apply({
    ownerId: contact.ownerId,
    contactId: contact.id,
    patch,
    entries,
    ...(change.meeting ? { meeting: change.meeting } : {}),
  });
  await replan(ctx, [saved.contact], { person: true });
  return saved;
}

/** A logged interaction or note: dated on the timeline, and the nudge clock restarts. */
export async function logInteraction(
  ctx: PlanningContext<ContactChangeRepos>,
  contact: Contact,
  entry: { kind: 'note' | 'interaction' | 'referral'; body: string | null; at?: Date },
): Promise<Contact> {
  const at = entry.at ?? ctx.now;
  const event = entryOf(ctx, contact, entry.kind, entry.body, at);
  const { contact: updated } = await ctx.repos.contactChanges.apply({
    ownerId: contact.ownerId,
    contactId: contact.id,
    patch: { lastActivityAt: maxDate(contact.lastActivityAt, at) },
    entries: [event],
  });
  await replanContact(ctx, updated);
  return updated;
}

/**
 * Preparing questions or snoozing: dated on the timeline only. It is not contact with the person,
 * so the nudge clock stays and nothing is re-planned here.
 */
export async function logPreparation(
  ctx: PlanningContext<'timeline'>,
  contact: Contact,
  entry: { kind: 'question' | 'snooze'; body: string },
): Promise<void> {
  await ctx.repos.timeline.add(entryOf(ctx, contact, entry.kind, entry.body, ctx.now));
}

function entryOf(
  ctx: PlanningContext<never>,
  contact: Contact,
  kind: 'note' | 'interaction' | 'referral' | 'question' | 'snooze',
  body: string | null,
  at: Date,
): NewTimelineEvent {
  return {
    orgId: contact.orgId,
    contactId: contact.id,
    authorId: ctx.person.id,
    kind,
    fromStage: null,
    toStage: null,
    body,
    occurredAt: at,
  };
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
