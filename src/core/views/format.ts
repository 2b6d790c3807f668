/** Dates as a person reads them: in their own time zone, short and unambiguous. */
import { DateTime } from 'luxon';

/** "Tue 3 Dec 2026, 15:00" in the zone. */
export function formatDateTime(date: Date, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).toFormat('ccc d LLL yyyy, HH:mm');
}

/** "Thu 3 Dec 2026" in the zone: a day the person can check against their calendar. */
export function formatDay(date: Date, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).toFormat('ccc d LLL yyyy');
}

/** "3 Dec 2026" in the zone. */
export function formatDate(date: Date, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).toFormat('d LLL yyyy');
}

/** "in 3 days", "2 hours ago": coarse and friendly, relative to `now`. */
export function formatRelative(date: Date, now: Date): string {
  const diff = DateTime.fromJSDate(date).diff(DateTime.fromJSDate(now), ['days', 'hours', 'minutes']);
  const ahead = diff.toMillis() >= 0;
  const days = Math.floor(Math.abs(diff.as('days')));
  const hours = Math.floor(Math.abs(diff.as('hours')));
  const minutes = Math.round(Math.abs(diff.as('minutes')));
  const amount =
    days >= 1
      ? `${days} day${days === 1 ? '' : 's'}`
      : hours >= 1
        ? `${hours} hour${hours === 1 ? '' : 's'}`
        : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return ahead ? `in ${amount}` : `${amount} ago`;
}

/** "09:00" from minutes after midnight. */
export function formatMinuteOfDay(minute: number): string {
  const h = Math.floor(minute / 60)
    .toString()
    .padStart(2, '0');
  const m = (minute % 60).toString().padStart(2, '0');
  return `${h}:${m}`;
}
