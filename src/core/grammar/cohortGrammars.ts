/**
 * Text grammars of the program commands: `cohort create <name>`, `cohort show <cohort>`,
 * `cohort add <cohort> <people...>`, `cohort advisor <cohort> <person>`, `join <code>`,
 * `match <mentor> <student>`. A cohort of several words is quoted when more follows it.
 */
import type { RawArgs } from '../command.js';
import type { Result } from '../result.js';
import { finish, textOf, usage } from './rawArgs.js';
import { tokenize } from './tokenize.js';

/** `cohort create <name>`, `cohort show <cohort>`: everything is the one value (quotes optional). */
export function parseWhole(option: string, hint: string): (text: string) => Result<RawArgs> {
  return (text) => {
    const tokens = tokenize(text);
    if (!tokens.ok) return tokens;
    const value = textOf(tokens.value);
    if (value === undefined) return usage(hint);
    return finish({ [option]: value });
  };
}

/** `digest preview [cohort]`, `report [cohort]`: the optional cohort, all the words. */
export function parseOptionalCohort(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  return finish({ cohort: textOf(tokens.value) });
}

/** `cohort add eng27 @ana @ben`: the cohort, then one or more words for `rest`, kept as typed. */
export function parseCohortThen(rest: string, hint: string): (text: string) => Result<RawArgs> {
  return (text) => {
    const tokens = tokenize(text);
    if (!tokens.ok) return tokens;
    const [cohort, ...after] = tokens.value;
    const others = textOf(after);
    if (!cohort || others === undefined) return usage(hint);
    // Several people stay separate words; a quoted name stays one, quotes and all.
    const joined = after.map((t) => (t.quoted && /\s/.test(t.value) ? `"${t.value}"` : t.value)).join(' ');
    return finish({ cohort: cohort.value, [rest]: joined });
  };
}

/** `match <mentor> <student>`: exactly two people. */
export function parsePair(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const [mentor, student, ...extra] = tokens.value;
  if (!mentor || !student || extra.length > 0)
    return usage('Tell me the mentor, then the student, like @lee @ana.');
  return finish({ mentor: mentor.value, student: student.value });
}

/** `join K7Q-2MX`: the code, with or without its dash or a space in the middle. */
export function parseJoin(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.value.length === 0 || tokens.value.length > 2)
    return usage('Give the code your coordinator shared, like join K7Q-2MX.');
  return finish({ code: tokens.value.map((t) => t.value).join('') });
}
