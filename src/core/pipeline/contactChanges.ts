/**
 * The changes a contact goes through, shared by commands, buttons and the mentor log. Each one
 * writes the timeline, moves the nudge clock when it is an interaction, and re-plans nudges.
 */
import type { Stage } from '../domain.js';
import type { Contact, ContactPatch } from './contactPorts.js';
import { type PlanningContext, replanContact, replanPerson } from './replan.js';

export interface StageChange {
  to: Stage;
  /** When it happened (defaults to now): `reached jane on monday`. */
  at?: Date;
  /** What the person typed alongside (a channel, notes); kept on the timeline, never logged. */
  body?: string | null;
  /** Who made the change when it is not the owner (a mentor's log). */
  authorId?: string;
}

/** Moves a contact to a stage (any stage) and counts it as an interaction. */
export async function changeStage(
  ctx: PlanningContext,
  contact: Contact,
  change: StageChange,
): Promise<Contact> {
  const at = change.at ?? ctx.now;
  // A move dated by the student ("reached 1 on Nov 28") starts the new stage's clock from that
  // day, even when the contact was only added today; an undated one never moves it backwards.
  const backdated = change.at !== undefined && contact.stage !== change.to;
  const patch: ContactPatch = { lastActivityAt: backdated ? at : maxDate(contact.lastActivityAt, at) };
  if (contact.stage !== change.to) {
    patch.stage = change.to;
    patch.stageChangedAt = at;
  }
  const updated = await ctx.repos.contacts.update(contact.ownerId, contact.id, patch);
  await ctx.repos.timeline.add({
    orgId: contact.orgId,
    contactId: contact.id,
    authorId: change.authorId ?? ctx.person.id,
    kind: contact.stage === change.to ? 'interaction' : 'stage',
    fromStage: contact.stage,
    toStage: change.to,
    body: change.body ?? null,
    occurredAt: at,
  });
  await replanContact(ctx, updated);
  await replanPerson(ctx);
  return updated;
}

/** A logged interaction or note: dated on the timeline, and the nudge clock restarts. */
export async function logInteraction(
  ctx: PlanningContext,
  contact: Contact,
  entry: {
    kind: 'note' | 'interaction' | 'referral' | 'question' | 'snooze';
    body: string | null;
    at?: Date;
  },
): Promise<Contact> {
  const at = entry.at ?? ctx.now;
  await addEntry(ctx, contact, entry.kind, entry.body, at);
  // Preparing questions or snoozing is not contact with the person: the clock stays.
  if (entry.kind === 'question' || entry.kind === 'snooze') return contact;
  const updated = await ctx.repos.contacts.update(contact.ownerId, contact.id, {
    lastActivityAt: maxDate(contact.lastActivityAt, at),
  });
  await replanContact(ctx, updated);
  return updated;
}

/**
 * A note written with a change this command has just made (`met jane <notes>`): that change
 * already counted as the interaction, now, and re-planned, so the note is only dated on the
 * timeline (what logInteraction would add, without its no-op update and re-plan).
 */
export async function noteWithChange(ctx: PlanningContext, changed: Contact, body: string): Promise<void> {
  await addEntry(ctx, changed, 'note', body, ctx.now);
}

async function addEntry(
  ctx: PlanningContext,
  contact: Contact,
  kind: 'note' | 'interaction' | 'referral' | 'question' | 'snooze',
  body: string | null,
  at: Date,
): Promise<void> {
  await ctx.repos.timeline.add({
    orgId: contact.orgId,
    contactId: contact.id,
    authorId: ctx.person.id,
    kind,
    fromStage: null,
    toStage: null,
    body,
    occurredAt: at,
  });
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
