/**
 * Which zone a person's dates are read and shown in, and what happens to a zone that is none.
 *
 * Zones enter from three places: RAPPORT_TIMEZONE (checked by config.ts, and the zone of every
 * new organization), `settings tz` (checked by the command), and a platform's profile (Slack's
 * `tz`, checked by `Rapport.identify` before anything stores it). Rows stored before these
 * checks, or written by hand, are checked where they are read: an organization's zone by the
 * repositories (UTC if it is none), a person's by `personZone` (the organization's if it is none).
 * A person whose zone was refused is told once, with their next answer (`zoneNotice`).
 */
import { isValidTimeZone } from './grammar/dates.js';
import { resolveZone } from './nudges/localTime.js';
import type { Person } from './people/peoplePorts.js';
import { code, type Line, user } from './reply.js';

/** The person's own zone when it is one, else the organization's (else UTC). */
export function personZone(person: Pick<Person, 'timezone'>, orgZone: string): string {
  return person.timezone && isValidTimeZone(person.timezone) ? person.timezone : resolveZone(orgZone);
}

/**
 * What to change on a person given a zone a platform reported (`hint`) and the zone stored for
 * them: an unusable zone is dropped and kept aside to tell them about, unless they were told
 * once already. Empty when nothing needs to change.
 */
export function refusedZonePatch(
  person: Pick<Person, 'timezone' | 'rejectedTimezone' | 'timezoneNoticeAt'>,
  hint: string | undefined,
): Partial<Pick<Person, 'timezone' | 'timezoneSetByUser' | 'rejectedTimezone'>> {
  const storedBad = person.timezone !== null && !isValidTimeZone(person.timezone);
  const refused = hint !== undefined && !isValidTimeZone(hint) ? hint : storedBad ? person.timezone : null;
  if (refused === null) return {};
  return {
    ...(storedBad ? { timezone: null, timezoneSetByUser: false } : {}),
    ...(person.timezoneNoticeAt === null && person.rejectedTimezone !== refused
      ? { rejectedTimezone: refused }
      : {}),
  };
}

/** The one sentence a person gets, once, about a zone that was refused; null when there is none. */
export function zoneNotice(
  person: Pick<Person, 'rejectedTimezone' | 'timezoneNoticeAt' | 'timezoneSetByUser'>,
  orgZone: string,
): Line | null {
  if (!person.rejectedTimezone || person.timezoneNoticeAt || person.timezoneSetByUser) return null;
  return [
    'The time zone I was given for you, ',
    user(person.rejectedTimezone),
    `, is not one I know, so I use your organization's (${resolveZone(orgZone)}) until you set yours with `,
    code('settings tz <zone>'),
    '.',
  ];
}
