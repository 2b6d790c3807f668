import { describe, expect, it } from 'vitest';
import {
  isWithinWakingHours,
  latestAllowedBefore,
  nextAllowedTime,
  nextLocalTime,
  nextWindowStart,
  wakingHoursOf,
} from '../../../../src/core/nudges/wakingHours.js';
import { at, hoursIn, makePerson } from './factories.js';

describe('nextAllowedTime', () => {
  it('when the due time is inside the window, then it is kept to the millisecond', () => {
    const due = at('2026-11-10T10:15:30.250Z');
    expect(nextAllowedTime(due, hoursIn('UTC'))).toEqual(due);
  });

  it('when the due time is before the window opens, then it moves to the opening that morning', () => {
    expect(nextAllowedTime(at('2026-11-10T06:00:00Z'), hoursIn('UTC'))).toEqual(at('2026-11-10T09:00:00Z'));
  });

  it('when the due time is exactly the window end, then it moves to the next morning (the end is exclusive)', () => {
    expect(nextAllowedTime(at('2026-11-10T20:00:00Z'), hoursIn('UTC'))).toEqual(at('2026-11-11T09:00:00Z'));
  });

  it('when the due time is one minute before the end, then it is allowed', () => {
    const due = at('2026-11-10T19:59:00Z');
    expect(nextAllowedTime(due, hoursIn('UTC'))).toEqual(due);
  });

  it('when the window is read in New York, then 09:00 means 09:00 local, not UTC', () => {
    // 12:00 UTC is 07:00 in New York (EST, UTC-5).
    expect(nextAllowedTime(at('2026-12-01T12:00:00Z'), hoursIn('America/New_York'))).toEqual(
      at('2026-12-01T14:00:00Z'),
    );
  });

  it('when the night before the New York fall-back is outside the window, then the next morning is 09:00 EST', () => {
    // Sat 2026-10-31 23:30 EDT; clocks go back on Sun 2026-11-01 at 02:00.
    expect(nextAllowedTime(at('2026-11-01T03:30:00Z'), hoursIn('America/New_York'))).toEqual(
      at('2026-11-01T14:00:00Z'),
    );
  });

  it('when the night before the Berlin fall-back is outside the window, then the next morning is 09:00 CET', () => {
    // Sat 2026-10-24 21:00 CEST; clocks go back on Sun 2026-10-25 at 03:00.
    expect(nextAllowedTime(at('2026-10-24T19:00:00Z'), hoursIn('Europe/Berlin'))).toEqual(
      at('2026-10-25T08:00:00Z'),
    );
  });

  it('when the night before the New York spring-forward is outside the window, then the next morning is 09:00 EDT', () => {
    // Sat 2027-03-13 22:00 EST; clocks jump on Sun 2027-03-14 from 02:00 to 03:00.
    expect(nextAllowedTime(at('2027-03-14T03:00:00Z'), hoursIn('America/New_York'))).toEqual(
      at('2027-03-14T13:00:00Z'),
    );
  });

  it('when the window opens at 02:30 on the spring-forward day, then it opens at the jump (03:00 EDT)', () => {
    // 02:30 does not exist in New York on 2027-03-14; 01:00 EST is 06:00 UTC.
    const hours = hoursIn('America/New_York', 2 * 60 + 30, 10 * 60);
    expect(nextAllowedTime(at('2027-03-14T06:00:00Z'), hours)).toEqual(at('2027-03-14T07:00:00Z'));
  });

  it('when the window opens at 01:30 on the fall-back day, then it opens at the first 01:30 (EDT)', () => {
    // 01:30 happens twice in New York on 2026-11-01; 00:30 EDT is 04:30 UTC.
    const hours = hoursIn('America/New_York', 90, 5 * 60);
    expect(nextAllowedTime(at('2026-11-01T04:30:00Z'), hours)).toEqual(at('2026-11-01T05:30:00Z'));
  });

  it('when the time zone is unknown, then UTC is used rather than losing the nudge', () => {
    expect(nextAllowedTime(at('2026-11-10T06:00:00Z'), hoursIn('Not/AZone'))).toEqual(
      at('2026-11-10T09:00:00Z'),
    );
  });
});

describe('a window that wraps past midnight (22:00 to 06:00)', () => {
  const nightOwl = hoursIn('UTC', 22 * 60, 6 * 60);

  it('when it is 23:00 or 03:00, then the time is allowed', () => {
    expect(isWithinWakingHours(at('2026-11-10T23:00:00Z'), nightOwl)).toBe(true);
    expect(isWithinWakingHours(at('2026-11-11T03:00:00Z'), nightOwl)).toBe(true);
  });

  it('when it is noon, then the nudge waits for 22:00 the same day', () => {
    expect(nextAllowedTime(at('2026-11-10T12:00:00Z'), nightOwl)).toEqual(at('2026-11-10T22:00:00Z'));
  });

  it('when it is exactly 06:00, then the window has closed and reopens at 22:00', () => {
    expect(nextAllowedTime(at('2026-11-10T06:00:00Z'), nightOwl)).toEqual(at('2026-11-10T22:00:00Z'));
  });

  it('when asked for the latest time before noon, then it is 05:59 that morning', () => {
    expect(latestAllowedBefore(at('2026-11-10T12:00:00Z'), nightOwl)).toEqual(at('2026-11-10T05:59:00Z'));
  });
});

