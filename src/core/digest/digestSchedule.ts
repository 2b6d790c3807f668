/**
 * When the weekly digest is due, in the organization's own time zone: a weekday and a time of day
 * (Monday 09:00 unless a coordinator chose otherwise), exact across daylight-saving changes.
 *
 * Each week has one slot, named by the ISO week of its local date (`2026-W45`). The worker claims
 * a slot by inserting that name into `digest_log`, unique per organization, so a week's digest goes
 * out once however many workers race and however often the schedule is changed during the week.
 */
import {
  instantsAtLocalMinute,
  isoWeekday,
  isoWeekKey,
  localDateOf,
  MS_PER_HOUR,
  plusLocalDays,
  shiftDate,
} from '../nudges/localTime.js';

/** Monday. */
export const DEFAULT_DIGEST_WEEKDAY = 1;
/** 09:00. */
export const DEFAULT_DIGEST_MINUTE = 9 * 60;
/**
 * A slot missed while the worker was down still goes out this long after its time; later than
 * that, the week is skipped (a Thursday digest about "this week" would mislead more than help).
 */
export const DIGEST_CATCH_UP_MS = 24 * MS_PER_HOUR;

export interface DigestSchedule {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Minutes after local midnight. */
  minuteOfDay: number;
  timezone: string;
}

/** One week's digest: the instant it is due, and the name that makes it unique. */
export interface DigestSlot {
  key: string;
  at: Date;
}

/**
 * A stretch of time, `from` excluded and `to` included: a week ends at its digest's instant, so
 * what happens at the very instant a digest (or a preview) is made is in it, and in no other.
 */
export interface Period {
  from: Date;
  to: Date;
}

/**
 * The latest instant at or before `now` when the schedule's weekday and time came round (the
 * first one when the clocks repeat that time; the jump when they skip it).
 */
export function latestSlotAtOrBefore(now: Date, schedule: DigestSchedule): Date {
  const today = localDateOf(now, schedule.timezone);
  for (let days = 0; days >= -8; days -= 1) {
    const date = shiftDate(today, days);
    if (isoWeekday(date) !== schedule.weekday) continue;
    const found = instantsAtLocalMinute(date, schedule.minuteOfDay, schedule.timezone).find((t) => t <= now);
    if (found) return found;
  }
  throw new Error(`no digest slot before ${now.toISOString()}`);
}

/** The slot to deliver now, or null when this week's is still to come or long past. */
export function dueSlot(now: Date, schedule: DigestSchedule): DigestSlot | null {
  const at = latestSlotAtOrBefore(now, schedule);
  if (now.getTime() - at.getTime() >= DIGEST_CATCH_UP_MS) return null;
  return { key: isoWeekKey(at, schedule.timezone), at };
}

/** The next slot strictly after `now`. */
export function nextSlotAfter(now: Date, schedule: DigestSchedule): DigestSlot {
  const today = localDateOf(now, schedule.timezone);
  for (let days = 0; days <= 8; days += 1) {
    const date = shiftDate(today, days);
    if (isoWeekday(date) !== schedule.weekday) continue;
    const found = instantsAtLocalMinute(date, schedule.minuteOfDay, schedule.timezone).find((t) => t > now);
    if (found) return { key: isoWeekKey(found, schedule.timezone), at: found };
  }
  throw new Error(`no digest slot after ${now.toISOString()}`);
}

/** The seven local days before `at`, and the seven before those. */
export function digestWeeks(at: Date, timezone: string): { current: Period; previous: Period } {
  const weekAgo = plusLocalDays(at, -7, timezone);
  return {
    current: { from: weekAgo, to: at },
    previous: { from: plusLocalDays(at, -14, timezone), to: weekAgo },
  };
}

/** `weeks` consecutive local weeks ending at `at`, oldest first. */
export function weeksBefore(at: Date, timezone: string, weeks: number): Period[] {
  const periods: Period[] = [];
  for (let i = weeks; i >= 1; i -= 1) {
    periods.push({
      from: plusLocalDays(at, -7 * i, timezone),
      to: plusLocalDays(at, -7 * (i - 1), timezone),
    });
  }
  return periods;
}

export const inPeriod = (instant: Date, period: Period): boolean =>
  instant.getTime() > period.from.getTime() && instant.getTime() <= period.to.getTime();
