import { describe, expect, it } from 'vitest';
import { DEFAULT_NUDGE_CONFIG, resolveNudgeConfig } from '../../../../src/core/nudges/nudgeConfig.js';

describe('resolveNudgeConfig', () => {
  it('when there are no overrides, then the product defaults apply', () => {
    expect(resolveNudgeConfig({})).toEqual({
      followUpDays: 7,
      maxFollowUps: 3,
      prepHoursBefore: 24,
      thankYouHoursAfter: 2,
      keepInTouchDays: 30,
      secondConversationDays: 90,
      pipelineTarget: 10,
      inactivityDays: 14,
      reflectMeetings: 3,
      reflectDays: 28,
      wakeStartMinute: 540,
      wakeEndMinute: 1200,
    });
  });

  it('when valid overrides are given, then they replace the defaults', () => {
    const config = resolveNudgeConfig({
      followUpDays: 5,
      maxFollowUps: 2,
      thankYouHoursAfter: 0,
      wakeEndMinute: 1440,
    });
    expect(config).toMatchObject({
      followUpDays: 5,
      maxFollowUps: 2,
      thankYouHoursAfter: 0,
      wakeEndMinute: 1440,
    });
    expect(config.prepHoursBefore).toBe(24);
  });

  it('when keys are unknown or inherited, then they are ignored', () => {
    const overrides = JSON.parse('{"followUpDayz": 1, "__proto__": {"followUpDays": 1}, "toString": 3}');
    expect(resolveNudgeConfig(overrides)).toEqual(DEFAULT_NUDGE_CONFIG);
  });

  it('when values are of the wrong type or out of range, then each falls back to its default', () => {
    const overrides = {
      followUpDays: 0,
      maxFollowUps: 2.5,
      prepHoursBefore: Number.NaN,
      keepInTouchDays: -3,
      pipelineTarget: '12',
      reflectDays: Number.POSITIVE_INFINITY,
      wakeStartMinute: 1440,
    } as unknown as Record<string, number>;
    expect(resolveNudgeConfig(overrides)).toEqual(DEFAULT_NUDGE_CONFIG);
  });

  it('when the stored overrides are null, then the defaults apply', () => {
    expect(resolveNudgeConfig(null)).toEqual(DEFAULT_NUDGE_CONFIG);
  });

  it('when a config is resolved and changed, then the shared defaults stay untouched', () => {
    const config = resolveNudgeConfig({});
    config.followUpDays = 1;
    expect(DEFAULT_NUDGE_CONFIG.followUpDays).toBe(7);
  });
});
