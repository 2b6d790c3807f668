import { describe, expect, it } from 'vitest';
import {
  funnelByStage,
  mentorMeetings,
  popularProfessionals,
  professionalKey,
  stalledStudents,
  studentsWithoutContacts,
} from '../../../../src/core/digest/studentLists.js';
import { studentsOf } from '../../../../src/core/digest/weekFigures.js';
import { at, contact, event, facts, meeting, mentor, student } from './factsBuilder.js';

const window = { from: at('2026-10-03T00:00:00Z'), to: at('2026-11-02T00:00:00Z') };

describe('professionals contacted by several students', () => {
  it('when names differ only in case, accents, spacing or punctuation, then they are one professional', () => {
    expect(professionalKey('José  Núñez', 'Figma, Inc.')).toBe(professionalKey('jose nunez', 'FIGMA Inc'));
    expect(professionalKey('Jane Doe', 'Figma')).not.toBe(professionalKey('Jane Doe', 'Stripe'));
  });

  it('when three students reach the same person within 30 days, then name and organization are listed with the count, and who contacted them is not', () => {
    const owners = ['a', 'b', 'c', 'd'];
    const f = facts({
      persons: owners.map((id) => student(id)),
      contacts: [
        contact('a1', 'a', { name: 'Jane Doe', company: 'Figma' }),
        contact('b1', 'b', { name: 'jane  doe', company: 'FIGMA' }),
        contact('c1', 'c', { name: 'Jane Doe', company: 'Figma' }),
        // Same name elsewhere: another person.
        contact('d1', 'd', { name: 'Jane Doe', company: 'Stripe' }),
        // Only identified by d: not contacted.
        contact('d2', 'd', { name: 'Jane Doe', company: 'Figma' }),
      ],
      events: [
        event('a1', 'a', '2026-10-05T10:00:00Z', { toStage: 'reached_out' }),
        event('b1', 'b', '2026-10-20T10:00:00Z', { toStage: 'scheduled' }),
        event('c1', 'c', '2026-11-01T10:00:00Z', { toStage: 'met', kind: 'stage' }),
        event('d1', 'd', '2026-11-01T10:00:00Z', { toStage: 'reached_out' }),
        event('d2', 'd', '2026-11-01T10:00:00Z', { toStage: 'identified', kind: 'created' }),
      ],
    });
    const popular = popularProfessionals(f, studentsOf(f), window);
    expect(popular).toEqual([{ name: 'Jane Doe', organization: 'Figma', students: 3 }]);
    expect(Object.keys(popular[0]!).sort()).toEqual(['name', 'organization', 'students']);
  });

  it('when one of three contacts was before the 30 days, then the professional is not listed', () => {
    const f = facts({
      persons: ['a', 'b', 'c'].map((id) => student(id)),
      contacts: ['a', 'b', 'c'].map((id) => contact(`${id}1`, id, { name: 'Jane Doe', company: 'Figma' })),
      events: [
        event('a1', 'a', '2026-10-02T23:59:00Z', { toStage: 'reached_out' }),
        event('b1', 'b', '2026-10-20T10:00:00Z', { toStage: 'reached_out' }),
        event('c1', 'c', '2026-10-21T10:00:00Z', { toStage: 'reached_out' }),
      ],
    });
    expect(popularProfessionals(f, studentsOf(f), window)).toEqual([]);
  });

  it('when the same student lists a person twice, then it is still one student', () => {
    const f = facts({
      persons: ['a', 'b'].map((id) => student(id)),
      contacts: [
        contact('a1', 'a', { name: 'Jane Doe', company: 'Figma' }),
        contact('a2', 'a', { name: 'Jane Doe', company: 'Figma' }),
        contact('b1', 'b', { name: 'Jane Doe', company: 'Figma' }),
      ],
      events: ['a1', 'a2', 'b1'].map((id) =>
        event(id, id[0]!, '2026-10-20T10:00:00Z', { toStage: 'reached_out' }),
      ),
    });
    expect(popularProfessionals(f, studentsOf(f), window)).toEqual([]);
  });
});

describe('students who need a word', () => {
  it('when a student has open contacts and their last activity is exactly 14 days old, then they are stalled; 13 days is not', () => {
    const now = at('2026-11-02T12:00:00Z');
    const f = facts({
      persons: [
        student('old', 'Olive'),
        student('new', 'Nina'),
        student('done', 'Dora'),
        student('none', 'Noor'),
      ],
      contacts: [
        contact('o1', 'old', { stage: 'reached_out', lastActivityAt: at('2026-10-19T12:00:00Z') }),
        contact('o2', 'old', { stage: 'archived', lastActivityAt: at('2026-10-01T12:00:00Z') }),
        contact('n1', 'new', { stage: 'identified', lastActivityAt: at('2026-10-20T12:00:00Z') }),
        // Only closed contacts: nothing waits on Dora.
        contact('d1', 'done', { stage: 'declined', lastActivityAt: at('2026-09-01T12:00:00Z') }),
      ],
    });
    expect(stalledStudents(f, studentsOf(f), now)).toEqual([
      { id: 'old', name: 'Olive', openContacts: 1, lastActivityAt: at('2026-10-19T12:00:00Z') },
    ]);
    expect(studentsWithoutContacts(f).map((p) => p.displayName)).toEqual(['Noor']);
  });

  it('when the funnel is counted, then every stage is listed in order with mentors-only lists left out', () => {
    const f = facts({
      persons: [student('s'), mentor('m')],
      contacts: [contact('a', 's', { stage: 'met' }), contact('b', 's', { stage: 'no_reply' })],
    });
    const funnel = funnelByStage(f, new Map([['s', student('s')]]));
    expect(funnel.map((s) => s.stage)).toEqual([
      'identified',
      'reached_out',
      'scheduled',
      'met',
      'thanked',
      'keeping_in_touch',
      'no_reply',
      'declined',
      'archived',
    ]);
    expect(funnel.filter((s) => s.count > 0)).toEqual([
      { stage: 'met', count: 1 },
      { stage: 'no_reply', count: 1 },
    ]);
  });
});

describe("mentors' logged meetings", () => {
  it('when mentors log meetings in both weeks, then each mentor has this week and the week before; student-only meetings do not count', () => {
    const current = { from: at('2026-10-26T00:00:00Z'), to: at('2026-11-02T00:00:00Z') };
    const previous = { from: at('2026-10-19T00:00:00Z'), to: at('2026-10-26T00:00:00Z') };
    const f = facts({
      persons: [student('s'), mentor('m', 'Max'), mentor('n', 'Nia')],
      meetings: [
        meeting('1', 's', '2026-10-27T10:00:00Z', { mentorId: 'm', loggedByMentor: true }),
        meeting('2', 's', '2026-10-28T10:00:00Z', { mentorId: 'm', loggedByMentor: true }),
        meeting('3', 's', '2026-10-20T10:00:00Z', { mentorId: 'n', loggedByMentor: true }),
        meeting('4', 's', '2026-10-29T10:00:00Z', { mentorId: 'n', loggedByMentor: false }),
        meeting('5', 's', '2026-09-29T10:00:00Z', { mentorId: 'n', loggedByMentor: true }),
      ],
    });
    expect(mentorMeetings(f, current, previous)).toEqual([
      { id: 'm', name: 'Max', meetings: 2, previous: 0 },
      { id: 'n', name: 'Nia', meetings: 0, previous: 1 },
    ]);
  });
});
