/**
 * `outcome <contact> <useful|somewhat|not> [confirmed|new direction|ruled out|unsure]` and
 * `decide <keep exploring|focus|change>`: the words are read from the end, so a contact's name
 * may be several words.
 */
import type { RawArgs } from '../command.js';
import { DECISIONS, EFFECTS, RATINGS } from '../pipeline/outcomePorts.js';
import { fail, type Result } from '../result.js';
import { finish, textOf, usage } from './rawArgs.js';
import { tokenize } from './tokenize.js';

const lower = (words: readonly { value: string }[]) => words.map((w) => w.value.toLowerCase()).join(' ');

export function parseOutcome(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  let words = tokens.value;
  let effect: string | undefined;
  for (const size of [2, 1]) {
    const tail = lower(words.slice(-size));
    if (words.length > size && (EFFECTS as readonly string[]).includes(tail)) {
      effect = tail;
      words = words.slice(0, -size);
      break;
    }
  }
  const rating = words.at(-1)?.value.toLowerCase();
  if (!rating || !(RATINGS as readonly string[]).includes(rating)) {
    return fail(
      'invalid_value',
      'Rate the conversation useful, somewhat or not, like: outcome jane useful new direction.',
    );
  }
  const contact = textOf(words.slice(0, -1));
  if (contact === undefined)
    return usage('Which contact? Give their number from your list or part of their name.');
  return finish({ contact, rating, effect });
}

export function parseDecide(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const decision = lower(tokens.value);
  if (!(DECISIONS as readonly string[]).includes(decision)) {
    return fail('invalid_value', 'Decide one of: keep exploring, focus or change.');
  }
  return finish({ decision });
}
