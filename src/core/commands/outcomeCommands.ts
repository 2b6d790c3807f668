/**
 * What came of a student's conversations: `outcome` rates one conversation and says what it
 * changed; `decide` answers the reflect-and-decide nudge. Both are kept on the student's record,
 * counted (never quoted) for their coordinators, exported and removed by forget-me.
 */
import type { Command, CommandContext } from '../command.js';
import { parseDecide, parseOutcome } from '../grammar/outcomeGrammars.js';
import type { Contact } from '../pipeline/contactPorts.js';
import {
  DECISIONS,
  type Decision,
  EFFECTS,
  type Effect,
  RATINGS,
  type Rating,
} from '../pipeline/outcomePorts.js';
import { type ActionId, type Block, code, type Line, type Reply, user } from '../reply.js';
import { fail, ok } from '../result.js';
import { resolveContact, text } from './args.js';
import { defineCommand, EVERYONE } from './define.js';

const OUTCOME_USAGE = 'outcome <contact> <useful|somewhat|not> [confirmed|new direction|ruled out|unsure]';
const DECIDE_USAGE = 'decide <keep exploring|focus|change>';

/**
 * Keeps the outcome of a conversation with one of the student's own contacts: what `outcome` and
 * the debrief reminder's buttons both do.
 */
export async function recordOutcome(
  ctx: CommandContext<'outcomes'>,
  contact: Contact,
  rating: Rating,
  effect: Effect | null,
): Promise<Reply> {
  await ctx.repos.outcomes.rate(ctx.org.id, ctx.person.id, {
    contactId: contact.id,
    rating,
    effect,
    ratedAt: ctx.now,
  });
  return { blocks: outcomeBlocks(contact, rating, effect) };
}

/** The buttons that say what a rated conversation changed, each carrying the contact's id. */
export const EFFECT_ACTIONS: Record<Effect, { id: ActionId; label: string }> = {
  confirmed: { id: 'outcome_confirmed', label: 'Confirmed my direction' },
  'new direction': { id: 'outcome_new_direction', label: 'Opened a new direction' },
  'ruled out': { id: 'outcome_ruled_out', label: 'Ruled something out' },
  unsure: { id: 'outcome_unsure', label: 'Not sure yet' },
};

/** "Noted", and, while the effect is unsaid, the question with its buttons and its command. */
function outcomeBlocks(contact: Contact, rating: Rating, effect: Effect | null): Block[] {
  const noted: Line = [
    'Noted: your conversation with ',
    user(contact.name),
    ` was ${rating === 'not' ? 'not useful' : rating}`,
    effect ? ` (${effect}).` : '.',
  ];
  if (effect) return [{ type: 'text', lines: [noted] }];
  return [
    {
      type: 'text',
      lines: [
        noted,
        [
          'What did it change for you? Tap one, or say it with ',
          code(`outcome ${contact.number} ${rating} <confirmed|new direction|ruled out|unsure>`),
          '.',
        ],
      ],
    },
    {
      type: 'actions',
      actions: EFFECTS.map((e) => ({ ...EFFECT_ACTIONS[e], value: contact.id })),
    },
  ];
}

/** The step after a rating: what it changed, added to the rating already kept. */
export async function recordEffect(
  ctx: CommandContext<'outcomes'>,
  contact: Contact,
  effect: Effect,
): Promise<Reply | null> {
  const outcome = await ctx.repos.outcomes.setEffect(ctx.person.id, contact.id, effect);
  return outcome ? { blocks: outcomeBlocks(contact, outcome.rating, effect) } : null;
}

/** Keeps the student's decision: what `decide` and the reflect reminder's buttons both do. */
export async function recordDecision(ctx: CommandContext<'outcomes'>, decision: Decision): Promise<Reply> {
  await ctx.repos.outcomes.decide(ctx.org.id, ctx.person.id, decision, ctx.now);
  return {
    blocks: [{ type: 'text', lines: [[`Kept on your record: ${decision}. You can decide again any time.`]] }],
  };
}

const choices = (list: readonly string[]) => list.map((v) => ({ name: v, value: v }));

const outcomeCommand = defineCommand({
  name: 'outcome',
  roles: EVERYONE,
  audience: 'student',
  summary: 'What a conversation was worth, and what it changed for you',
  usage: OUTCOME_USAGE,
  examples: ['outcome jane useful new direction', 'outcome 2 somewhat confirmed'],
  options: [
    {
      name: 'contact',
      type: 'string',
      description: 'Who you talked with',
      required: true,
      autocomplete: 'contact',
    },
    {
      name: 'rating',
      type: 'string',
      description: 'How useful it was',
      required: true,
      choices: choices(RATINGS),
    },
    { name: 'effect', type: 'string', description: 'What it changed', choices: choices(EFFECTS) },
  ],
  parse: parseOutcome,
  uses: ['contacts', 'outcomes'],
  async run(ctx, args) {
    const rating = text(args, 'rating')?.toLowerCase();
    const effect = text(args, 'effect')?.toLowerCase();
    if (!rating || !(RATINGS as readonly string[]).includes(rating)) {
      return fail('invalid_value', 'Rate the conversation useful, somewhat or not.', {
        usage: OUTCOME_USAGE,
      });
    }
    if (effect && !(EFFECTS as readonly string[]).includes(effect)) {
      return fail(
        'invalid_value',
        'What it changed is one of: confirmed, new direction, ruled out or unsure.',
        {
          usage: OUTCOME_USAGE,
        },
      );
    }
    const contact = await resolveContact(ctx, args, OUTCOME_USAGE);
    if (!contact.ok) return contact;
    return ok(
      await recordOutcome(ctx, contact.value, rating as Rating, (effect as Effect | undefined) ?? null),
    );
  },
});

const decideCommand = defineCommand({
  name: 'decide',
  roles: EVERYONE,
  audience: 'student',
  summary: 'After some conversations: keep exploring, focus on this field, or change direction',
  usage: DECIDE_USAGE,
  examples: ['decide focus', 'decide keep exploring'],
  options: [
    {
      name: 'decision',
      type: 'string',
      description: 'Your decision',
      required: true,
      choices: choices(DECISIONS),
    },
  ],
  parse: parseDecide,
  uses: ['outcomes'],
  async run(ctx, args) {
    const decision = text(args, 'decision')?.toLowerCase();
    if (!decision || !(DECISIONS as readonly string[]).includes(decision)) {
      return fail('invalid_value', 'Decide one of: keep exploring, focus or change.', {
        usage: DECIDE_USAGE,
      });
    }
    return ok(await recordDecision(ctx, decision as Decision));
  },
});

export const OUTCOME_COMMANDS: readonly Command[] = [outcomeCommand, decideCommand];
