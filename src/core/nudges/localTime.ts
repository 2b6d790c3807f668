/**
 * Wall-clock arithmetic in a time zone, exact across daylight-saving changes. A wall time that
 * happens twice (autumn) means its first occurrence; one that does not happen (spring) means the
 * first instant after the gap, when the clocks jump.
 */
import { DateTime, IANAZone } from 'luxon';
import { isValidTimeZone } from '../grammar/dates.js';

/** Minutes in a day on the wall clock. */
export const MINUTES_PER_DAY = 24 * 60;
/** Milliseconds in a minute. */
export const MS_PER_MINUTE = 60_000;
/** Milliseconds in an hour. */
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
/** Milliseconds in 24 hours (not a calendar day: use plusLocalDays for those). */
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** A calendar date, month 1 to 12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The zone to compute in: `zone` when it is a valid IANA name, else UTC. An unknown zone must not
 * lose a nudge, so it falls back rather than throws.
 */
export function resolveZone(zone: string): string {
  return isValidTimeZone(zone) ? zone : 'UTC';
}

const ianaZone = (zone: string): IANAZone => IANAZone.create(resolveZone(zone));

const inZone = (instant: Date, zone: string): DateTime =>
  DateTime.fromJSDate(instant, { zone: resolveZone(zone) });

/** The calendar date of `instant` in `zone`. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  const local = inZone(instant, zone);
  return { year: local.year, month: local.month, day: local.day };
}

/** Minutes since local midnight, with seconds as a fraction (13:30:30 is 810.5). */
export function localMinuteOf(instant: Date, zone: string): number {
  const local = inZone(instant, zone);
  return local.hour * 60 + local.minute + local.second / 60 + local.millisecond / MS_PER_MINUTE;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function shiftDate(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** ISO weekday of a date: 1 is Monday, 7 is Sunday. */
export function isoWeekday(date: LocalDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/**
 * The instants at which the clock in `zone` reads `minute` (0 to 1440) on `date`, earliest first:
 * one usually, two when the time repeats as clocks go back, and the jump instant when it falls in
 * a spring-forward gap.
 */
export function instantsAtLocalMinute(date: LocalDate, minute: number, zone: string): Date[] {
  const tz = ianaZone(zone);
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minute * MS_PER_MINUTE;
  // Offsets in force around that day; a transition is at most one of them away.
  const offsets = [...new Set([-36, -12, 0, 12, 36].map((h) => tz.offset(wall + h * MS_PER_HOUR)))];
  const candidates = offsets.map((offset) => wall - offset * MS_PER_MINUTE);
  const valid = candidates.filter((t) => tz.offset(t) * MS_PER_MINUTE === wall - t).sort((a, b) => a - b);
  if (valid.length > 0) return valid.map((t) => new Date(t));
  // A gap: find the first instant whose local reading is at or past the wall time.
  const localMs = (t: number): number => t + tz.offset(t) * MS_PER_MINUTE;
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  if (!(localMs(lo) < wall && localMs(hi) >= wall)) return [new Date(hi)];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localMs(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return [new Date(hi)];
}

/**
 * The first instant strictly after `after` when the clock in `zone` reads `minute`, on the given
 * ISO weekday (1 Monday to 7 Sunday) or on any day when `weekday` is null.
 */
export function firstLocalTimeAfter(after: Date, zone: string, weekday: number | null, minute: number): Date {
  if (weekday !== null && !(Number.isInteger(weekday) && weekday >= 1 && weekday <= 7)) {
    throw new RangeError(`weekday must be 1 (Monday) to 7 (Sunday), got ${weekday}`);
  }
  const today = localDateOf(after, zone);
  for (let days = 0; days <= 8; days += 1) {
    const date = shiftDate(today, days);
    if (weekday !== null && isoWeekday(date) !== weekday) continue;
    const found = instantsAtLocalMinute(date, minute, zone).find((t) => t > after);
    if (found) return found;
  }
  throw new Error(`no local time ${minute} after ${after.toISOString()} in ${zone}`);
}

/** The last instant at or before `before` when the clock in `zone` reads `minute`. */
export function lastLocalTimeAtOrBefore(before: Date, zone: string, minute: number): Date {
  const today = localDateOf(before, zone);
  for (let days = 0; days >= -2; days -= 1) {
    const found = instantsAtLocalMinute(shiftDate(today, days), minute, zone)
      .reverse()
      .find((t) => t <= before);
    if (found) return found;
  }
  throw new Error(`no local time ${minute} before ${before.toISOString()} in ${zone}`);
}

/**
 * `instant` moved by `days` calendar days in `zone`, keeping the wall-clock time (a week after
 * Monday 10:00 is Monday 10:00, whatever the clocks did). A fraction of a day is added as hours.
 */
export function plusLocalDays(instant: Date, days: number, zone: string): Date {
  const whole = Math.trunc(days);
  const moved = inZone(instant, zone).plus({ days: whole }).toJSDate();
  return new Date(moved.getTime() + Math.round((days - whole) * MS_PER_DAY));
}

/** The ISO week of `instant` in `zone`, as `2026-W48`. */
export function isoWeekKey(instant: Date, zone: string): string {
  const local = inZone(instant, zone);
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}
