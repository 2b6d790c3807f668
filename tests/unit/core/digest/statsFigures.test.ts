import { describe, expect, it } from 'vitest';
import { computeStats, reportCsv, reportRows } from '../../../../src/core/digest/statsFigures.js';
import { spreadsheetSafe } from '../../../../src/core/views/spreadsheet.js';
import { at, contact, event, facts, meeting, mentor, student } from './factsBuilder.js';

describe('stats over several weeks', () => {
  it('when contacts move down the funnel, then each step counts distinct contacts and its share of the step before', () => {
    const f = facts({
      persons: [student('s')],
      contacts: ['a', 'b', 'c', 'd'].map((id) => contact(id, 's')),
      events: [
        ...['a', 'b', 'c', 'd'].map((id) =>
          event(id, 's', '2026-10-20T10:00:00Z', { kind: 'created', toStage: 'identified' }),
        ),
        ...['a', 'b'].map((id) => event(id, 's', '2026-10-21T10:00:00Z', { toStage: 'reached_out' })),
        // A second entry into reached_out for a is still one contact.
        event('a', 's', '2026-10-28T10:00:00Z', { toStage: 'reached_out' }),
        event('a', 's', '2026-10-29T10:00:00Z', { toStage: 'scheduled' }),
        // Before the period: not counted.
        event('c', 's', '2026-09-01T10:00:00Z', { toStage: 'reached_out' }),
      ],
    });
    const stats = computeStats(f, at('2026-11-02T00:00:00Z'), 'UTC', 2);
    expect(stats.added).toBe(4);
    expect(stats.funnel.slice(0, 3)).toEqual([
      { stage: 'reached_out', contacts: 2, conversion: 0.5 },
      { stage: 'scheduled', contacts: 1, conversion: 0.5 },
      { stage: 'met', contacts: 0, conversion: 0 },
    ]);
    expect(stats.funnel[3]).toEqual({ stage: 'thanked', contacts: 0, conversion: null });
    expect(stats.weeks.map((w) => w.newContacts)).toEqual([4, 0]);
    expect(stats.weeks.map((w) => w.outreachSent)).toEqual([2, 1]);
  });
});

describe('the report', () => {
  it('when the report is built, then each student has counts by stage, meetings and thank-yous, and no contact details', () => {
    const f = facts({
      persons: [student('s', 'Sam'), student('t', 'Tia'), mentor('m', 'Max')],
      contacts: [
        contact('a', 's', {
          name: 'Jane Doe',
          company: 'Figma',
          stage: 'thanked',
          lastActivityAt: at('2026-10-30T10:00:00Z'),
        }),
        contact('b', 's', { stage: 'reached_out', lastActivityAt: at('2026-10-20T10:00:00Z') }),
      ],
      meetings: [
        meeting('1', 's', '2026-10-27T10:00:00Z', { contactId: 'a', loggedByMentor: true, mentorId: 'm' }),
        meeting('2', 's', '2026-10-28T10:00:00Z', { heldAt: null }),
      ],
      events: [event('a', 's', '2026-10-28T10:00:00Z', { toStage: 'thanked' })],
    });
    const rows = reportRows(f);
    expect(rows.map((r) => r.student)).toEqual(['Sam', 'Tia']);
    expect(rows[0]).toMatchObject({
      contacts: 2,
      meetingsHeld: 1,
      meetingsMentorLogged: 1,
      meetingsConfirmedByBoth: 1,
      thankYous: 1,
    });
    expect(rows[0]?.byStage.thanked).toBe(1);
    const csv = reportCsv(rows);
    expect(csv.split('\n')[1]).toBe('Sam,2,0,1,0,0,1,0,0,0,0,1,1,1,1,2026-10-30T10:00:00.000Z');
    expect(csv.split('\n')[2]).toBe('Tia,0,0,0,0,0,0,0,0,0,0,0,0,0,0,');
    expect(csv).not.toContain('Jane');
    expect(csv).not.toContain('Figma');
  });

  it('when a name starts like a formula, then a quote keeps it text', () => {
    expect(spreadsheetSafe('=1+1')).toBe("'=1+1");
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('Ana')).toBe('Ana');
  });
});
