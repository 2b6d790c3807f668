import { describe, expect, it } from 'vitest';
import { COMMANDS, commandMap } from '../../../../src/core/commands/index.js';
import { parseNudgesReset, parseNudgesSet } from '../../../../src/core/commands/nudgeSettingsCommands.js';
import { splitSubcommand } from '../../../../src/core/grammar/subcommands.js';
import { DEFAULT_NUDGE_CONFIG, LIMITS } from '../../../../src/core/nudges/nudgeConfig.js';
import { findSetting, NUDGE_SETTINGS } from '../../../../src/core/nudges/nudgeSettings.js';

const named = (name: string) => {
  const found = NUDGE_SETTINGS.find((s) => s.name === name);
  if (!found) throw new Error(`no setting ${name}`);
  return found;
};
const read = (name: string, raw: string) => named(name).read(raw);

describe('the nudge settings', () => {
  it('when listed, then every value of the nudge config is set by exactly one setting', () => {
    const keys = NUDGE_SETTINGS.flatMap((s) => s.keys).sort();
    expect(keys).toEqual(Object.keys(LIMITS).sort());
    expect(new Set(NUDGE_SETTINGS.map((s) => s.name)).size).toBe(NUDGE_SETTINGS.length);
  });

  it('when the defaults are said in words, then they read as PRODUCT.md says them', () => {
    expect(NUDGE_SETTINGS.map((s) => [s.name, s.valueText(DEFAULT_NUDGE_CONFIG)])).toEqual([
      ['follow-up-days', '7 days'],
      ['follow-ups', '3 follow-ups'],
      ['prep-hours', '24 hours'],
      ['thank-you-hours', '2 hours'],
      ['keep-in-touch-days', '30 days'],
      ['second-conversation-days', '90 days'],
      ['pipeline-target', '10 open contacts'],
      ['inactivity-days', '14 days'],
      ['reflect-meetings', '3 meetings'],
      ['reflect-days', '28 days'],
      ['waking-hours', '09:00 to 20:00'],
    ]);
  });
});

describe('findSetting', () => {
  it.each([
    ['follow-up-days', 'follow-up-days'],
    ['FOLLOW_UP_DAYS', 'follow-up-days'],
    [' prep-hours ', 'prep-hours'],
  ])('when %j is typed, then it is %j', (typed, name) => {
    expect(findSetting(typed).setting?.name).toBe(name);
  });

  it.each([
    ['folow-up-days', 'follow-up-days'],
    ['followups', 'follow-ups'],
    ['thankyou-hours', 'thank-you-hours'],
    ['waking', 'waking-hours'],
  ])('when %j is typed, then nothing is found and %j is the closest', (typed, closest) => {
    expect(findSetting(typed)).toEqual({ closest });
  });

  it('when nothing is near, then there is no suggestion', () => {
    expect(findSetting('colour')).toEqual({});
  });
});

describe('reading a value', () => {
  it.each([
    ['follow-up-days', '5', { followUpDays: 5 }],
    ['follow-up-days', '2.5', { followUpDays: 2.5 }],
    ['follow-up-days', '2 weeks', { followUpDays: 14 }],
    ['follow-up-days', '36h', { followUpDays: 1.5 }],
    ['prep-hours', '48', { prepHoursBefore: 48 }],
    ['prep-hours', '2 days', { prepHoursBefore: 48 }],
    ['thank-you-hours', '0', { thankYouHoursAfter: 0 }],
    ['thank-you-hours', '90 minutes', { thankYouHoursAfter: 1.5 }],
    ['follow-ups', '0', { maxFollowUps: 0 }],
    ['pipeline-target', '8', { pipelineTarget: 8 }],
    ['second-conversation-days', '730', { secondConversationDays: 730 }],
    ['waking-hours', '08:00-21:00', { wakeStartMinute: 480, wakeEndMinute: 1260 }],
    ['waking-hours', '8am to 9pm', { wakeStartMinute: 480, wakeEndMinute: 1260 }],
    ['waking-hours', '22:00-06:00', { wakeStartMinute: 1320, wakeEndMinute: 360 }],
  ])('when %s is given %j, then it sets %j', (name, raw, expected) => {
    expect(read(name, raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [
      'follow-up-days',
      '0',
      'That is out of range: follow-up-days takes a number of days above 0, at most 365.',
    ],
    [
      'follow-up-days',
      '366',
      'That is out of range: follow-up-days takes a number of days above 0, at most 365.',
    ],
    [
      'follow-up-days',
      'soon',
      'I could not read that; give a number, or a length like "2 weeks": follow-up-days',
    ],
    [
      'thank-you-hours',
      '169',
      'That is out of range: thank-you-hours takes a number of hours from 0 to 168.',
    ],
    ['follow-ups', '11', 'That is out of range: follow-ups takes a whole number from 0 to 10.'],
    ['follow-ups', '1.5', 'That is not a whole number: follow-ups takes a whole number from 0 to 10.'],
    ['pipeline-target', '0', 'pipeline-target takes a whole number from 1 to 100.'],
    ['reflect-meetings', 'three', 'reflect-meetings takes a whole number from 1 to 100.'],
    ['waking-hours', '9', 'waking-hours takes two different times of day, like 08:00-21:00.'],
    ['waking-hours', '09:00-09:00', 'waking-hours takes two different times of day'],
  ])('when %s is given %j, then it is refused naming the range', (name, raw, message) => {
    const result = read(name, raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid_value');
    expect(result.error.message).toContain(message);
    expect(result.error.usage).toBe(named(name).usage);
  });
});

describe('the text grammar of nudges', () => {
  it.each([
    ['nudges', 'nudges show', ''],
    ['Nudges Show', 'nudges show', ''],
    ['nudges set follow-ups 2', 'nudges set', 'follow-ups 2'],
    ['NUDGES RESET all', 'nudges reset', 'all'],
  ])('when %j is typed, then it runs %j with the rest %j', (typed, name, rest) => {
    const byPath = commandMap(COMMANDS);
    const split = splitSubcommand(typed, new Set(byPath.keys()));
    expect({ name: byPath.get(split.path)?.name, rest: split.rest }).toEqual({ name, rest });
  });

  it('when set is given a setting and a value of several words, then the value is kept whole', () => {
    expect(parseNudgesSet('waking-hours 08:00 - 21:00')).toEqual({
      ok: true,
      value: { setting: 'waking-hours', value: '08:00 - 21:00' },
    });
    expect(parseNudgesSet('keep-in-touch-days 6 weeks')).toEqual({
      ok: true,
      value: { setting: 'keep-in-touch-days', value: '6 weeks' },
    });
  });

  it('when set or reset miss a word, then the usage comes back', () => {
    expect(parseNudgesSet('follow-ups')).toMatchObject({
      ok: false,
      error: { kind: 'usage', usage: 'nudges set <setting> <value>' },
    });
    expect(parseNudgesReset('')).toMatchObject({
      ok: false,
      error: { kind: 'usage', usage: 'nudges reset <setting|all>' },
    });
    expect(parseNudgesReset('follow-ups prep-hours')).toMatchObject({ ok: false });
    expect(parseNudgesReset('all')).toEqual({ ok: true, value: { setting: 'all' } });
  });
});
