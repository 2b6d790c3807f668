/**
 * How people write dates before chrono reads them: which of day and month comes first in their
 * locale, meeting hours without am/pm, "the 15th" and "tomorrow 9".
 */
import type * as chrono from 'chrono-node';
// English only: chrono-node's index also loads every other language's parsers, about 12 MB of
// memory in each process for words Rapport never reads.
import * as english from 'chrono-node/en';
import { DateTime } from 'luxon';

/** Which number comes first in "10/12": the month (United States) or the day (most places). */
export type DateOrder = 'month_first' | 'day_first';

/** The locale assumed when a platform tells us none. */
export const DEFAULT_LOCALE = 'en-US';

/** Regions that write the month first ("10/12" is 12 October). */
const MONTH_FIRST_REGIONS = new Set(['US', 'PH', 'CA', 'FM', 'MH', 'PW', 'GU', 'PR', 'AS', 'UM', 'VI']);

/** The date order of a BCP 47 locale such as "en-US", "en-GB", "fr", "pt-BR"; en-US when unknown. */
export function dateOrderOf(locale: string | null | undefined): DateOrder {
  const parts = (locale ?? DEFAULT_LOCALE).trim().replace(/_/gu, '-').split('-');
  const language = (parts[0] ?? '').toLowerCase();
  const region = parts.slice(1).find((part) => /^[A-Za-z]{2}$/u.test(part));
  if (region) return MONTH_FIRST_REGIONS.has(region.toUpperCase()) ? 'month_first' : 'day_first';
  // A language without a region: English alone is taken as en-US (Discord's and Slack's default).
  return language === 'en' || language === '' ? 'month_first' : 'day_first';
}

/** A leading zero means the 24-hour clock: "05:00" is early morning, as typed. */
const ZERO_PADDED_HOUR = /(?:^|[^\d])0\d(?:[:.h]\d{2})?\b/u;

/** The tag of results whose hour the meeting-hours rule moved to the afternoon. */
const AFTERNOON_TAG = 'rapport/meetingHoursAfternoon';

/** The half of the day chosen for an hour typed without am or pm, when there was a choice. */
export function meridiemGuess(result: chrono.ParsedResult): 'am' | 'pm' | undefined {
  const start = result.start;
  if (start.tags().has(AFTERNOON_TAG)) return 'pm';
  if (!start.isCertain('hour') || start.isCertain('meridiem')) return undefined;
  if (start.tags().has('result/relativeDateAndTime') || ZERO_PADDED_HOUR.test(result.text)) return undefined;
  const hour = start.get('hour') ?? 0;
  return hour >= 8 && hour <= 11 ? 'am' : undefined;
}

/**
 * Meetings are held in the daytime: an hour from 1 to 7 without am or pm ("tomorrow at 4",
 * "dec 12 at 3:30") is afternoon. Runs before chrono's forward-date step, so "at 4" typed at noon
 * is 16:00 today, not 04:00 tomorrow. The meridiem stays implied, so the reply can say it guessed.
 */
const meetingHours: chrono.Refiner = {
  refine: (_context, results) => {
    for (const result of results) {
      const start = result.start;
      const hour = start.get('hour') ?? 0;
      if (!start.isCertain('hour') || start.isCertain('meridiem')) continue;
      if (start.tags().has('result/relativeDateAndTime')) continue;
      if (hour < 1 || hour > 7 || ZERO_PADDED_HOUR.test(result.text)) continue;
      start.assign('hour', hour + 12);
      start.imply('meridiem', 1);
      start.addTag(AFTERNOON_TAG);
    }
    return results;
  },
};

function withMeetingHours(parser: chrono.Chrono): chrono.Chrono {
  const clone = parser.clone();
  clone.refiners.unshift(meetingHours);
  return clone;
}

/** One chrono per date order, each reading meeting hours as afternoon. */
export const DATE_PARSERS: Record<DateOrder, chrono.Chrono> = {
  month_first: withMeetingHours(english.casual),
  day_first: withMeetingHours(english.GB),
};

const DAY_WORD =
  'today|tonight|tomorrow|tmrw|tmr|mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday';
/** "tomorrow 9", "fri 10:30": a bare hour after a day reads as a time ("tomorrow at 9"). */
const DAY_THEN_BARE_HOUR = new RegExp(`\\b(${DAY_WORD})\\s+(\\d{1,2}(?:[:.]\\d{2})?)\\s*$`, 'iu');
/** "the 15th", "on the 3rd", "15th": a day of the month with no month named. */
const ORDINAL_DAY = /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\s+the\s+month)?/iu;
const MONTH_WORD =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\d{1,4}[/.-]\d{1,2}/iu;

/**
 * Rewrites what chrono misses into what it reads: "tomorrow 9" becomes "tomorrow at 9", and "the
 * 15th" names its month (the coming 15th for things to come, the latest for things done).
 * `reference` is the wall-clock now of the person.
 */
export function normalizeDateText(text: string, reference: Date, future: boolean): string {
  let out = text.replace(DAY_THEN_BARE_HOUR, '$1 at $2');
  const ordinal = ORDINAL_DAY.exec(out);
  if (ordinal && !MONTH_WORD.test(out)) {
    const day = Number(ordinal[1]);
    if (day >= 1 && day <= 31) {
      const today = DateTime.fromJSDate(reference, { zone: 'UTC' });
      let month = today.startOf('month');
      if (future && day < today.day) month = month.plus({ months: 1 });
      if (!future && day > today.day) month = month.minus({ months: 1 });
      // A month too short for that day (the 31st in a 30-day month) moves on to the next.
      while ((month.daysInMonth ?? 31) < day) month = month.plus({ months: future ? 1 : -1 });
      out = out.replace(ORDINAL_DAY, `${month.toFormat('LLLL')} ${day} ${month.year}`);
    }
  }
  return out;
}
