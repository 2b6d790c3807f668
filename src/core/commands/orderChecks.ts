/**
 * Commands in an order that suggests a slip: thanking someone never met, marking met a meeting
 * still to come, a thank-you drafted before the meeting, a snooze that would push the preparation
 * reminder past the meeting, a follow-up drafted after thanking. Each gets a one-line check with
 * buttons (commands/confirmations.ts) instead of silent acceptance; a button runs it anyway.
 */
import type { CommandContext } from '../command.js';
import type { Contact } from '../pipeline/contactPorts.js';
import type { Meeting } from '../pipeline/meetingPorts.js';
import { type Line, type Reply, user } from '../reply.js';
import { formatDateTime } from '../views/format.js';
import { askFirst, confirmValue } from './confirmations.js';

const AFTER_MEETING = ['met', 'thanked', 'keeping_in_touch'];
/** A meeting counts as still to come when it starts more than this from now. */
const STILL_TO_COME_MS = 60 * 60 * 1000;

const nameOf = (contact: Contact): Line[number] => user(contact.name.split(/\s+/u)[0] ?? contact.name);

/** The contact's meeting when it is planned and still to come. */
async function upcoming(ctx: CommandContext<'meetings'>, contact: Contact): Promise<Meeting | null> {
  const meeting = await ctx.repos.meetings.latestForContact(contact.id);
  if (!meeting || meeting.heldAt || meeting.cancelledAt) return null;
  return meeting.startsAt.getTime() - ctx.now.getTime() > STILL_TO_COME_MS ? meeting : null;
}

const when = (ctx: CommandContext<never>, meeting: Meeting): string =>
  formatDateTime(meeting.startsAt, ctx.actor.timezone);

/** `thanked` a contact with no meeting held: met first, or thanked anyway. */
export async function checkThanked(ctx: CommandContext<'meetings'>, contact: Contact): Promise<Reply | null> {
  if (AFTER_MEETING.includes(contact.stage)) return null;
  const held = await ctx.repos.meetings.latestForContact(contact.id);
  if (held?.heldAt) return null;
  return askFirst(
    ["You haven't marked a meeting with ", nameOf(contact), ' yet: mark it met first, or thanked anyway?'],
    [
      { label: 'Mark it met', value: confirmValue('met', contact), style: 'primary' },
      { label: 'Thanked anyway', value: confirmValue('thanked', contact) },
    ],
  );
}

/** `met` while the meeting is still to come. */
export async function checkMet(ctx: CommandContext<'meetings'>, contact: Contact): Promise<Reply | null> {
  const meeting = await upcoming(ctx, contact);
  if (!meeting) return null;
  return askFirst(
    [
      'Your meeting with ',
      nameOf(contact),
      ` is on ${when(ctx, meeting)}, still to come. Mark it met anyway?`,
    ],
    [{ label: 'Met anyway', value: confirmValue('met', contact) }],
  );
}

/** `draft thanks` before the meeting, `draft followup` after thanking. */
export async function checkDraft(
  ctx: CommandContext<'meetings'>,
  contact: Contact,
  kind: string,
): Promise<Reply | null> {
  if (kind === 'thanks') {
    const meeting = await upcoming(ctx, contact);
    if (!meeting) return null;
    return askFirst(
      [
        'Your meeting with ',
        nameOf(contact),
        ` is on ${when(ctx, meeting)}: a thank-you comes after it. Draft it anyway?`,
      ],
      [{ label: 'Draft it anyway', value: confirmValue('draft', contact, ['thanks']) }],
    );
  }
  if (kind === 'followup' && ['thanked', 'keeping_in_touch'].includes(contact.stage)) {
    return askFirst(
      [
        'You already thanked ',
        nameOf(contact),
        ': a follow-up is for someone who has not answered yet. Draft it anyway?',
      ],
      [{ label: 'Draft it anyway', value: confirmValue('draft', contact, ['followup']) }],
    );
  }
  return null;
}

/** A snooze that would push the preparation reminder past the start of the meeting. */
export async function checkSnooze(
  ctx: CommandContext<'meetings'>,
  contact: Contact,
  until: Date,
  duration: string,
): Promise<Reply | null> {
  const meeting = await upcoming(ctx, contact);
  if (!meeting || until < meeting.startsAt) return null;
  return askFirst(
    [
      'That would move your preparation reminder past your meeting with ',
      nameOf(contact),
      ` on ${when(ctx, meeting)}. Snooze anyway?`,
    ],
    [{ label: 'Snooze anyway', value: confirmValue('snooze', contact, [duration.slice(0, 30)]) }],
  );
}
