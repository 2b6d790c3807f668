import { describe, expect, it } from 'vitest';
import { parseDuration, parseMinutes } from '../../../../src/core/grammar/durations.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['3 days', 3 * DAY],
    ['2d', 2 * DAY],
    ['1 week', 7 * DAY],
    ['2 Weeks', 14 * DAY],
    ['12 hours', 12 * HOUR],
    ['36h', 36 * HOUR],
    ['a week', 7 * DAY],
    ['an hour', HOUR],
    ['1 day and 12 hours', 36 * HOUR],
    ['1.5 days', 36 * HOUR],
    ['90 minutes', 90 * 60_000],
  ])('when %j is typed, then it lasts %i ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: { ms } });
  });

  it.each(['3', 'forever', '', 'three days', '3 fortnights', '3 constructor', '2 days 4'])(
    'when %j is typed, then it fails with invalid_value',
    (text) => {
      const result = parseDuration(text);
      expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_value');
    },
  );

  it.each(['0 days', '400 days', '53 weeks'])(
    'when %j is typed, then it is refused as out of range',
    (text) => {
      const result = parseDuration(text);
      expect(result.ok ? 'ok' : result.error.message).toContain('between a minute and a year');
    },
  );
});

describe('parseMinutes', () => {
  it.each([
    ['30', 30],
    ['30 min', 30],
    ['30min', 30],
    ['45 minutes', 45],
    ['1h', 60],
    ['1 hour', 60],
    ['90 minutes', 90],
    ['1h 30m', 90],
    ['1.5 hours', 90],
    ['an hour', 60],
  ])('when %j is typed, then it is %i minutes', (text, minutes) => {
    expect(parseMinutes(text)).toEqual({ ok: true, value: minutes });
  });

  it.each(['0', '2000', 'lots', 'a', '', '30 parsecs', '1h 30'])(
    'when %j is typed, then it fails with invalid_value',
    (text) => {
      const result = parseMinutes(text);
      expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_value');
    },
  );
});