describe('a window with the same start and end', () => {
  it('when start equals end, then every time of day is allowed', () => {
    const always = hoursIn('UTC', 0, 0);
    expect(isWithinWakingHours(at('2026-11-10T03:00:00Z'), always)).toBe(true);
    expect(nextAllowedTime(at('2026-11-10T03:00:00Z'), always)).toEqual(at('2026-11-10T03:00:00Z'));
  });
});

describe('latestAllowedBefore', () => {
  it('when the limit is inside the window, then the limit itself is returned', () => {
    const limit = at('2026-11-10T14:00:00Z');
    expect(latestAllowedBefore(limit, hoursIn('UTC'))).toEqual(limit);
  });

  it('when the limit is early in the morning, then it is the last minute of the previous evening', () => {
    expect(latestAllowedBefore(at('2026-11-10T07:00:00Z'), hoursIn('UTC'))).toEqual(
      at('2026-11-09T19:59:00Z'),
    );
  });

  it('when the limit is late in the evening, then it is the last minute of that day', () => {
    expect(latestAllowedBefore(at('2026-11-10T22:00:00Z'), hoursIn('UTC'))).toEqual(
      at('2026-11-10T19:59:00Z'),
    );
  });

  it('when the last allowed minute is earlier than notBefore, then there is none', () => {
    expect(
      latestAllowedBefore(at('2026-11-10T07:00:00Z'), hoursIn('UTC'), at('2026-11-09T21:00:00Z')),
    ).toBeNull();
  });

  it('when the previous evening is before the Berlin fall-back, then 19:59 CEST is used', () => {
    // Sun 2026-10-25 07:00 CET (06:00 UTC); Sat 19:59 CEST is 17:59 UTC.
    expect(latestAllowedBefore(at('2026-10-25T06:00:00Z'), hoursIn('Europe/Berlin'))).toEqual(
      at('2026-10-24T17:59:00Z'),
    );
  });
});

describe('nextLocalTime and nextWindowStart', () => {
  it('when it is Sunday, then next Monday 09:00 is the following day', () => {
    expect(nextLocalTime(at('2026-11-22T15:00:00Z'), 'UTC', 1, 540)).toEqual(at('2026-11-23T09:00:00Z'));
  });

  it('when it is Monday before 09:00, then it is 09:00 that same Monday', () => {
    expect(nextLocalTime(at('2026-11-23T08:59:00Z'), 'UTC', 1, 540)).toEqual(at('2026-11-23T09:00:00Z'));
  });

  it('when it is Monday at exactly 09:00, then it is the Monday after', () => {
    expect(nextLocalTime(at('2026-11-23T09:00:00Z'), 'UTC', 1, 540)).toEqual(at('2026-11-30T09:00:00Z'));
  });

  it('when the week crosses the Berlin fall-back, then Monday 09:00 is 09:00 CET', () => {
    // From Fri 2026-10-23 12:00 CEST to Mon 2026-10-26 09:00 CET (08:00 UTC).
    expect(nextLocalTime(at('2026-10-23T10:00:00Z'), 'Europe/Berlin', 1, 540)).toEqual(
      at('2026-10-26T08:00:00Z'),
    );
  });

  it('when no weekday is given, then the next day at that time is returned', () => {
    expect(nextLocalTime(at('2026-11-10T10:00:00Z'), 'UTC', null, 540)).toEqual(at('2026-11-11T09:00:00Z'));
  });

  it('when the weekday is out of range, then it fails loudly (a bug, not user input)', () => {
    expect(() => nextLocalTime(at('2026-11-10T10:00:00Z'), 'UTC', 8, 540)).toThrow(RangeError);
  });

  it('when inside a window, then the next window start is the following morning', () => {
    expect(nextWindowStart(at('2026-11-10T09:00:00Z'), hoursIn('UTC'))).toEqual(at('2026-11-11T09:00:00Z'));
  });
});

describe('wakingHoursOf', () => {
  it("when the person's stored zone is no zone, then the worker uses the organization's zone, not UTC", () => {
    expect(wakingHoursOf(makePerson({ timezone: 'Not/AZone' }), 'Europe/Paris').timezone).toBe(
      'Europe/Paris',
    );
    expect(wakingHoursOf(makePerson({ timezone: null }), 'Europe/Paris').timezone).toBe('Europe/Paris');
    expect(wakingHoursOf(makePerson({ timezone: 'Asia/Tokyo' }), 'Europe/Paris').timezone).toBe('Asia/Tokyo');
  });
});
