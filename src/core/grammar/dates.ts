/**
 * Natural-language dates read in the person's own time zone: "tomorrow 3pm", "next tue 10:30",
 * "2026-12-03 15:00". chrono-node reads the words; luxon places the wall-clock result in the
 * person's IANA zone, so the offset is the one in force on that day, not on the day typed.
 */
import type * as chrono from 'chrono-node';
import { DateTime, IANAZone } from 'luxon';
import { fail, ok, type Result } from '../result.js';
import { DATE_PARSERS, dateOrderOf, meridiemGuess, normalizeDateText } from './dateWords.js';

// Lengths of time and clock times live in their own files; they are re-exported here so every
// date-related reader can be imported from one place.
export {
  parseLocalTime,
  parseTimeRange,
  parseWeekday,
  WEEKDAY_NAMES,
  type WeekdayName,
} from './clockTimes.js';
export { MAX_DURATION_MS, MAX_MINUTES, parseDuration, parseMinutes } from './durations.js';

/** How to read a date. */
export interface WhenOptions {
  /** The person's IANA zone; an unknown zone reads as UTC. */
  timezone: string;
  /** The instant the person typed. */
  now: Date;
  /**
   * True for things still to come (`scheduled`): a weekday or a time alone means the next one,
   * and an explicit date in the past fails. False for things that happened (`reached`, `log`):
   * a weekday alone means the latest one, today included.
   */
  future: boolean;
  /** The person's locale ("en-US", "en-GB"): which of day and month "10/12" starts with. */
  locale?: string | null;
}

/** A date as read. */
export interface ParsedWhen {
  date: Date;
  /** True when the person named the day ("tomorrow", "dec 3", "2026-12-03"), not just a weekday or a time. */
  explicitDate: boolean;
  /** True when the person gave a time of day; when false, `date` holds noon of that day. */
  hasTime: boolean;
  /**
   * Set when the person gave an hour without am or pm and we chose: 'pm' for 1 to 7 (meetings
   * are in the daytime), 'am' for 8 to 11. The reply says which.
   */
  guessedMeridiem?: 'am' | 'pm';
  /** True when the date was all numbers that could be read either way ("10/12"). */
  numericDate?: boolean;
}

/** Example dates for error messages. */
const DATE_EXAMPLES = '"tomorrow 3pm", "next tue 10:30" or "2026-12-03 15:00"';

/** Words that may sit around a date without changing it ("on monday", "tomorrow at 3pm"). */
const FILLER = /^(?:[\s,.@]|\b(?:at|on|the|around|about)\b)*$/iu;
/** Words that point backwards: chrono's forward mode would otherwise read "last monday" as next. */
const BACKWARD = /\b(?:last|ago|yesterday|previous|past)\b/iu;
/** Words that pick a particular week for a weekday. */
const WEEK_PICKER = /\b(?:next|this|coming)\b/iu;

/** True when `zone` is an IANA zone luxon knows, like "America/Chicago". */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  // luxon's check builds an Intl formatter each time (about 1 ms); the worker asks per nudge.
  let known = zoneValidity.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, known);
  }
  return known;
}

/** Answers of isValidTimeZone so far; bounded, since zones come from what people type. */
const zoneValidity = new Map<string, boolean>();

/**
 * No date people type is longer; chrono's patterns slow down badly on long runs of digits, so
 * longer text is refused before it reaches them.
 */
const MAX_DATE_TEXT_LENGTH = 100;

/** The single chrono result covering all of `text` but filler words, if there is one. */
function parseWhole(
  typed: string,
  instant: Date,
  forwardDate: boolean,
  locale?: string | null,
): chrono.ParsedResult | undefined {
  if (typed.length > MAX_DATE_TEXT_LENGTH) return undefined;
  const text = normalizeDateText(typed, instant, forwardDate);
  // Offset 0 with a wall-clock instant: chrono then works purely in wall-clock time, and luxon
  // applies the real zone afterwards (chrono's own zone support is one fixed offset).
  const parser = DATE_PARSERS[dateOrderOf(locale)];
  const results = parser.parse(text, { instant, timezone: 0 }, { forwardDate });
  const [result] = results;
  if (results.length !== 1 || !result) return undefined;
  const leftover = text.slice(0, result.index) + text.slice(result.index + result.text.length);
  return FILLER.test(leftover) ? result : undefined;
}

