import { describe, expect, it } from 'vitest';
import { parseLocalTime, parseTimeRange, parseWeekday } from '../../../../src/core/grammar/dates.js';

describe('parseLocalTime', () => {
  it.each([
    ['9:00', 540],
    ['9am', 540],
    ['9 AM', 540],
    ['9:30pm', 1290],
    ['21:30', 1290],
    ['00:15', 15],
    ['12am', 0],
    ['12pm', 720],
    ['noon', 720],
    ['midnight', 0],
    ['7', 420],
    ['9.30', 570],
  ])('when %j is typed, then it is %i minutes after midnight', (text, minute) => {
    expect(parseLocalTime(text)).toEqual({ ok: true, value: minute });
  });

  it.each(['25:00', '9:60', '13pm', '0am', 'soon', '', '9:5'])(
    'when %j is typed, then it fails with invalid_value',
    (text) => {
      const result = parseLocalTime(text);
      expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_value');
    },
  );
});

describe('parseTimeRange', () => {
  it.each([
    ['22:00-08:00', 1320, 480],
    ['22:00 - 08:00', 1320, 480],
    ['22:00–08:00', 1320, 480],
    ['10pm to 8am', 1320, 480],
    ['13:00-14:30', 780, 870],
  ])('when %j is typed, then it runs from minute %i to minute %i', (text, fromMinute, toMinute) => {
    expect(parseTimeRange(text)).toEqual({ ok: true, value: { fromMinute, toMinute } });
  });

  it.each(['22:00', '22:00-', '22:00-08:00-09:00', 'late-early', '9am-9:00'])(
    'when %j is typed, then it fails with invalid_value',
    (text) => {
      const result = parseTimeRange(text);
      expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_value');
    },
  );
});

describe('parseWeekday', () => {
  it.each([
    ['mon', 1],
    ['Monday', 1],
    ['mondays', 1],
    ['tue', 2],
    ['tues', 2],
    ['wed', 3],
    ['thurs', 4],
    ['Thursday', 4],
    ['fri.', 5],
    ['sat', 6],
    ['sunday', 7],
  ])('when %j is typed, then it is ISO weekday %i', (text, weekday) => {
    expect(parseWeekday(text)).toEqual({ ok: true, value: weekday });
  });

  it.each(['someday', 'mo', '', 'monday9'])('when %j is typed, then it fails with invalid_value', (text) => {
    const result = parseWeekday(text);
    expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_value');
  });
});
