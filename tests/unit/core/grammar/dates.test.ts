import { describe, expect, it } from 'vitest';
import {
  isDateText,
  isValidTimeZone,
  parseWhen,
  type WhenOptions,
} from '../../../../src/core/grammar/dates.js';

const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
/** Saturday 2026-10-31, 12:00 in New York (EDT, UTC-4); clocks fall back the next night. */
const NY_SATURDAY_NOON = new Date('2026-10-31T16:00:00Z');
/** Saturday 2026-10-24, 12:00 in Berlin (CEST, UTC+2); clocks fall back the next night. */
const BERLIN_SATURDAY_NOON = new Date('2026-10-24T10:00:00Z');

const ny = (future: boolean): WhenOptions => ({ timezone: NEW_YORK, now: NY_SATURDAY_NOON, future });

function when(text: string, options: WhenOptions) {
  const result = parseWhen(text, options);
  if (!result.ok) return result.error.kind;
  return {
    iso: result.value.date.toISOString(),
    explicitDate: result.value.explicitDate,
    hasTime: result.value.hasTime,
  };
}

describe('parseWhen across daylight-saving changes', () => {
  it('when "tomorrow 3pm" is typed the day before New York falls back, then it uses the winter offset', () => {
    expect(when('tomorrow 3pm', ny(true))).toEqual({
      iso: '2026-11-01T20:00:00.000Z',
      explicitDate: true,
      hasTime: true,
    });
  });

  it('when a weekday and time are typed before the change, then the weekday after it gets the new offset', () => {
    expect(when('monday 9am', ny(true))).toEqual({
      iso: '2026-11-02T14:00:00.000Z',
      explicitDate: false,
      hasTime: true,
    });
  });

  it('when "next tue 10:30" is typed, then it is the coming Tuesday at 10:30 local', () => {
    expect(when('next tue 10:30', ny(true))).toMatchObject({
      iso: '2026-11-03T15:30:00.000Z',
      hasTime: true,
    });
  });

  it("when an ISO-like date and time are typed, then they are read in the person's zone", () => {
    expect(when('2026-12-03 15:00', ny(true))).toEqual({
      iso: '2026-12-03T20:00:00.000Z',
      explicitDate: true,
      hasTime: true,
    });
  });

  it('when "tomorrow 10:00" is typed the day before Berlin falls back, then it uses CET', () => {
    const options = { timezone: BERLIN, now: BERLIN_SATURDAY_NOON, future: true };
    expect(when('tomorrow 10:00', options)).toMatchObject({ iso: '2026-10-25T09:00:00.000Z' });
    expect(when('today 18:00', options)).toMatchObject({ iso: '2026-10-24T16:00:00.000Z' });
  });

  it('when "in 3 hours" spans the repeated hour, then it is three hours of elapsed time', () => {
    // 01:30 EDT, the first of the two 01:30s of 2026-11-01.
    const options = { timezone: NEW_YORK, now: new Date('2026-11-01T05:30:00Z'), future: true };
    expect(when('in 3 hours', options)).toMatchObject({ iso: '2026-11-01T08:30:00.000Z', hasTime: true });
  });

  it('when a time falls in the hour skipped in spring, then it moves forward past the gap', () => {
    const options = { timezone: NEW_YORK, now: new Date('2026-03-01T12:00:00Z'), future: true };
    expect(when('2026-03-08 2:30am', options)).toMatchObject({ iso: '2026-03-08T07:30:00.000Z' });
  });

  it("when the same words are read in two zones, then the instants differ by the zones' offsets", () => {
    const now = new Date('2026-07-01T12:00:00Z');
    const inNewYork = when('2026-07-10 09:00', { timezone: NEW_YORK, now, future: true });
    const inBerlin = when('2026-07-10 09:00', { timezone: BERLIN, now, future: true });
    expect(inNewYork).toMatchObject({ iso: '2026-07-10T13:00:00.000Z' });
    expect(inBerlin).toMatchObject({ iso: '2026-07-10T07:00:00.000Z' });
  });

  it('when the person types a zone abbreviation, then it overrides their own zone', () => {
    expect(when('3pm EST', { timezone: BERLIN, now: NY_SATURDAY_NOON, future: true })).toMatchObject({
      iso: '2026-10-31T20:00:00.000Z',
    });
  });
});