/** True when all of `text` reads as one date or time (used to find where a date ends in a command). */
export function isDateText(text: string): boolean {
  return text.trim() !== '' && parseWhole(text, new Date(Date.UTC(2000, 0, 1)), false) !== undefined;
}

/** The components of a chrono result as wall-clock UTC milliseconds. */
function wallClockMillis(components: chrono.ParsedComponents): number {
  const get = (component: chrono.Component): number => components.get(component) ?? 0;
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
    get('millisecond'),
  );
}

/** Places a chrono result in time: relative ones from `now`, typed offsets as typed, the rest in `zone`. */
function toInstant(components: chrono.ParsedComponents, zone: string, now: Date, reference: Date): DateTime {
  const tags = components.tags();
  if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
    // "in 3 hours" is elapsed time, whatever the wall clock does meanwhile.
    return DateTime.fromMillis(now.getTime() + wallClockMillis(components) - reference.getTime(), { zone });
  }
  if (components.isCertain('timezoneOffset')) {
    // The person typed a zone ("3pm EST", "...Z"): honour it.
    const offset = components.get('timezoneOffset') ?? 0;
    return DateTime.fromMillis(wallClockMillis(components) - offset * 60_000, { zone });
  }
  const get = (component: chrono.Component): number => components.get(component) ?? 0;
  return DateTime.fromObject(
    {
      year: get('year'),
      month: get('month'),
      day: get('day'),
      hour: get('hour'),
      minute: get('minute'),
      second: get('second'),
      millisecond: get('millisecond'),
    },
    { zone },
  );
}

/**
 * Reads a natural-language date in the person's zone. Fails with 'invalid_date' when the text is
 * not one date, and (with `future`) 'past_date' when it names a moment already gone.
 */
export function parseWhen(text: string, options: WhenOptions): Result<ParsedWhen> {
  const zone = isValidTimeZone(options.timezone) ? options.timezone : 'UTC';
  const trimmed = text.trim();
  if (trimmed === '') return fail('invalid_date', `Tell me when, for example ${DATE_EXAMPLES}.`);
  const local = DateTime.fromJSDate(options.now, { zone });
  const reference = new Date(
    Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    ),
  );
  const backward = BACKWARD.test(trimmed);
  const result = parseWhole(trimmed, reference, options.future && !backward, options.locale);
  if (!result) {
    return fail('invalid_date', `I couldn't read that as a date; try something like ${DATE_EXAMPLES}.`, {
      detail: [['You typed: ', { user: trimmed }]],
    });
  }
  const start = result.start;
  const explicitDate = start.isCertain('day') || backward;
  const hasTime = start.isCertain('hour');
  let when = toInstant(start, zone, options.now, reference);
  const today = local.startOf('day');
  if (
    !options.future &&
    !explicitDate &&
    start.isCertain('weekday') &&
    !WEEK_PICKER.test(trimmed) &&
    when.startOf('day') > today
  ) {
    // "on friday" about something done means the Friday just gone.
    when = when.minus({ weeks: 1 });
  }
  // A day without a time of day sits at noon: far from both midnights, so no zone shift moves it
  // to another day.
  if (!hasTime) when = when.set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  const isPast = hasTime ? when.toMillis() < options.now.getTime() : when.startOf('day') < today;
  if (options.future && isPast) {
    return fail('past_date', 'That moment has already passed; give me a date still to come.', {
      detail: [['You typed: ', { user: trimmed }]],
    });
  }
  const guessedMeridiem = meridiemGuess(result);
  return ok({
    date: when.toJSDate(),
    explicitDate,
    hasTime,
    ...(guessedMeridiem ? { guessedMeridiem } : {}),
    ...(NUMERIC_DATE.test(trimmed) ? { numericDate: true } : {}),
  });
}

/** Two small numbers split by a slash or a dot: "10/12", "3.4.2027". */
const NUMERIC_DATE = /\b(?:[1-9]|0[1-9]|1[0-2])[/.](?:[1-9]|0[1-9]|1[0-2])\b/u;
