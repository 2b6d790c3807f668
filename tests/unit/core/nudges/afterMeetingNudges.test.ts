import { describe, expect, it } from 'vitest';
import { STAGES } from '../../../../src/core/domain.js';
import { DEFAULT_NUDGE_CONFIG } from '../../../../src/core/nudges/nudgeConfig.js';
import type { PlannedNudge } from '../../../../src/core/nudges/nudgePorts.js';
import { planContactNudges } from '../../../../src/core/nudges/nudgeRules.js';
import type { Contact } from '../../../../src/core/pipeline/contactPorts.js';
import type { Meeting } from '../../../../src/core/pipeline/meetingPorts.js';
import { at, hoursIn, makeContact, makeMeeting } from './factories.js';

/** A contact marked met at `metAt` after a meeting starting at `startsAt`. */
function metAfter(startsAt: string, metAt: string, minutes = 30): { contact: Contact; meeting: Meeting } {
  const contact = makeContact({ stage: 'met', stageChangedAt: at(metAt), lastActivityAt: at(metAt) });
  const meeting = makeMeeting({ contactId: contact.id, startsAt: at(startsAt), durationMinutes: minutes });
  return { contact, meeting };
}

const byKind = (planned: PlannedNudge[], kind: PlannedNudge['kind']) =>
  planned.filter((n) => n.kind === kind);

describe('thank-you and debrief nudges after a meeting', () => {
  it('when a 30-minute meeting ended at 15:30, then the first thank-you and the debrief are due at 17:30 and the second at 09:00 next day', () => {
    const { contact, meeting } = metAfter('2026-11-10T15:00:00Z', '2026-11-10T15:45:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T15:45:00Z'),
    );
    expect(planned).toEqual([
      {
        kind: 'thank_you',
        dedupeKey: `thank_you:${contact.id}:${meeting.id}:1`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'met',
        dueAt: at('2026-11-10T17:30:00Z'),
        payload: { n: 1 },
      },
      {
        kind: 'thank_you',
        dedupeKey: `thank_you:${contact.id}:${meeting.id}:2`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'met',
        dueAt: at('2026-11-11T09:00:00Z'),
        payload: { n: 2 },
      },
      {
        kind: 'debrief',
        dedupeKey: `debrief:${contact.id}:${meeting.id}`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'met',
        dueAt: at('2026-11-10T17:30:00Z'),
      },
    ]);
  });

  it('when no meeting was recorded, then the nudges count from the move to met and the key carries that moment', () => {
    const contact = makeContact({ stage: 'met', stageChangedAt: at('2026-11-10T16:00:00Z') });
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T16:00:00Z'),
    );
    const epoch = at('2026-11-10T16:00:00Z').getTime();
    expect(planned.map((n) => [n.dedupeKey, n.dueAt])).toEqual([
      [`thank_you:${contact.id}:${epoch}:1`, at('2026-11-10T18:00:00Z')],
      [`thank_you:${contact.id}:${epoch}:2`, at('2026-11-11T09:00:00Z')],
      [`debrief:${contact.id}:${epoch}`, at('2026-11-10T18:00:00Z')],
    ]);
  });

  it('when two hours after the meeting is past the evening, then the first thank-you waits for the morning and the second for the morning after', () => {
    const { contact, meeting } = metAfter('2026-11-10T18:00:00Z', '2026-11-10T18:40:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T18:40:00Z'),
    );
    expect(byKind(planned, 'thank_you').map((n) => n.dueAt)).toEqual([
      at('2026-11-11T09:00:00Z'),
      at('2026-11-12T09:00:00Z'),
    ]);
  });

  it('when the next morning is the New York fall-back day, then the second thank-you is at 09:00 EST', () => {
    // Sat 2026-10-31 14:00 EDT for 30 minutes; the first reminder is 16:30 EDT.
    const { contact, meeting } = metAfter('2026-10-31T18:00:00Z', '2026-10-31T19:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('America/New_York'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-10-31T19:00:00Z'),
    );
    expect(byKind(planned, 'thank_you').map((n) => n.dueAt)).toEqual([
      at('2026-10-31T20:30:00Z'),
      at('2026-11-01T14:00:00Z'),
    ]);
  });

  it('when the next morning is the Berlin fall-back day, then the second thank-you is at 09:00 CET', () => {
    // Sat 2026-10-24 14:00 CEST for 30 minutes; the first reminder is 16:30 CEST.
    const { contact, meeting } = metAfter('2026-10-24T12:00:00Z', '2026-10-24T13:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('Europe/Berlin'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-10-24T13:00:00Z'),
    );
    expect(byKind(planned, 'thank_you').map((n) => n.dueAt)).toEqual([
      at('2026-10-24T14:30:00Z'),
      at('2026-10-25T08:00:00Z'),
    ]);
  });

  it('when the waking window opens at 02:30 and the next morning is the New York spring-forward, then it opens at the jump to 03:00 EDT', () => {
    // Window 02:30-12:00; Sat 2027-03-13 08:00 EST for 30 minutes; 02:30 does not exist on Sunday.
    const { contact, meeting } = metAfter('2027-03-13T13:00:00Z', '2027-03-13T13:40:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('America/New_York', 150, 12 * 60),
      DEFAULT_NUDGE_CONFIG,
      at('2027-03-13T13:40:00Z'),
    );
    expect(byKind(planned, 'thank_you').map((n) => n.dueAt)).toEqual([
      at('2027-03-13T15:30:00Z'),
      at('2027-03-14T07:00:00Z'),
    ]);
  });

  it('when the window wraps past midnight, then "the next morning" is the next time the window opens', () => {
    // Night owl, 22:00-06:00: the first reminder waits for 22:00, the second for 22:00 the day after.
    const { contact, meeting } = metAfter('2026-11-10T15:00:00Z', '2026-11-10T15:45:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC', 22 * 60, 6 * 60),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T15:45:00Z'),
    );
    expect(byKind(planned, 'thank_you').map((n) => n.dueAt)).toEqual([
      at('2026-11-10T22:00:00Z'),
      at('2026-11-11T22:00:00Z'),
    ]);
  });

  it('when the first thank-you went out late, then it is not planned again and the second follows the next morning', () => {
    const { contact, meeting } = metAfter('2026-11-10T15:00:00Z', '2026-11-10T15:45:00Z');
    const sent = [
      {
        dedupeKey: `thank_you:${contact.id}:${meeting.id}:1`,
        kind: 'thank_you' as const,
        sentAt: at('2026-11-11T10:00:00Z'),
      },
    ];
    const planned = planContactNudges(
      { contact, meeting, sent, referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-11T10:00:00Z'),
    );
    expect(byKind(planned, 'thank_you').map((n) => [n.payload?.n, n.dueAt])).toEqual([
      [2, at('2026-11-12T09:00:00Z')],
    ]);
  });

  it('when the student marks met days later, then the reminders are due now rather than in the past', () => {
    const { contact, meeting } = metAfter('2026-11-10T15:00:00Z', '2026-11-13T11:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-13T11:00:00Z'),
    );
    expect(planned.map((n) => [n.kind, n.dueAt])).toEqual([
      ['thank_you', at('2026-11-13T11:00:00Z')],
      ['thank_you', at('2026-11-14T09:00:00Z')],
      ['debrief', at('2026-11-13T11:00:00Z')],
    ]);
  });
});

