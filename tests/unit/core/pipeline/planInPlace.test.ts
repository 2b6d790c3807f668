import { describe, expect, it } from 'vitest';
import type { NudgeRecord, PlannedNudge } from '../../../../src/core/nudges/nudgePorts.js';
import { planInPlace } from '../../../../src/core/pipeline/replan.js';
import { makeNudge } from '../nudges/factories.js';

const due = new Date('2026-11-30T15:00:00Z');
const later = new Date('2026-12-02T15:00:00Z');

const planned = (overrides: Partial<PlannedNudge> = {}): PlannedNudge => ({
  kind: 'follow_up',
  dedupeKey: 'follow_up:c1:1',
  personId: 'person-1',
  contactId: 'c1',
  expectedStage: 'reached_out',
  dueAt: due,
  payload: { attempt: 1, contact: { name: 'Jane', number: 1 } },
  ...overrides,
});

const stored = (overrides: Partial<NudgeRecord> = {}): NudgeRecord =>
  makeNudge({
    dedupeKey: 'follow_up:c1:1',
    contactId: 'c1',
    expectedStage: 'reached_out',
    dueAt: due,
    // Keys in another order, as jsonb returns them.
    payload: { contact: { number: 1, name: 'Jane' }, attempt: 1 },
    ...overrides,
  });

describe('planInPlace: whether a re-plan has anything to write', () => {
  it('when every planned reminder is stored as planned, then there is nothing to write', () => {
    expect(planInPlace([stored()], [planned()])).toBe(true);
    expect(planInPlace([], [])).toBe(true);
  });

  it('when a due time, a stage or a payload differs, then the plan must be written', () => {
    expect(planInPlace([stored()], [planned({ dueAt: later })])).toBe(false);
    expect(planInPlace([stored()], [planned({ expectedStage: 'scheduled' })])).toBe(false);
    expect(planInPlace([stored()], [planned({ payload: { attempt: 2 } })])).toBe(false);
  });

  it('when a planned reminder is new or was cancelled, then it must be written', () => {
    expect(planInPlace([], [planned()])).toBe(false);
    expect(planInPlace([stored({ status: 'cancelled' })], [planned()])).toBe(false);
  });

  it('when a pending reminder is no longer planned, then it must be cancelled', () => {
    expect(planInPlace([stored()], [])).toBe(false);
    expect(planInPlace([stored(), stored({ dedupeKey: 'follow_up:c1:2' })], [planned()])).toBe(false);
  });

  it('when a reminder is past re-planning (sending, sent, failed), then planning it again changes nothing', () => {
    for (const status of ['sending', 'sent', 'failed'] as const) {
      expect(planInPlace([stored({ status, dueAt: later })], [planned()])).toBe(true);
    }
  });

  it('when a delivered reminder was snoozed with its buttons, then its chosen time is not a difference', () => {
    const snoozed = stored({ sentAt: new Date('2026-11-29T15:00:00Z'), dueAt: later });
    expect(planInPlace([snoozed], [planned()])).toBe(true);
    expect(planInPlace([snoozed], [planned({ expectedStage: 'scheduled' })])).toBe(false);
  });
});
