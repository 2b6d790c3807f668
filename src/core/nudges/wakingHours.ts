/**
 * Nudges reach people only while they are awake. A waking window is a start and an end in minutes
 * after local midnight; it may wrap past midnight (22:00 to 06:00 for night owls). Times are local
 * wall-clock times, so a 09:00 start stays 09:00 on both sides of a daylight-saving change.
 */
import type { Person } from '../people/peoplePorts.js';
import { personZone } from '../timeZones.js';
import {
  firstLocalTimeAfter,
  lastLocalTimeAtOrBefore,
  localMinuteOf,
  MINUTES_PER_DAY,
  MS_PER_MINUTE,
  resolveZone,
} from './localTime.js';

/**
 * When a person may be nudged: from `startMinute` (inclusive) to `endMinute` (exclusive), in
 * minutes after local midnight in `timezone`. A window whose start is after its end wraps past
 * midnight; equal start and end mean any time of day.
 */
export interface WakingHours {
  timezone: string;
  startMinute: number;
  endMinute: number;
}

/** Default start of the waking window: 09:00. */
export const DEFAULT_WAKE_START_MINUTE = 9 * 60;
/** Default end of the waking window: 20:00. */
export const DEFAULT_WAKE_END_MINUTE = 20 * 60;

const clampMinute = (value: number, max: number, fallback: number): number =>
  Number.isFinite(value) ? Math.min(max, Math.max(0, Math.round(value))) : fallback;

/** The window with a usable zone and minutes in range (start 0 to 1439, end 0 to 1440). */
export function normalizeWakingHours(hours: WakingHours): WakingHours {
  return {
    timezone: resolveZone(hours.timezone),
    startMinute: clampMinute(hours.startMinute, MINUTES_PER_DAY - 1, DEFAULT_WAKE_START_MINUTE),
    endMinute: clampMinute(hours.endMinute, MINUTES_PER_DAY, DEFAULT_WAKE_END_MINUTE),
  };
}

/** A person's waking hours; `fallbackZone` (the organization's) applies while theirs is unknown. */
export function wakingHoursOf(
  person: Pick<Person, 'timezone' | 'wakeStartMinute' | 'wakeEndMinute'>,
  fallbackZone: string,
): WakingHours {
  return normalizeWakingHours({
    timezone: personZone(person, fallbackZone),
    startMinute: person.wakeStartMinute,
    endMinute: person.wakeEndMinute,
  });
}

/** True when `instant` falls inside the waking window. */
export function isWithinWakingHours(instant: Date, hours: WakingHours): boolean {
  const { timezone, startMinute: start, endMinute: end } = normalizeWakingHours(hours);
  if (start === end) return true;
  const minute = localMinuteOf(instant, timezone);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** `due` itself when it falls inside the waking window, else the next time the window opens. */
export function nextAllowedTime(due: Date, hours: WakingHours): Date {
  if (isWithinWakingHours(due, hours)) return due;
  return nextWindowStart(due, hours);
}

/** The first opening of the waking window strictly after `after` ("the next morning"). */
export function nextWindowStart(after: Date, hours: WakingHours): Date {
  const { timezone, startMinute } = normalizeWakingHours(hours);
  return firstLocalTimeAfter(after, timezone, null, startMinute);
}

/**
 * The latest time at or before `limit` inside the waking window: `limit` itself when it is inside,
 * else the last minute of the window that closed before it. Null when that time is earlier than
 * `notBefore` (there is no allowed time left in between).
 */
export function latestAllowedBefore(limit: Date, hours: WakingHours, notBefore?: Date): Date | null {
  const normalized = normalizeWakingHours(hours);
  let latest = limit;
  if (!isWithinWakingHours(limit, normalized)) {
    const closed = lastLocalTimeAtOrBefore(limit, normalized.timezone, normalized.endMinute);
    // The end is exclusive: the last whole minute before it is the last allowed one.
    latest = new Date(closed.getTime() - MS_PER_MINUTE);
  }
  return notBefore && latest < notBefore ? null : latest;
}

/**
 * The first time strictly after `after` when the clock in `tz` reads `minuteOfDay`, on `weekday`
 * (ISO: 1 Monday to 7 Sunday) or any day when null. "Next Monday 09:00" is
 * `nextLocalTime(now, tz, 1, 540)`, which is today when it is Monday before 09:00.
 */
export function nextLocalTime(after: Date, tz: string, weekday: number | null, minuteOfDay: number): Date {
  return firstLocalTimeAfter(after, tz, weekday, minuteOfDay);
}
