/**
 * Small steps shared by the command grammars: turning tokens into option values and finishing a
 * set of options.
 */
import type { RawArgs } from '../command.js';
import { fail, type Result } from '../result.js';
import { checkFieldLengths } from './textLimits.js';
import { joinTokens, type Token } from './tokenize.js';

/** The tokens' values joined by spaces, or undefined when that is blank. */
export function textOf(tokens: readonly Token[] | undefined): string | undefined {
  if (!tokens) return undefined;
  const text = joinTokens(tokens).trim();
  return text === '' ? undefined : text;
}

/**
 * Finishes a grammar's options: drops the unset ones (so `{ name: 'Jane' }` reads as it is) and
 * checks every text against MAX_TEXT_LENGTH.
 */
export function finish(fields: RawArgs): Result<RawArgs> {
  const args: RawArgs = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) args[key] = value;
  }
  return checkFieldLengths(args);
}

/** A 'usage' failure with the given sentence (the grammar adds the usage line). */
export const usage = (message: string): Result<never> => fail('usage', message);

/**
 * Splits off the longest tail of at most `maxTaken` tokens that `accepts` takes as a whole,
 * leaving at least one token before it. Quoted tokens are never part of the tail.
 */
export function splitTrailing(
  tokens: readonly Token[],
  maxTaken: number,
  accepts: (text: string) => boolean,
): { before: Token[]; taken: Token[] } | undefined {
  for (let count = Math.min(maxTaken, tokens.length - 1); count >= 1; count -= 1) {
    const taken = tokens.slice(tokens.length - count);
    if (taken.some((token) => token.quoted)) continue;
    if (accepts(joinTokens(taken))) return { before: tokens.slice(0, tokens.length - count), taken };
  }
  return undefined;
}

/**
 * Splits off the longest head of at most `maxTaken` unquoted tokens that `accepts` takes as a
 * whole.
 */
export function splitLeading(
  tokens: readonly Token[],
  maxTaken: number,
  accepts: (text: string) => boolean,
): { taken: Token[]; after: Token[] } | undefined {
  for (let count = Math.min(maxTaken, tokens.length); count >= 1; count -= 1) {
    const taken = tokens.slice(0, count);
    if (taken.some((token) => token.quoted)) continue;
    if (accepts(joinTokens(taken))) return { taken, after: tokens.slice(count) };
  }
  return undefined;
}

/** Drops a last unquoted filler word ("to" in `move jane to met`), keeping at least one token. */
export function dropTrailingWord(tokens: readonly Token[], word: string): Token[] {
  const last = tokens.at(-1);
  if (tokens.length > 1 && last && !last.quoted && last.value.toLowerCase() === word)
    return tokens.slice(0, -1);
  return [...tokens];
}
