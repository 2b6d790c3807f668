/**
 * Text grammars of the commands about the person's own account and help: `help`, `settings`,
 * `link`, `forget-me`, and the commands that take no words at all.
 */
import type { RawArgs } from '../command.js';
import { ok, type Result } from '../result.js';
import { parseTimeRange } from './clockTimes.js';
import { finish, textOf, usage } from './rawArgs.js';
import { joinTokens, tokenize } from './tokenize.js';

/** `help [command]`: the command name, lowercased, one or two words. */
export function parseHelp(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length > 2) return usage('Give just the name of a command, like "help add".');
  return finish({ command: textOf(tokens.value)?.toLowerCase() });
}

/** A command that takes nothing after its name (`goal`, `export`, `mentees`, `report`, `digest preview`). */
export function parseNothing(text: string): Result<RawArgs> {
  if (text.trim() !== '') return usage('This command takes nothing after its name.');
  return ok({});
}

/** `settings tz <zone or city>`: kept as typed ("new york", "EST"); the handler finds the zone. */
export function parseTimeZoneSetting(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const zone = joinTokens(tokens.value).trim();
  if (zone === '') return usage('Tell me your time zone or city, like America/Chicago or New York.');
  if (tokens.value.length > 4) return usage('Give a time zone or a city, like America/Chicago or New York.');
  return finish({ zone });
}

/**
 * `settings quiet <from>-<to>`: the range as typed, with the spaces around the dash (or "to")
 * closed up: `22:00 - 08:00` gives `22:00-08:00`.
 */
export function parseQuietHours(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length === 0) return usage('Tell me your quiet hours, like 22:00-08:00.');
  const hours = joinTokens(tokens.value).replace(/\s*(?:[-\u2013\u2014]|\bto\b|\buntil\b)\s*/iu, '-');
  const range = parseTimeRange(hours);
  if (!range.ok) return range;
  return finish({ hours });
}

/** `link [code]` and `forget-me [code]`: an optional one-word code. */
export function parseOptionalCode(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length > 1) return usage('The code is one word; copy it exactly as I gave it.');
  return finish({ code: textOf(tokens.value) });
}
