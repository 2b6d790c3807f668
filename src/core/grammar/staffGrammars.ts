/**
 * Text grammars of the mentor's and the coordinator's commands: `log`, `role`, `digest channel`,
 * `digest at`, `stats`.
 */
import type { RawArgs } from '../command.js';
import { fail, ok, type Result } from '../result.js';
import { keywordOf } from './clauses.js';
import { parseLocalTime, parseWeekday, WEEKDAY_NAMES } from './clockTimes.js';
import { isDateText } from './dates.js';
import { parseMinutes } from './durations.js';
import { finish, splitLeading, textOf, usage } from './rawArgs.js';
import { joinTokens, type Token, tokenize } from './tokenize.js';
import { resolveRole } from './vocabulary.js';

/** The longest date `log ... on <date>` looks for ("next tuesday at 3 pm" is five words). */
const MAX_DATE_WORDS = 6;
/** The longest length `for <N> min` looks for ("1 hour 30 min" is four words). */
const MAX_MINUTES_WORDS = 4;

/** The tokens of a `log ... on` clause: the longest run that reads as a date, else all up to `for`. */
function takeDate(tokens: readonly Token[], minutesSet: boolean): { date: Token[]; after: Token[] } {
  const stop = minutesSet ? -1 : tokens.findIndex((token) => keywordOf(token, ['for']) !== undefined);
  const candidates = stop === -1 ? tokens : tokens.slice(0, stop);
  const found = splitLeading(candidates, MAX_DATE_WORDS, isDateText);
  if (found) return { date: found.taken, after: tokens.slice(found.taken.length) };
  return { date: candidates.slice(), after: tokens.slice(candidates.length) };
}

/**
 * `log <student> [on <date>] [for <N> min] [topics]`. The student is the first token (a mention
 * like `<@U123|maria>` or `@maria`, or a quoted name). Then `on` and `for` clauses may come in
 * either order; whatever follows them is the topics, kept as typed (so topics may say "on" or
 * "for" freely): `log @maria on monday for 30 min product roles`.
 */
export function parseLog(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const [first, ...rest] = tokens.value;
  const student = first ? textOf([first]) : undefined;
  if (student === undefined) return usage('Tell me which student you met, like @maria.');
  let remaining: Token[] = rest;
  let date: string | undefined;
  let minutes: number | undefined;
  for (;;) {
    const [head, ...after] = remaining;
    const keyword = head ? keywordOf(head, ['on', 'for']) : undefined;
    if (keyword === undefined || (keyword === 'on' && date !== undefined)) break;
    if (keyword === 'for' && minutes !== undefined) break;
    if (after.length === 0) return usage(`Something has to follow "${keyword}".`);
    if (keyword === 'on') {
      const taken = takeDate(after, minutes !== undefined);
      date = textOf(taken.date);
      if (date === undefined) return usage('Tell me the date after "on", like "on monday".');
      remaining = taken.after;
      continue;
    }
    const found = splitLeading(after, MAX_MINUTES_WORDS, (candidate) => parseMinutes(candidate).ok);
    const parsed = parseMinutes(found ? joinTokens(found.taken) : (after[0]?.value ?? ''));
    if (!parsed.ok) return parsed;
    minutes = parsed.value;
    remaining = found ? found.after : after.slice(1);
  }
  return finish({ student, date, minutes, topics: freeText(text, remaining) });
}

/** The text from the first of `tokens` to the end, as typed; one quoted phrase loses its quotes. */
function freeText(text: string, tokens: readonly Token[]): string | undefined {
  const [first] = tokens;
  if (!first) return undefined;
  if (tokens.length === 1 && first.quoted) return first.value === '' ? undefined : first.value;
  return text.slice(first.start).trim();
}

/** `role <person> <student|mentor|advisor|coordinator>`: the role is the last word, the person all before it. */
export function parseRole(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const last = tokens.value.at(-1);
  const person = textOf(tokens.value.slice(0, -1));
  if (!last || person === undefined) return usage('Tell me who and which role, like "@sam coordinator".');
  const role = resolveRole(last.value);
  if (!role.ok) return role;
  return finish({ person, role: role.value });
}

/** `digest channel <channel>`: one word, kept as typed (`#careers`, or Slack's `<#C123|careers>`). */
export function parseDigestChannel(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const [channel, ...extra] = tokens.value;
  if (!channel || channel.value === '') return usage('Tell me the channel, like #careers.');
  if (extra.length > 0) return usage('Give one channel.');
  return finish({ channel: channel.value });
}

/**
 * `digest at <weekday> <time>`: the weekday as its full lowercase name (`monday`) and the time as
 * typed. The time may come first, and an "at" before the time is fine.
 */
export function parseDigestAt(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const words = tokens.value.filter((token) => keywordOf(token, ['at']) === undefined);
  const first = words[0];
  const last = words.at(-1);
  if (!first || words.length < 2 || !last) return usage('Tell me the day and the time, like "monday 9:00".');
  const weekdayFirst = parseWeekday(first.value).ok;
  const weekdayToken = weekdayFirst ? first : last;
  const timeTokens = weekdayFirst ? words.slice(1) : words.slice(0, -1);
  const weekday = parseWeekday(weekdayToken.value);
  if (!weekday.ok) return weekday;
  const time = textOf(timeTokens) ?? '';
  const minute = parseLocalTime(time);
  if (!minute.ok) return minute;
  return finish({ weekday: WEEKDAY_NAMES[weekday.value - 1], time });
}

/** The most weeks `stats` looks back. */
export const MAX_STATS_WEEKS = 52;

/**
 * `stats [weeks] [cohort]`: a leading whole number of weeks from 1 to 52 ("8", "8 weeks", "8w"),
 * then the cohort (`#2`, a name); a cohort named by a bare number goes after the weeks or as `#2`.
 */
export function parseStats(text: string): Result<RawArgs> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const words = textOf(tokens.value);
  if (words === undefined) return ok({});
  const match = /^(\d{1,3})\s*(?:w|wk|wks|week|weeks)?(?:\s+(.+))?$/iu.exec(words);
  if (!match) return finish({ cohort: words });
  const weeks = Number(match[1]);
  if (!(weeks >= 1 && weeks <= MAX_STATS_WEEKS)) {
    return fail('invalid_value', `Give a number of weeks from 1 to ${MAX_STATS_WEEKS}.`);
  }
  return finish({ weeks, cohort: match[2]?.trim() || undefined });
}