describe('thanking the referrer', () => {
  it('when a referred contact is met, then a thank-referrer nudge goes with the first thank-you and survives the thank-you stage', () => {
    const referrer = makeContact({ name: 'Sam Lee' });
    const { contact, meeting } = metAfter('2026-11-10T15:00:00Z', '2026-11-10T15:45:00Z');
    const referred = { ...contact, referredById: referrer.id, source: 'referral' as const };
    const planned = planContactNudges(
      { contact: referred, meeting, sent: [], referrer },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T15:45:00Z'),
    );
    expect(byKind(planned, 'thank_referrer')).toEqual([
      {
        kind: 'thank_referrer',
        dedupeKey: `thank_referrer:${contact.id}`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: null,
        dueAt: at('2026-11-10T17:30:00Z'),
        payload: { referrerName: 'Sam Lee', referrerId: referrer.id },
      },
    ]);

    const thanked = { ...referred, stage: 'thanked' as const, stageChangedAt: at('2026-11-10T16:30:00Z') };
    const afterThanks = planContactNudges(
      { contact: thanked, meeting, sent: [], referrer },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T16:30:00Z'),
    );
    expect(byKind(afterThanks, 'thank_referrer').map((n) => [n.dedupeKey, n.dueAt])).toEqual([
      [`thank_referrer:${contact.id}`, at('2026-11-10T17:30:00Z')],
    ]);
  });

  it('when the referrer was already thanked, then the nudge does not come back', () => {
    const referrer = makeContact({ name: 'Sam Lee' });
    const contact = makeContact({
      stage: 'thanked',
      referredById: referrer.id,
      stageChangedAt: at('2026-11-11T10:00:00Z'),
    });
    const sent = [
      {
        dedupeKey: `thank_referrer:${contact.id}`,
        kind: 'thank_referrer' as const,
        sentAt: at('2026-11-10T17:30:00Z'),
      },
    ];
    const planned = planContactNudges(
      { contact, meeting: null, sent, referrer },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-11T10:00:00Z'),
    );
    expect(planned.map((n) => n.kind)).toEqual(['keep_in_touch']);
  });

  it('when the contact was not referred, then there is no thank-referrer nudge', () => {
    const { contact, meeting } = metAfter('2026-11-10T15:00:00Z', '2026-11-10T15:45:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T15:45:00Z'),
    );
    expect(byKind(planned, 'thank_referrer')).toEqual([]);
  });
});

