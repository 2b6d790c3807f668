import { describe, expect, it } from 'vitest';
import { DEFAULT_NUDGE_CONFIG } from '../../../../src/core/nudges/nudgeConfig.js';
import { planContactNudges } from '../../../../src/core/nudges/nudgeRules.js';
import type { Contact } from '../../../../src/core/pipeline/contactPorts.js';
import { at, hoursIn, makeContact } from './factories.js';

const reachedOut = (when: string, overrides: Partial<Contact> = {}): Contact =>
  makeContact({ stage: 'reached_out', stageChangedAt: at(when), lastActivityAt: at(when), ...overrides });

const sentFollowUp = (contact: Contact, n: number, sentAt: string) => ({
  dedupeKey: `follow_up:${contact.id}:${contact.stageChangedAt.getTime()}:${n}`,
  kind: 'follow_up' as const,
  sentAt: at(sentAt),
});

describe('follow-up nudges after an outreach', () => {
  it('when nothing was sent yet, then three follow-ups are planned 7, 14 and 21 days after the outreach', () => {
    const contact = reachedOut('2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-02T15:00:00Z'),
    );
    const epoch = at('2026-11-02T15:00:00Z').getTime();
    expect(planned).toEqual([
      {
        kind: 'follow_up',
        dedupeKey: `follow_up:${contact.id}:${epoch}:1`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'reached_out',
        dueAt: at('2026-11-09T15:00:00Z'),
        payload: { n: 1, final: false },
      },
      {
        kind: 'follow_up',
        dedupeKey: `follow_up:${contact.id}:${epoch}:2`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'reached_out',
        dueAt: at('2026-11-16T15:00:00Z'),
        payload: { n: 2, final: false },
      },
      {
        kind: 'follow_up',
        dedupeKey: `follow_up:${contact.id}:${epoch}:3`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'reached_out',
        dueAt: at('2026-11-23T15:00:00Z'),
        payload: { n: 3, final: true },
      },
    ]);
  });

  it('when the first follow-up was sent a day late, then the next two count from when it was sent', () => {
    const contact = reachedOut('2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting: null, sent: [sentFollowUp(contact, 1, '2026-11-10T10:00:00Z')], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T10:00:00Z'),
    );
    expect(planned.map((n) => [n.payload?.n, n.dueAt])).toEqual([
      [2, at('2026-11-17T10:00:00Z')],
      [3, at('2026-11-24T10:00:00Z')],
    ]);
  });

  it('when two follow-ups were sent, then only the final one remains, 7 days after the second', () => {
    const contact = reachedOut('2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      {
        contact,
        meeting: null,
        sent: [
          sentFollowUp(contact, 1, '2026-11-09T15:00:00Z'),
          sentFollowUp(contact, 2, '2026-11-16T15:00:00Z'),
        ],
        referrer: null,
      },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-16T15:00:00Z'),
    );
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ payload: { n: 3, final: true }, dueAt: at('2026-11-23T15:00:00Z') });
  });

  it('when all three were sent, then nothing more is planned', () => {
    const contact = reachedOut('2026-11-02T15:00:00Z');
    const sent = [1, 2, 3].map((n) =>
      sentFollowUp(contact, n, `2026-11-${String(2 + 7 * n).padStart(2, '0')}T15:00:00Z`),
    );
    const planned = planContactNudges(
      { contact, meeting: null, sent, referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-24T15:00:00Z'),
    );
    expect(planned).toEqual([]);
  });

  it('when the student logs an interaction, then the clock restarts from that activity', () => {
    const contact = reachedOut('2026-11-02T15:00:00Z', { lastActivityAt: at('2026-11-05T12:00:00Z') });
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-05T12:00:00Z'),
    );
    expect(planned.map((n) => n.dueAt)).toEqual([
      at('2026-11-12T12:00:00Z'),
      at('2026-11-19T12:00:00Z'),
      at('2026-11-26T12:00:00Z'),
    ]);
  });

  it('when the contact is reached out to again (a new epoch), then the count restarts with new keys', () => {
    const first = reachedOut('2026-09-01T15:00:00Z');
    const oldSent = [1, 2, 3].map((n) => sentFollowUp(first, n, '2026-09-30T15:00:00Z'));
    const again = {
      ...first,
      stageChangedAt: at('2026-11-02T15:00:00Z'),
      lastActivityAt: at('2026-11-02T15:00:00Z'),
    };
    const planned = planContactNudges(
      { contact: again, meeting: null, sent: oldSent, referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-02T15:00:00Z'),
    );
    const epoch = at('2026-11-02T15:00:00Z').getTime();
    expect(planned.map((n) => n.dedupeKey)).toEqual(
      [1, 2, 3].map((n) => `follow_up:${first.id}:${epoch}:${n}`),
    );
    expect(planned[0]!.dueAt).toEqual(at('2026-11-09T15:00:00Z'));
  });

  it('when a follow-up would fall at night in New York, then it waits for 09:00 local', () => {
    // Mon 2026-11-02 23:00 EST; a week later at 23:00 is outside 09:00-20:00.
    const contact = reachedOut('2026-11-03T04:00:00Z');
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('America/New_York'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-03T04:00:00Z'),
    );
    expect(planned[0]!.dueAt).toEqual(at('2026-11-10T14:00:00Z'));
  });

  it('when a week spans the New York fall-back, then the follow-up keeps the wall-clock time', () => {
    // Wed 2026-10-28 10:00 EDT; a week later is Wed 2026-11-04 10:00 EST.
    const contact = reachedOut('2026-10-28T14:00:00Z');
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('America/New_York'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-10-28T14:00:00Z'),
    );
    expect(planned[0]!.dueAt).toEqual(at('2026-11-04T15:00:00Z'));
  });

  it('when the follow-ups were missed while the bot was down, then the first goes now and the rest keep 7 days apart', () => {
    const contact = reachedOut('2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-20T10:00:00Z'),
    );
    expect(planned.map((n) => n.dueAt)).toEqual([
      at('2026-11-20T10:00:00Z'),
      at('2026-11-27T10:00:00Z'),
      at('2026-12-04T10:00:00Z'),
    ]);
  });

  it('when the organization allows a single follow-up, then it is the final one', () => {
    const contact = reachedOut('2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('UTC'),
      { ...DEFAULT_NUDGE_CONFIG, maxFollowUps: 1, followUpDays: 5 },
      at('2026-11-02T15:00:00Z'),
    );
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ payload: { n: 1, final: true }, dueAt: at('2026-11-07T15:00:00Z') });
  });
});
