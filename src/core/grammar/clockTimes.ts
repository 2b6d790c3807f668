/**
 * Times of day and weekdays without a date: quiet hours ("22:00-08:00") and the digest's slot
 * ("monday 9am").
 */
import { fail, ok, type Result } from '../result.js';

/** Weekday names by ISO number (1 = Monday ... 7 = Sunday), as luxon numbers them. */
export const WEEKDAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
/** A weekday's full lowercase name. */
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** Abbreviations people type, beyond the first three letters and the full name. */
const WEEKDAY_ABBREVIATIONS: Record<string, number> = {
  tues: 2,
  tu: 2,
  weds: 3,
  thur: 4,
  thurs: 4,
  th: 4,
};

const TIME = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?|a|p)?$/u;

/**
 * Reads a time of day as minutes after midnight: "9:00", "9am", "9:30 pm", "21:30", "noon",
 * "midnight", or a bare hour "9". Fails with 'invalid_value' otherwise.
 */
export function parseLocalTime(text: string): Result<number> {
  const normalized = text.trim().toLowerCase();
  if (normalized === 'noon' || normalized === 'midday') return ok(12 * 60);
  if (normalized === 'midnight') return ok(0);
  const match = TIME.exec(normalized);
  const invalid = fail('invalid_value', 'I couldn\'t read that time; try "9:00", "9am" or "21:30".');
  if (!match) return invalid;
  const [, hourText = '', minuteText = '0', meridiem] = match;
  let hour = Number(hourText);
  const minute = Number(minuteText);
  if (minute > 59) return invalid;
  if (meridiem === undefined) {
    if (hour > 23) return invalid;
  } else {
    if (hour < 1 || hour > 12) return invalid;
    hour %= 12;
    if (meridiem.startsWith('p')) hour += 12;
  }
  return ok(hour * 60 + minute);
}

/**
 * Reads a range of the clock, which may wrap past midnight: "22:00-08:00", "22:00 - 08:00",
 * "10pm to 8am". Fails with 'invalid_value' when either end is unreadable or both are equal.
 */
export function parseTimeRange(text: string): Result<{ fromMinute: number; toMinute: number }> {
  const parts = text.trim().split(/\s*(?:[-\u2013\u2014]|\bto\b|\buntil\b)\s*/iu);
  const [fromText, toText] = parts;
  if (parts.length !== 2 || fromText === undefined || toText === undefined) {
    return fail('invalid_value', 'Give the hours as a range, like "22:00-08:00".');
  }
  const from = parseLocalTime(fromText);
  if (!from.ok) return from;
  const to = parseLocalTime(toText);
  if (!to.ok) return to;
  if (from.value === to.value) {
    return fail('invalid_value', 'The range starts and ends at the same time; give two different times.');
  }
  return ok({ fromMinute: from.value, toMinute: to.value });
}

/**
 * Reads a weekday as its ISO number, 1 (Monday) to 7 (Sunday): "mon", "Monday", "tues",
 * "thurs", "mondays". Fails with 'invalid_value' otherwise.
 */
export function parseWeekday(text: string): Result<number> {
  const word = text.trim().toLowerCase().replace(/\.$/u, '');
  const singular =
    word.length > 3 && word.endsWith('s') && !Object.hasOwn(WEEKDAY_ABBREVIATIONS, word)
      ? word.slice(0, -1)
      : word;
  for (const candidate of [word, singular]) {
    if (Object.hasOwn(WEEKDAY_ABBREVIATIONS, candidate)) return ok(WEEKDAY_ABBREVIATIONS[candidate] ?? 0);
    const index = WEEKDAY_NAMES.findIndex(
      (name) => name === candidate || (candidate.length === 3 && name.startsWith(candidate)),
    );
    if (index !== -1) return ok(index + 1);
  }
  return fail('invalid_value', 'I couldn\'t read that as a day of the week; try "monday" or "mon".');
}