describe('parseWhen for things still to come', () => {
  it('when a weekday alone is typed, then it is the next such day, at noon, without a time', () => {
    expect(when('monday', ny(true))).toEqual({
      iso: '2026-11-02T17:00:00.000Z',
      explicitDate: false,
      hasTime: false,
    });
  });

  it('when a time already passed today is typed alone, then it is that time tomorrow', () => {
    expect(when('10am', ny(true))).toMatchObject({ iso: '2026-11-01T15:00:00.000Z', explicitDate: false });
  });

  it('when a time still ahead today is typed alone, then it is today', () => {
    expect(when('3pm', ny(true))).toMatchObject({ iso: '2026-10-31T19:00:00.000Z' });
  });

  it('when a date without a time is typed, then hasTime is false', () => {
    expect(when('tomorrow', ny(true))).toEqual({
      iso: '2026-11-01T17:00:00.000Z',
      explicitDate: true,
      hasTime: false,
    });
    expect(when('today', ny(true))).toMatchObject({ hasTime: false, explicitDate: true });
  });

  it.each(['yesterday', '2026-10-01 15:00', 'today 8am', 'last monday'])(
    'when the past date %j is typed, then it fails with past_date',
    (text) => {
      expect(when(text, ny(true))).toBe('past_date');
    },
  );

  it.each(['banana', '', '   ', 'tomorrow and friday', 'Doe tomorrow 3pm', 'at'])(
    'when %j is typed, then it fails with invalid_date',
    (text) => {
      expect(when(text, ny(true))).toBe('invalid_date');
    },
  );

  it('when thousands of characters are typed as a date, then it fails with invalid_date without reading them', () => {
    expect(when('1'.repeat(4000), ny(true))).toBe('invalid_date');
  });

  it('when the date cannot be read, then the typed text is only in the detail as user text', () => {
    const result = parseWhen('<!channel> soon', ny(true));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).not.toContain('channel');
    expect(result.error.detail).toEqual([['You typed: ', { user: '<!channel> soon' }]]);
  });

  it('when filler words surround the date, then they are ignored', () => {
    expect(when('on monday at 9', ny(true))).toMatchObject({ iso: '2026-11-02T14:00:00.000Z' });
  });
});

describe('parseWhen for things that happened', () => {
  it('when a weekday alone is typed, then it is the latest such day', () => {
    expect(when('monday', ny(false))).toEqual({
      iso: '2026-10-26T16:00:00.000Z',
      explicitDate: false,
      hasTime: false,
    });
    expect(when('friday', ny(false))).toMatchObject({ iso: '2026-10-30T16:00:00.000Z' });
  });

  it("when today's weekday is typed, then it is today", () => {
    expect(when('saturday', ny(false))).toMatchObject({ iso: '2026-10-31T16:00:00.000Z' });
  });

  it('when "next monday" is typed, then the week it names is kept', () => {
    expect(when('next monday', ny(false))).toMatchObject({ iso: '2026-11-02T17:00:00.000Z' });
  });

  it('when a past date is typed, then it is accepted', () => {
    expect(when('yesterday', ny(false))).toEqual({
      iso: '2026-10-30T16:00:00.000Z',
      explicitDate: true,
      hasTime: false,
    });
  });
});

describe('isDateText', () => {
  it.each(['monday', 'next tue', '2026-11-02', 'tomorrow at 3pm'])(
    'when %j is checked, then it is a date',
    (text) => {
      expect(isDateText(text)).toBe(true);
    },
  );

  it.each(['monday product roles', 'product roles', ''])(
    'when %j is checked, then it is not only a date',
    (text) => {
      expect(isDateText(text)).toBe(false);
    },
  );
});

describe('isValidTimeZone', () => {
  it.each(['America/Chicago', 'Europe/Berlin', 'UTC', 'Asia/Kolkata'])(
    'when %j is checked, then it is valid',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  it.each(['Mars/Olympus', '', 'New York', '+02:00'])('when %j is checked, then it is not valid', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });

  it('when the zone is unknown, then parseWhen reads the date in UTC rather than failing', () => {
    const options = { timezone: 'Mars/Olympus', now: NY_SATURDAY_NOON, future: true };
    expect(when('2026-12-03 15:00', options)).toMatchObject({ iso: '2026-12-03T15:00:00.000Z' });
  });
});

