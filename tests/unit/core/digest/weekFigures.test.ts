import { describe, expect, it } from 'vitest';
import { median, studentsOf, weekFigures } from '../../../../src/core/digest/weekFigures.js';
import { contact, event, facts, meeting, mentor, student } from './factsBuilder.js';

const HOUR = 3_600_000;
const week = { from: new Date('2026-10-26T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z') };

describe('median', () => {
  it('when the count is odd, then it is the middle value; when even, the mean of the two middle ones; when empty, null', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });
});

describe('who counts as a student', () => {
  it('when a mentor keeps a list, then they count; a mentor without one does not', () => {
    const f = facts({ persons: [student('s'), mentor('m1'), mentor('m2')], contacts: [contact('c', 'm1')] });
    expect([...studentsOf(f).keys()].sort()).toEqual(['m1', 's']);
  });
});

describe('a week of activity', () => {
  it("when a mentor's log lands on a student's contact, then it does not make the student active", () => {
    const f = facts({
      persons: [student('s'), student('t')],
      contacts: [contact('c', 's'), contact('d', 't')],
      events: [
        event('c', 's', '2026-10-27T10:00:00Z', { kind: 'mentor_log', authorId: 'm' }),
        event('d', 't', '2026-10-27T10:00:00Z', { kind: 'note' }),
      ],
    });
    expect(weekFigures(f, studentsOf(f), week).activeStudents).toBe(1);
  });

  it('when a student reaches out and follows up, then both count as outreach; other entries into reached_out do too', () => {
    const f = facts({
      persons: [student('s')],
      contacts: [contact('c', 's')],
      events: [
        event('c', 's', '2026-10-27T10:00:00Z', { kind: 'created', toStage: 'identified' }),
        event('c', 's', '2026-10-27T11:00:00Z', { kind: 'stage', toStage: 'reached_out' }),
        event('c', 's', '2026-10-30T11:00:00Z', { kind: 'interaction', toStage: 'reached_out' }),
        event('c', 's', '2026-11-02T00:00:01Z', { kind: 'stage', toStage: 'reached_out' }), // next week
      ],
    });
    const w = weekFigures(f, studentsOf(f), week);
    expect(w.newContacts).toBe(1);
    expect(w.outreachSent).toBe(2);
  });

  it('when thank-yous follow meetings, then each is timed from the end of its latest held meeting, or from the move to met', () => {
    const f = facts({
      persons: [student('s')],
      contacts: [contact('a', 's'), contact('b', 's'), contact('c', 's')],
      meetings: [
        // An earlier meeting with a, and the one the thanks are for (ends 10:30).
        meeting('m0', 's', '2026-10-01T10:00:00Z', { contactId: 'a' }),
        meeting('m1', 's', '2026-10-27T10:00:00Z', { contactId: 'a' }),
        // A meeting planned after the thanks does not count; one never held neither.
        meeting('m2', 's', '2026-10-31T10:00:00Z', { contactId: 'a' }),
        meeting('m3', 's', '2026-10-27T09:00:00Z', { contactId: 'c', heldAt: null }),
      ],
      events: [
        event('a', 's', '2026-10-28T12:30:00Z', { toStage: 'thanked' }), // 26 h after 10:30
        event('b', 's', '2026-10-27T08:00:00Z', { toStage: 'met' }),
        event('b', 's', '2026-10-27T10:00:00Z', { toStage: 'thanked' }), // 2 h after met
        event('c', 's', '2026-10-27T12:00:00Z', { toStage: 'thanked' }), // no meeting known
      ],
    });
    expect(weekFigures(f, studentsOf(f), week).thankYous).toEqual({
      sent: 3,
      withKnownMeeting: 2,
      within24h: 1,
      share: 0.5,
      medianMs: 14 * HOUR,
    });
  });

  it('when a thank-you is logged before the meeting has ended, then it counts as immediate', () => {
    const f = facts({
      persons: [student('s')],
      contacts: [contact('a', 's')],
      meetings: [meeting('m', 's', '2026-10-27T10:00:00Z', { contactId: 'a', durationMinutes: 60 })],
      events: [event('a', 's', '2026-10-27T10:30:00Z', { toStage: 'thanked' })],
    });
    expect(weekFigures(f, studentsOf(f), week).thankYous.medianMs).toBe(0);
  });

  it('when meetings were held, then student-logged, mentor-logged and both are counted, and unheld ones are not', () => {
    const f = facts({
      persons: [student('s')],
      meetings: [
        meeting('a', 's', '2026-10-27T10:00:00Z'),
        meeting('b', 's', '2026-10-27T10:00:00Z', { loggedByStudent: false, loggedByMentor: true }),
        meeting('c', 's', '2026-10-27T10:00:00Z', { loggedByMentor: true }),
        meeting('d', 's', '2026-10-27T10:00:00Z', { heldAt: null, loggedByStudent: false }),
      ],
    });
    expect(weekFigures(f, studentsOf(f), week).meetings).toEqual({
      held: 3,
      studentLogged: 2,
      mentorLogged: 2,
      confirmedByBoth: 1,
    });
  });
});
