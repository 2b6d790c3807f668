import { describe, expect, it } from 'vitest';
import { DEFAULT_NUDGE_CONFIG } from '../../../../src/core/nudges/nudgeConfig.js';
import { planContactNudges } from '../../../../src/core/nudges/nudgeRules.js';
import type { Contact } from '../../../../src/core/pipeline/contactPorts.js';
import type { Meeting } from '../../../../src/core/pipeline/meetingPorts.js';
import { at, hoursIn, makeContact, makeMeeting } from './factories.js';

/** A contact scheduled at `scheduledAt` for a meeting at `startsAt`. */
function scheduled(startsAt: string, scheduledAt: string): { contact: Contact; meeting: Meeting } {
  const contact = makeContact({
    stage: 'scheduled',
    stageChangedAt: at(scheduledAt),
    lastActivityAt: at(scheduledAt),
  });
  const meeting = makeMeeting({ contactId: contact.id, startsAt: at(startsAt), createdAt: at(scheduledAt) });
  return { contact, meeting };
}

describe('the prepare nudge before a meeting', () => {
  it('when the meeting is a week away, then the prepare nudge is due 24 hours before it', () => {
    const { contact, meeting } = scheduled('2026-11-10T15:00:00Z', '2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-02T15:00:00Z'),
    );
    expect(planned).toEqual([
      {
        kind: 'prepare',
        dedupeKey: `prepare:${contact.id}:${at('2026-11-10T15:00:00Z').getTime()}`,
        personId: contact.ownerId,
        contactId: contact.id,
        expectedStage: 'scheduled',
        dueAt: at('2026-11-09T15:00:00Z'),
        payload: { meetingId: meeting.id },
      },
    ]);
  });

  it('when 24 hours before falls at night, then it waits for the morning before the meeting', () => {
    const { contact, meeting } = scheduled('2026-11-10T07:00:00Z', '2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-02T15:00:00Z'),
    );
    expect(planned[0]!.dueAt).toEqual(at('2026-11-09T09:00:00Z'));
  });

  it('when waiting for the morning would come later than an hour before the start, then it goes back to the previous evening', () => {
    // Three hours before a 09:30 meeting is 06:30; 09:00 would leave only 30 minutes.
    const { contact, meeting } = scheduled('2026-11-10T09:30:00Z', '2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      { ...DEFAULT_NUDGE_CONFIG, prepHoursBefore: 3 },
      at('2026-11-02T15:00:00Z'),
    );
    expect(planned[0]!.dueAt).toEqual(at('2026-11-09T19:59:00Z'));
  });

  it('when the evening before had already passed when the meeting was scheduled, then no prepare nudge is planned', () => {
    const { contact, meeting } = scheduled('2026-11-10T09:30:00Z', '2026-11-09T21:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      { ...DEFAULT_NUDGE_CONFIG, prepHoursBefore: 3 },
      at('2026-11-09T21:00:00Z'),
    );
    expect(planned).toEqual([]);
  });

  it('when the meeting is scheduled less than 24 hours ahead, then no prepare nudge is planned (the reply shows the checklist)', () => {
    const { contact, meeting } = scheduled('2026-11-10T15:00:00Z', '2026-11-10T03:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T03:00:00Z'),
    );
    expect(planned).toEqual([]);
  });

  it('when the planned nudge was missed while the bot was down, then it is due now, still before the meeting', () => {
    const { contact, meeting } = scheduled('2026-11-10T15:00:00Z', '2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-09T16:30:00Z'),
    );
    expect(planned.map((n) => n.dueAt)).toEqual([at('2026-11-09T16:30:00Z')]);
  });

  it('when less than an hour is left before the meeting, then the prepare nudge is dropped', () => {
    const { contact, meeting } = scheduled('2026-11-10T15:00:00Z', '2026-11-02T15:00:00Z');
    const planned = planContactNudges(
      { contact, meeting, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-10T14:30:00Z'),
    );
    expect(planned).toEqual([]);
  });

  it('when the prepare nudge was already sent, then it is not planned again', () => {
    const { contact, meeting } = scheduled('2026-11-10T15:00:00Z', '2026-11-02T15:00:00Z');
    const dedupeKey = `prepare:${contact.id}:${meeting.startsAt.getTime()}`;
    const planned = planContactNudges(
      {
        contact,
        meeting,
        sent: [{ dedupeKey, kind: 'prepare', sentAt: at('2026-11-09T15:00:00Z') }],
        referrer: null,
      },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-09T15:05:00Z'),
    );
    expect(planned).toEqual([]);
  });

  it('when the meeting is moved, then the prepare nudge gets a new key for the new time', () => {
    const { contact, meeting } = scheduled('2026-11-10T15:00:00Z', '2026-11-02T15:00:00Z');
    const moved = { ...meeting, startsAt: at('2026-11-12T15:00:00Z') };
    const planned = planContactNudges(
      { contact, meeting: moved, sent: [], referrer: null },
      hoursIn('UTC'),
      DEFAULT_NUDGE_CONFIG,
      at('2026-11-03T10:00:00Z'),
    );
    expect(planned.map((n) => [n.dedupeKey, n.dueAt])).toEqual([
      [`prepare:${contact.id}:${at('2026-11-12T15:00:00Z').getTime()}`, at('2026-11-11T15:00:00Z')],
    ]);
  });

  it('when the meeting was cancelled or never recorded, then there is nothing to prepare for', () => {
    const { contact, meeting } = scheduled('2026-11-10T15:00:00Z', '2026-11-02T15:00:00Z');
    const now = at('2026-11-02T15:00:00Z');
    const cancelled = { ...meeting, cancelledAt: now };
    expect(
      planContactNudges(
        { contact, meeting: cancelled, sent: [], referrer: null },
        hoursIn('UTC'),
        DEFAULT_NUDGE_CONFIG,
        now,
      ),
    ).toEqual([]);
    expect(
      planContactNudges(
        { contact, meeting: null, sent: [], referrer: null },
        hoursIn('UTC'),
        DEFAULT_NUDGE_CONFIG,
        now,
      ),
    ).toEqual([]);
  });
});