describe('keeping in touch', () => {
  it('when the contact was thanked, then a keep-in-touch nudge is due 30 days later', () => {
    const contact = makeContact({ stage: 'thanked', stageChangedAt: at('2026-11-11T10:00:00Z') });
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-11T10:00:00Z'),
    );
    expect(planned).toEqual([
      {
        kind: 'keep_in_touch',
        dedupeKey: `keep_in_touch:${contact.id}:${at('2026-11-11T10:00:00Z').getTime()}`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'thanked',
        dueAt: at('2026-12-11T10:00:00Z'),
      },
    ]);
  });

  it('when the 30 days span the New York fall-back, then the nudge keeps the local time of day', () => {
    // Tue 2026-10-20 10:00 EDT; 30 days later is Thu 2026-11-19 10:00 EST.
    const contact = makeContact({ stage: 'thanked', stageChangedAt: at('2026-10-20T14:00:00Z') });
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('America/New_York'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-10-20T14:00:00Z'),
    );
    expect(planned[0]!.dueAt).toEqual(at('2026-11-19T15:00:00Z'));
  });

  it('when the contact is kept in touch with, then a second conversation is suggested 90 days after the meeting', () => {
    const contact = makeContact({ stage: 'keeping_in_touch', stageChangedAt: at('2026-12-11T12:00:00Z') });
    const meeting = makeMeeting({ contactId: contact.id, startsAt: at('2026-11-10T15:00:00Z') });
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-12-11T12:00:00Z'),
    );
    expect(planned).toEqual([
      {
        kind: 'second_conversation',
        dedupeKey: `second_conversation:${contact.id}:${meeting.id}`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'keeping_in_touch',
        dueAt: at('2027-02-08T15:00:00Z'),
      },
    ]);
  });

  it('when 90 days after the meeting are already past, then the second conversation nudge is due now', () => {
    const contact = makeContact({ stage: 'keeping_in_touch', stageChangedAt: at('2027-03-01T10:00:00Z') });
    const meeting = makeMeeting({ contactId: contact.id, startsAt: at('2026-11-10T15:00:00Z') });
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2027-03-01T10:00:00Z'),
    );
    expect(planned.map((n) => n.dueAt)).toEqual([at('2027-03-01T10:00:00Z')]);
  });

  it('when no meeting was recorded, then the second conversation counts from the stage change', () => {
    const contact = makeContact({ stage: 'keeping_in_touch', stageChangedAt: at('2026-12-01T10:00:00Z') });
    const planned = planContactNudges(
      { contact, meeting: null, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-12-01T10:00:00Z'),
    );
    expect(planned.map((n) => [n.dedupeKey, n.dueAt])).toEqual([
      [
        `second_conversation:${contact.id}:${at('2026-12-01T10:00:00Z').getTime()}`,
        at('2027-03-01T10:00:00Z'),
      ],
    ]);
  });
});

describe('stages without nudges, and idempotency', () => {
  it.each(['identified', 'no_reply', 'declined', 'archived'] as const)(
    'when the contact is %s, then nothing is planned, even with a meeting and a referrer',
    (stage) => {
      const referrer = makeContact({ name: 'Sam Lee' });
      const contact = makeContact({
        stage,
        referredById: referrer.id,
        stageChangedAt: at('2026-11-10T16:00:00Z'),
      });
      const meeting = makeMeeting({ contactId: contact.id, startsAt: at('2026-11-20T15:00:00Z') });
      const planned = planContactNudges(
        { contact, meeting, sent: [], referrer },
        hoursIn('UTC'),
        DEFAULT_NUDGE_CONFIG,
        at('2026-11-10T16:00:00Z'),
      );
      expect(planned).toEqual([]);
    },
  );

  it.each(STAGES)('when the same %s state is planned twice, then the same nudges come back', (stage) => {
    const referrer = makeContact({ name: 'Sam Lee' });
    const contact = makeContact({
      stage,
      referredById: referrer.id,
      stageChangedAt: at('2026-11-03T16:00:00Z'),
    });
    const meeting = makeMeeting({ contactId: contact.id, startsAt: at('2026-11-20T15:00:00Z') });
    const state = { contact, meeting, sent: [], referrer };
    const now = at('2026-11-03T16:00:00Z');
    const first = planContactNudges(state, hoursIn('Europe/Berlin'), DEFAULT_NUDGE_CONFIG, now);
    const second = planContactNudges(
      structuredClone(state),
      hoursIn('Europe/Berlin'),
      DEFAULT_NUDGE_CONFIG,
      now,
    );
    expect(second).toEqual(first);
    expect(new Set(first.map((n) => n.dedupeKey)).size).toBe(first.length);
  });

  it('when one nudge is sent and the state is planned again, then the other keys are unchanged and the sent key is gone', () => {
    const { contact, meeting } = metAfter('2026-11-10T15:00:00Z', '2026-11-10T15:45:00Z');
    const now = at('2026-11-10T15:45:00Z');
    const before = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      now,
    );
    const debrief = before.find((n) => n.kind === 'debrief')!;
    const after = planContactNudges(
      {
        contact,
        meeting,
        sent: [{ dedupeKey: debrief.dedupeKey, kind: 'debrief', sentAt: debrief.dueAt }],
        referrer: null,
      },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      debrief.dueAt,
    );
    expect(after.map((n) => n.dedupeKey)).toEqual(
      before.filter((n) => n !== debrief).map((n) => n.dedupeKey),
    );
  });
});
