/**
 * Lengths of time as people type them: "3 days", "2d", "1 week", "90 minutes", "1h 30m".
 */
import { fail, ok, type Result } from '../result.js';

const MINUTE_MS = 60_000;
const UNIT_MS: Record<string, number> = {
  m: MINUTE_MS,
  min: MINUTE_MS,
  mins: MINUTE_MS,
  minute: MINUTE_MS,
  minutes: MINUTE_MS,
  h: 60 * MINUTE_MS,
  hr: 60 * MINUTE_MS,
  hrs: 60 * MINUTE_MS,
  hour: 60 * MINUTE_MS,
  hours: 60 * MINUTE_MS,
  d: 24 * 60 * MINUTE_MS,
  day: 24 * 60 * MINUTE_MS,
  days: 24 * 60 * MINUTE_MS,
  w: 7 * 24 * 60 * MINUTE_MS,
  wk: 7 * 24 * 60 * MINUTE_MS,
  wks: 7 * 24 * 60 * MINUTE_MS,
  week: 7 * 24 * 60 * MINUTE_MS,
  weeks: 7 * 24 * 60 * MINUTE_MS,
  // A month to snooze is thirty days: near enough for a reminder.
  mo: 30 * 24 * 60 * MINUTE_MS,
  month: 30 * 24 * 60 * MINUTE_MS,
  months: 30 * 24 * 60 * MINUTE_MS,
};

/** Spoken lengths rewritten as numbers: "half an hour", "an hour and a half", "quarter of an hour". */
const SPOKEN: readonly [RegExp, string][] = [
  [/\b(?:an?|one)\s+hours?\s+and\s+a\s+half\b/gu, '90 minutes'],
  [/\b(\d+)\s+and\s+a\s+half\s+hours?\b/gu, '$1 hours 30 minutes'],
  [/\bhalf\s+(?:an?\s+)?hour\b/gu, '30 minutes'],
  [/\b(?:a\s+)?quarter\s+(?:of\s+)?an?\s+hour\b/gu, '15 minutes'],
  [/\b(\d+)\s*-\s*(?=[a-z])/gu, '$1 '],
];

/** The longest snooze: a year. */
export const MAX_DURATION_MS = 365 * 24 * 60 * MINUTE_MS;
/** The longest meeting: a day. */
export const MAX_MINUTES = 24 * 60;

/**
 * Sums `<amount> <unit>` parts. A bare number takes `bareUnitMs` when given and is alone;
 * undefined when the text is anything else.
 */
function sumParts(text: string, bareUnitMs?: number): number | undefined {
  let normalized = text.trim().toLowerCase();
  if (normalized === '') return undefined;
  for (const [pattern, replacement] of SPOKEN) normalized = normalized.replace(pattern, replacement);
  // One `<amount> [unit]` part, then an optional "and" or comma before the next.
  const part = /\s*(\d+(?:\.\d+)?|an?|one)\s*([a-z]+)?\s*(?:,|\band\b)?/uy;
  let total = 0;
  let parts = 0;
  let bare = false;
  while (part.lastIndex < normalized.length) {
    const from = part.lastIndex;
    const match = part.exec(normalized);
    if (!match || part.lastIndex === from) return undefined;
    const [, amountText = '', unit] = match;
    const numeric = /^\d/u.test(amountText);
    if (!numeric && unit === undefined) return undefined;
    const amount = numeric ? Number(amountText) : 1;
    // `hasOwn`: a typed word like "constructor" must not reach Object.prototype.
    const unitMs = unit === undefined ? bareUnitMs : Object.hasOwn(UNIT_MS, unit) ? UNIT_MS[unit] : undefined;
    if (unitMs === undefined) return undefined;
    if (unit === undefined) bare = true;
    total += amount * unitMs;
    parts += 1;
  }
  if (bare && parts > 1) return undefined;
  return total;
}

/**
 * Reads a length of time for snoozing: "3 days", "2d", "1 week", "12 hours", "a week".
 * A unit is required. Fails with 'invalid_value' otherwise, or when it is zero or over a year.
 */
export function parseDuration(text: string): Result<{ ms: number }> {
  const total = sumParts(text);
  if (total === undefined) {
    return fail('invalid_value', 'I couldn\'t read that length of time; try "3 days", "2d" or "1 week".');
  }
  if (total <= 0 || total > MAX_DURATION_MS) {
    return fail('invalid_value', 'Pick a length of time between a minute and a year.');
  }
  return ok({ ms: Math.round(total) });
}

/**
 * Reads a meeting length in whole minutes: "30", "30 min", "1h", "90 minutes", "1h 30m".
 * A bare number is minutes. Fails with 'invalid_value' otherwise, or outside 1 to 1440.
 */
export function parseMinutes(text: string): Result<number> {
  const total = sumParts(text, MINUTE_MS);
  if (total === undefined) {
    return fail(
      'invalid_value',
      'I couldn\'t read that as a number of minutes; try "30", "45 min" or "1 hour".',
    );
  }
  const minutes = Math.round(total / MINUTE_MS);
  if (minutes < 1 || minutes > MAX_MINUTES) {
    return fail('invalid_value', `Pick a length between 1 and ${MAX_MINUTES} minutes.`);
  }
  return ok(minutes);
}
