import { describe, expect, it } from 'vitest';
import { DEFAULT_NUDGE_CONFIG } from '../../../../src/core/nudges/nudgeConfig.js';
import { type PersonNudgeState, planPersonNudges } from '../../../../src/core/nudges/nudgeRules.js';
import { at, hoursIn, makePerson } from './factories.js';

function personState(overrides: Partial<PersonNudgeState> = {}): PersonNudgeState {
  return {
    person: makePerson(),
    contacts: [],
    meetingsHeld: 0,
    firstOutreachAt: null,
    sent: [],
    ...overrides,
  };
}

const weekly = (state: PersonNudgeState, now: string, timezone = 'UTC') =>
  planPersonNudges(state, hoursIn(timezone), DEFAULT_NUDGE_CONFIG, at(now)).filter(
    (n) => n.kind === 'weekly_pipeline',
  );
const reflect = (state: PersonNudgeState, now: string) =>
  planPersonNudges(state, hoursIn('UTC'), DEFAULT_NUDGE_CONFIG, at(now)).filter((n) => n.kind === 'reflect');

describe('the weekly pipeline nudge', () => {
  it('when it is Sunday, then it is planned for Monday at the start of waking hours, keyed by ISO week', () => {
    const state = personState();
    expect(weekly(state, '2026-11-22T15:00:00Z')).toEqual([
      {
        kind: 'weekly_pipeline',
        dedupeKey: 'weekly_pipeline:person-1:2026-W48',
        personId: 'person-1',
        contactId: null,
        expectedStage: null,
        dueAt: at('2026-11-23T09:00:00Z'),
        payload: { target: 10 },
      },
    ]);
  });

  it('when it is Monday before the window opens, then it is due that same morning', () => {
    expect(weekly(personState(), '2026-11-23T07:30:00Z').map((n) => [n.dedupeKey, n.dueAt])).toEqual([
      ['weekly_pipeline:person-1:2026-W48', at('2026-11-23T09:00:00Z')],
    ]);
  });

  it('when it is Monday after the window opened, then the next one is the Monday after', () => {
    expect(weekly(personState(), '2026-11-23T09:00:01Z').map((n) => [n.dedupeKey, n.dueAt])).toEqual([
      ['weekly_pipeline:person-1:2026-W49', at('2026-11-30T09:00:00Z')],
    ]);
  });

  it('when the coming Monday is in the last ISO week of 2026 or the first of 2027, then the key names that ISO week', () => {
    expect(weekly(personState(), '2026-12-27T12:00:00Z')[0]!.dedupeKey).toBe(
      'weekly_pipeline:person-1:2026-W53',
    );
    expect(weekly(personState(), '2027-01-01T12:00:00Z')[0]!.dedupeKey).toBe(
      'weekly_pipeline:person-1:2027-W01',
    );
  });

  it('when the student lives in New York, then Monday 09:00 is local time', () => {
    expect(weekly(personState(), '2026-11-22T15:00:00Z', 'America/New_York')[0]!.dueAt).toEqual(
      at('2026-11-23T14:00:00Z'),
    );
  });

  it("when this week's nudge was sent, then planning again on Monday gives next week's", () => {
    const state = personState({
      sent: [
        {
          dedupeKey: 'weekly_pipeline:person-1:2026-W48',
          kind: 'weekly_pipeline',
          sentAt: at('2026-11-23T09:00:00Z'),
        },
      ],
    });
    expect(weekly(state, '2026-11-23T09:00:05Z').map((n) => n.dedupeKey)).toEqual([
      'weekly_pipeline:person-1:2026-W49',
    ]);
  });

  it('when the person is a mentor or a coordinator, then no person nudges are planned', () => {
    for (const role of ['mentor', 'coordinator'] as const) {
      const state = personState({ person: makePerson({ role }), meetingsHeld: 5 });
      expect(
        planPersonNudges(state, hoursIn('UTC'), DEFAULT_NUDGE_CONFIG, at('2026-11-22T15:00:00Z')),
      ).toEqual([]);
    }
  });
});

describe('the reflection nudge', () => {
  it('when three meetings were held, then it is due now', () => {
    expect(reflect(personState({ meetingsHeld: 3 }), '2026-11-24T11:00:00Z')).toEqual([
      {
        kind: 'reflect',
        dedupeKey: 'reflect:person-1',
        personId: 'person-1',
        contactId: null,
        expectedStage: null,
        dueAt: at('2026-11-24T11:00:00Z'),
        payload: { meetingsHeld: 3, trigger: 'meetings' },
      },
    ]);
  });

  it('when the third meeting is logged at night, then it waits for the morning', () => {
    expect(reflect(personState({ meetingsHeld: 3 }), '2026-11-24T22:00:00Z')[0]!.dueAt).toEqual(
      at('2026-11-25T09:00:00Z'),
    );
  });

  it('when fewer meetings were held, then it is due four weeks after the first outreach', () => {
    const state = personState({ meetingsHeld: 1, firstOutreachAt: at('2026-11-02T15:00:00Z') });
    expect(reflect(state, '2026-11-05T10:00:00Z').map((n) => [n.dueAt, n.payload])).toEqual([
      [at('2026-11-30T15:00:00Z'), { meetingsHeld: 1, trigger: 'time' }],
    ]);
  });

  it('when there was no outreach and few meetings, then no reflection is planned', () => {
    expect(reflect(personState({ meetingsHeld: 2 }), '2026-11-05T10:00:00Z')).toEqual([]);
  });

  it('when the reflection was already sent, then it never comes back', () => {
    const state = personState({
      meetingsHeld: 6,
      firstOutreachAt: at('2026-09-01T10:00:00Z'),
      sent: [{ dedupeKey: 'reflect:person-1', kind: 'reflect', sentAt: at('2026-10-01T10:00:00Z') }],
    });
    expect(reflect(state, '2026-11-05T10:00:00Z')).toEqual([]);
  });

  it('when the same state is planned twice, then the same nudges come back', () => {
    const state = personState({ meetingsHeld: 1, firstOutreachAt: at('2026-11-02T15:00:00Z') });
    const now = at('2026-11-05T10:00:00Z');
    expect(planPersonNudges(state, hoursIn('UTC'), DEFAULT_NUDGE_CONFIG, now)).toEqual(
      planPersonNudges(structuredClone(state), hoursIn('UTC'), DEFAULT_NUDGE_CONFIG, now),
    );
  });
});
