/**
 * Button clicks: Done, Snooze 2 days, Snooze 1 week, Show contact on nudges, and the answers on the
 * debrief (a rating) and reflect (a decision) reminders; advance, snooze and
 * note on contact cards; the forget-me confirmation. Each acts only on the clicker's own rows.
 */
import type { Command, CommandContext } from './command.js';
import { runCommand } from './commandRepos.js';
import { CONFIRMED, CONFIRMED_ARG, parseConfirmValue } from './commands/confirmations.js';
import { confirmedArgs } from './commands/confirmedArgs.js';
import { parsePick } from './commands/contactPicks.js';
import { showCard } from './commands/listCommands.js';
import { EFFECT_ACTIONS, recordDecision, recordEffect, recordOutcome } from './commands/outcomeCommands.js';
import type { Stage } from './domain.js';
import { isUuid } from './ids.js';
import { NUDGE_LABELS } from './nudges/nudgeMessages.js';
import type { RowOwner } from './people/peoplePorts.js';
import { changeStage, logInteraction } from './pipeline/contactChanges.js';
import { type Decision, EFFECTS, type Rating } from './pipeline/outcomePorts.js';
import { nextStage } from './pipeline/stageMachine.js';
import { type ActionId, code, type Reply } from './reply.js';
import { fail, ok, type Result } from './result.js';
import type { Repos } from './store.js';
import { contactLabel } from './views/contactViews.js';
import { formatDateTime } from './views/format.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Buttons that open a command's form on platforms that have forms, with the button's value
 * filling one option (the card's "Add note" opens the note form for that contact). Elsewhere the
 * click runs `runAction` as usual.
 */
export const ACTION_FORMS: Partial<Record<ActionId, { command: string; option: string }>> = {
  contact_note: { command: 'note', option: 'contact' },
};

/** Which command moves a contact into a stage when the card's advance button is clicked. */
const ADVANCE_COMMAND: Partial<Record<Stage, string>> = {
  reached_out: 'reached',
  met: 'met',
  thanked: 'thanked',
};

function say(...text: string[]): Result<Reply> {
  return ok({ blocks: [{ type: 'text', lines: text.map((t) => [t]) }] });
}

/** Button values come back from the platform as typed by no one, but they can be stale or forged. */

async function ownContact(ctx: CommandContext, id: string) {
  if (!isUuid(id)) return fail('not_found', 'That contact is not on your list any more.');
  const contact = await ctx.repos.contacts.getById(ctx.person.id, id);
  return contact ? ok(contact) : fail('not_found', 'That contact is not on your list any more.');
}

/**
 * Whose row a button refers to (a reminder, a contact), as the database has it: for a click that
 * arrives outside any space (a DM on Discord), the one trustworthy way to the organization and the
 * person. Null when the value is no id, the row is gone, or the button refers to no row (the
 * forget-me confirmation carries a code, and never sits in a DM).
 */
export async function buttonOwner(repos: Repos, action: ActionId, value: string): Promise<RowOwner | null> {
  if (!isUuid(value) && action !== 'confirm_command' && action !== 'pick_contact') return null;
  switch (action) {
    case 'nudge_done':
    case 'nudge_snooze_2d':
    case 'nudge_snooze_1w':
    case 'nudge_outcome_useful':
    case 'nudge_outcome_somewhat':
    case 'nudge_outcome_not':
    case 'nudge_decide_keep':
    case 'nudge_decide_focus':
    case 'nudge_decide_change':
      return repos.nudges.ownerOf(value);
    case 'contact_show':
    case 'contact_advance':
    case 'contact_snooze':
    case 'contact_note':
    case 'outcome_confirmed':
    case 'outcome_new_direction':
    case 'outcome_ruled_out':
    case 'outcome_unsure':
      return repos.contacts.ownerOf(value);
    case 'forget_confirm':
      return null;
    case 'pick_contact': {
      const pick = parsePick(value);
      return pick && isUuid(pick.contactId) ? repos.contacts.ownerOf(pick.contactId) : null;
    }
    case 'confirm_command': {
      const request = parseConfirmValue(value);
      return request && isUuid(request.contactId) ? repos.contacts.ownerOf(request.contactId) : null;
    }
  }
}

export async function runAction(
  ctx: CommandContext,
  commands: Map<string, Command>,
  action: ActionId,
  value: string,
): Promise<Result<Reply>> {
  const run = (name: string, args: Record<string, string>) => runCommand(commands.get(name)!, ctx, args);
  switch (action) {
    case 'contact_show': {
      const contact = await ownContact(ctx, value);
      return contact.ok ? ok(await showCard(ctx, contact.value)) : contact;
    }
    case 'contact_advance': {
      const contact = await ownContact(ctx, value);
      if (!contact.ok) return contact;
      const next = nextStage(contact.value.stage);
      if (!next) return say('This contact is at the end of the path already.');
      if (next === 'scheduled') {
        return ok({
          blocks: [
            { type: 'text', lines: [['Tell me when: ', code(`scheduled #${contact.value.number} <when>`)]] },
          ],
        });
      }
      const name = ADVANCE_COMMAND[next];
      return name ? run(name, { contact: value }) : run('move', { contact: value, stage: next });
    }
    case 'contact_snooze':
      return run('snooze', { contact: value, duration: '2 days' });
    case 'contact_note': {
      const contact = await ownContact(ctx, value);
      if (!contact.ok) return contact;
      return ok({
        blocks: [
          { type: 'text', lines: [['Add a note with ', code(`note #${contact.value.number} <text>`)]] },
        ],
      });
    }
    case 'forget_confirm':
      return run('forget-me', { code: value });
    case 'confirm_command':
      return runConfirmed(ctx, commands, value);
    case 'pick_contact':
      return runPicked(ctx, commands, value);
    case 'nudge_done':
    case 'nudge_snooze_2d':
    case 'nudge_snooze_1w':
      return nudgeAction(ctx, action, value);
    case 'nudge_outcome_useful':
    case 'nudge_outcome_somewhat':
    case 'nudge_outcome_not':
    case 'nudge_decide_keep':
    case 'nudge_decide_focus':
    case 'nudge_decide_change':
      return answerAction(ctx, action, value);
    case 'outcome_confirmed':
    case 'outcome_new_direction':
    case 'outcome_ruled_out':
    case 'outcome_unsure':
      return effectAction(ctx, action, value);
  }
}

/** What a rated conversation changed, from the buttons under the rating's answer. */
async function effectAction(
  ctx: CommandContext,
  action: ActionId,
  contactId: string,
): Promise<Result<Reply>> {
  const effect = EFFECTS.find((e) => EFFECT_ACTIONS[e].id === action);
  const contact = await ownContact(ctx, contactId);
  if (!contact.ok || !effect) return contact.ok ? fail('not_found', 'That button has expired.') : contact;
  const reply = await recordEffect(ctx, contact.value, effect);
  return reply
    ? ok(reply)
    : fail('not_found', 'Rate the conversation first, then say what it changed.', {
        usage: `outcome ${contact.value.number} <useful|somewhat|not> ${effect}`,
      });
}

/** What each answer button on a reminder records. */
const ANSWERS: Partial<
  Record<ActionId, { kind: 'debrief'; rating: Rating } | { kind: 'reflect'; decision: Decision }>
> = {
  nudge_outcome_useful: { kind: 'debrief', rating: 'useful' },
  nudge_outcome_somewhat: { kind: 'debrief', rating: 'somewhat' },
  nudge_outcome_not: { kind: 'debrief', rating: 'not' },
  nudge_decide_keep: { kind: 'reflect', decision: 'keep exploring' },
  nudge_decide_focus: { kind: 'reflect', decision: 'focus' },
  nudge_decide_change: { kind: 'reflect', decision: 'change' },
};

/**
 * A rating on the debrief reminder or a decision on the reflect reminder: the reminder, as stored,
 * says whose it is and which contact it is about; the button only says which answer.
 */
async function answerAction(ctx: CommandContext, action: ActionId, nudgeId: string): Promise<Result<Reply>> {
  const answer = ANSWERS[action];
  const nudge = isUuid(nudgeId) ? await ctx.repos.nudges.getById(ctx.org.id, nudgeId) : null;
  if (!answer || !nudge || nudge.personId !== ctx.person.id || nudge.kind !== answer.kind)
    return fail('not_found', 'That reminder is gone; type the command instead.');
  if (answer.kind === 'reflect') return ok(await recordDecision(ctx, answer.decision));
  const contact = nudge.contactId ? await ctx.repos.contacts.getById(ctx.person.id, nudge.contactId) : null;
  if (!contact) return fail('not_found', 'That contact is not on your list any more.');
  return ok(await recordOutcome(ctx, contact, answer.rating, null));
}

async function nudgeAction(ctx: CommandContext, action: ActionId, nudgeId: string): Promise<Result<Reply>> {
  const nudge = isUuid(nudgeId) ? await ctx.repos.nudges.getById(ctx.org.id, nudgeId) : null;
  if (!nudge || nudge.personId !== ctx.person.id)
    return fail('not_found', 'That reminder is gone; nothing to do.');
  const label = NUDGE_LABELS[nudge.kind];
  if (action !== 'nudge_done') {
    const dueAt = new Date(ctx.now.getTime() + (action === 'nudge_snooze_2d' ? 2 : 7) * DAY_MS);
    await ctx.repos.nudges.reschedule(nudge.id, dueAt);
    return say(`${label}: snoozed until ${formatDateTime(dueAt, ctx.actor.timezone)}.`);
  }
  const contact = nudge.contactId ? await ctx.repos.contacts.getById(ctx.person.id, nudge.contactId) : null;
  if (contact) {
    // Done means the student did what the reminder asked: record it where it belongs.
    if (nudge.kind === 'thank_you' && contact.stage === 'met') {
      await changeStage(ctx, contact, { to: 'thanked' });
    } else if (nudge.kind === 'keep_in_touch' && contact.stage === 'thanked') {
      await changeStage(ctx, contact, { to: 'keeping_in_touch' });
    } else if (nudge.kind === 'follow_up' || nudge.kind === 'second_conversation') {
      await logInteraction(ctx, contact, { kind: 'interaction', body: label });
    }
    const fresh = (await ctx.repos.contacts.getById(ctx.person.id, contact.id)) ?? contact;
    return ok({
      blocks: [{ type: 'text', lines: [[`${label}: done. `, ...contactLabel(fresh), ' is up to date.']] }],
    });
  }
  return say(`${label}: done.`);
}

/** A confirmation button: the command it names, run again on the clicker's own contact, confirmed. */
async function runConfirmed(
  ctx: CommandContext,
  commands: Map<string, Command>,
  value: string,
): Promise<Result<Reply>> {
  const request = parseConfirmValue(value);
  const args = request ? confirmedArgs(request) : null;
  const command = request ? commands.get(request.command) : undefined;
  if (!request || !args || !command)
    return fail('not_found', 'That question has expired; type the command again.');
  if (!command.roles.includes(ctx.actor.role)) return fail('forbidden', 'You cannot use that command.');
  const contact = await ownContact(ctx, request.contactId);
  if (!contact.ok) return contact;
  return runCommand(command, ctx, { ...args, contact: contact.value.id, [CONFIRMED_ARG]: CONFIRMED });
}

/** A contact picked from a pick-list: the same command, run on that contact as typed. */
async function runPicked(
  ctx: CommandContext,
  commands: Map<string, Command>,
  value: string,
): Promise<Result<Reply>> {
  const pick = parsePick(value);
  const command = pick ? commands.get(pick.command) : undefined;
  if (!pick || !command) return fail('not_found', 'That list has expired; type the command again.');
  if (!command.roles.includes(ctx.actor.role)) return fail('forbidden', 'You cannot use that command.');
  const contact = await ownContact(ctx, pick.contactId);
  if (!contact.ok) return contact;
  return runCommand(command, ctx, { ...pick.args, contact: contact.value.id });
}