/** Friday 2026-12-04, 12:00 in New York (EST, UTC-5). */
const NY_FRIDAY_NOON = new Date('2026-12-04T17:00:00Z');
const fri = (future: boolean, locale?: string): WhenOptions => ({
  timezone: NEW_YORK,
  now: NY_FRIDAY_NOON,
  future,
  ...(locale ? { locale } : {}),
});
const read = (text: string, options: WhenOptions) => {
  const result = parseWhen(text, options);
  return result.ok ? result.value : result.error.kind;
};

describe('parseWhen understood the first time (issue 16)', () => {
  it.each([
    ['tomorrow at 4', '2026-12-05T21:00:00.000Z', 'pm'],
    ['dec 12 at 3:30', '2026-12-12T20:30:00.000Z', 'pm'],
    ['at 4', '2026-12-04T21:00:00.000Z', 'pm'],
    ['monday at 7', '2026-12-08T00:00:00.000Z', 'pm'],
    ['tomorrow at 9', '2026-12-05T14:00:00.000Z', 'am'],
    ['tomorrow 9', '2026-12-05T14:00:00.000Z', 'am'],
    ['fri 10:30', '2026-12-11T15:30:00.000Z', 'am'],
    ['tomorrow 2', '2026-12-05T19:00:00.000Z', 'pm'],
  ])(
    'when a meeting at %j is typed without am or pm, then it is %s with the guess %s said',
    (text, iso, guess) => {
      expect(read(text, fri(true))).toMatchObject({
        date: new Date(iso),
        hasTime: true,
        guessedMeridiem: guess,
      });
    },
  );

  it.each([
    ['tomorrow 3pm', '2026-12-05T20:00:00.000Z'],
    ['tomorrow 4am', '2026-12-05T09:00:00.000Z'],
    ['tomorrow 05:00', '2026-12-05T10:00:00.000Z'],
    ['tomorrow 15:00', '2026-12-05T20:00:00.000Z'],
  ])('when %j gives the half of the day, then nothing is guessed', (text, iso) => {
    const value = read(text, fri(true));
    expect(value).toMatchObject({ date: new Date(iso) });
    expect(value).not.toHaveProperty('guessedMeridiem');
  });

  it('when "on the 15th at 2pm" is typed, then it is the coming 15th', () => {
    expect(read('on the 15th at 2pm', fri(true))).toMatchObject({
      date: new Date('2026-12-15T19:00:00.000Z'),
    });
    expect(read('the 3rd at 10am', fri(true))).toMatchObject({ date: new Date('2027-01-03T15:00:00.000Z') });
  });

  it('when "on the 1st" is typed about the past, then it is the latest 1st', () => {
    expect(read('on the 1st', fri(false))).toMatchObject({ date: new Date('2026-12-01T17:00:00.000Z') });
    expect(read('the 28th', fri(false))).toMatchObject({ date: new Date('2026-11-28T17:00:00.000Z') });
  });

  it.each([
    ['3 days ago', '2026-12-01'],
    ['last week', '2026-11-27'],
    ['nov 28', '2026-11-28'],
    ['yesterday', '2026-12-03'],
  ])('when %j is typed about the past, then it is %s', (text, day) => {
    const value = read(text, fri(false));
    expect(typeof value).toBe('object');
    if (typeof value === 'string') return;
    expect(value.date.toISOString().slice(0, 10)).toBe(day);
  });

  it('when "10/12 at 9:30am" is typed in en-US, then it is 12 October; in en-GB it is 10 December', () => {
    expect(read('10/12 at 9:30am', fri(true, 'en-US'))).toMatchObject({
      date: new Date('2027-10-12T13:30:00.000Z'),
      numericDate: true,
    });
    expect(read('10/12 at 9:30am', fri(true, 'en-GB'))).toMatchObject({
      date: new Date('2026-12-10T14:30:00.000Z'),
      numericDate: true,
    });
    expect(read('10/12 at 9:30am', fri(true, 'fr'))).toMatchObject({
      date: new Date('2026-12-10T14:30:00.000Z'),
    });
  });
});
