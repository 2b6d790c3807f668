import { describe, expect, it } from 'vitest';
import { digestCsv, digestCsvFile, digestCsvRows } from '../../../../src/core/digest/digestCsv.js';
import { computeDigest } from '../../../../src/core/digest/digestFigures.js';
import { digestMessage } from '../../../../src/core/digest/digestMessage.js';
import { at, contact, event, facts, meeting, mentor, student } from './factsBuilder.js';

/** Monday 2 Nov 2026 09:00 in Chicago (15:00Z): the week runs from Monday 26 Oct 14:00Z. */
const AT = at('2026-11-02T15:00:00Z');
const ZONE = 'America/Chicago';

const seeded = () =>
  facts({
    persons: [student('s', 'Sam'), student('t', 'Tia'), mentor('m', 'Max'), mentor('k', 'Kim')],
    contacts: [
      contact('a', 's', {
        name: 'Jane Doe',
        company: 'Figma',
        stage: 'thanked',
        // 03:00Z on 30 Oct is still 29 Oct in Chicago.
        lastActivityAt: at('2026-10-30T03:00:00Z'),
      }),
      contact('b', 's', { stage: 'reached_out', lastActivityAt: at('2026-10-28T10:00:00Z') }),
      // Kim is a mentor who keeps a list: she is counted as a student, and her role is not shown.
      contact('c', 'k', { stage: 'identified', lastActivityAt: at('2026-10-01T10:00:00Z') }),
    ],
    events: [
      event('b', 's', '2026-10-28T10:00:00Z', { toStage: 'reached_out' }),
      // A follow-up counts as outreach; one before the week does not.
      event('b', 's', '2026-10-29T10:00:00Z', { kind: 'interaction', toStage: 'reached_out' }),
      event('a', 's', '2026-10-20T10:00:00Z', { toStage: 'reached_out' }),
      event('a', 's', '2026-10-29T20:00:00Z', { toStage: 'thanked' }),
    ],
    meetings: [
      meeting('1', 's', '2026-10-29T15:00:00Z', {
        contactId: 'a',
        mentorId: 'm',
        loggedByStudent: true,
        loggedByMentor: true,
      }),
      meeting('2', 's', '2026-10-30T15:00:00Z', {
        mentorId: 'm',
        loggedByStudent: false,
        loggedByMentor: true,
      }),
      // Not held, or the week before: not counted.
      meeting('3', 's', '2026-10-31T15:00:00Z', { heldAt: null }),
      meeting('4', 's', '2026-10-21T15:00:00Z'),
    ],
  });

describe("the digest's CSV", () => {
  it('when the rows are built, then each student has the week as the digest counts it, and the rows add up to it', () => {
    const f = seeded();
    const figures = computeDigest(f, AT, ZONE);
    const rows = digestCsvRows(f, figures);
    expect(rows.map((r) => r.student)).toEqual(['Kim', 'Sam', 'Tia']);
    expect(rows[1]).toMatchObject({
      contacts: 2,
      outreachSent: 2,
      meetings: { held: 2, studentLogged: 1, mentorLogged: 2, confirmedByBoth: 1 },
      thankYousSent: 1,
      stalled: false,
    });
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
    expect(sum((r) => r.outreachSent)).toBe(figures.current.outreachSent);
    expect(sum((r) => r.meetings.held)).toBe(figures.current.meetings.held);
    expect(sum((r) => r.thankYousSent)).toBe(figures.current.thankYous.sent);
    expect(rows.map((r) => r.studentId).sort()).toEqual(figures.studentIds);
  });

  it('when written out, then dates are local, stalled is yes or no, and no contact, company or role appears', () => {
    const f = seeded();
    const figures = computeDigest(f, AT, ZONE);
    const csv = digestCsv(digestCsvRows(f, figures), ZONE);
    expect(csv.split('\n')).toEqual([
      'student,contacts,identified,reached_out,scheduled,met,thanked,keeping_in_touch,no_reply,declined,archived,outreach_sent,meetings_held,meetings_logged_by_student,meetings_logged_by_mentor,meetings_confirmed_by_both,thank_yous_sent,stalled,last_activity',
      'Kim,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,yes,2026-10-01',
      'Sam,2,0,1,0,0,1,0,0,0,0,2,2,1,2,1,1,no,2026-10-29',
      'Tia,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,no,',
      '',
    ]);
    const rows = csv.split('\n').slice(1).join('\n');
    for (const secret of ['Jane', 'Figma', 'Max', 'Contact', 'mentor', 'student']) {
      expect(rows).not.toContain(secret);
    }
  });

  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['Ana, "the" best', '"Ana, ""the"" best"'],
  ])('when a student is named %j, then the cell is %j and stays text', (name, cell) => {
    const f = facts({ persons: [student('x', name)] });
    const csv = digestCsv(digestCsvRows(f, computeDigest(f, AT, ZONE)), ZONE);
    expect(csv.split('\n')[1]).toBe(`${cell},0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,no,`);
  });

  it('when the file is made, then it is text/csv named for the local day of the digest', () => {
    const f = seeded();
    const figures = computeDigest(f, at('2026-11-02T03:00:00Z'), ZONE);
    expect(digestCsvFile(digestCsvRows(f, figures), figures)).toMatchObject({
      filename: 'rapport-digest-2026-11-01.csv',
      contentType: 'text/csv',
    });
  });

  it('when the digest message is made with the CSV on or off, then the file is attached or not, and the students recorded are those of the file', () => {
    const f = seeded();
    const off = digestMessage(f, AT, ZONE, 'University', { csv: false });
    expect(off.reply.files ?? []).toEqual([]);
    const on = digestMessage(f, AT, ZONE, 'University', { csv: true });
    expect(on.reply.files?.map((file) => file.contentType)).toEqual(['text/csv']);
    expect(on.studentIds).toEqual(['k', 's', 't']);
  });
});
