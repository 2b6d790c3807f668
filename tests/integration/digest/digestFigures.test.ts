/**
 * The seeded organization of seededWeek.ts, with its digest figures computed by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeDigest,
  type DigestFigures,
  digestFactsSince,
} from '../../../src/core/digest/digestFigures.js';
import { AT, cora, openSeededWeek, SECRET_DETAILS } from './seededWeek.js';
import type { StaffHarness } from './staffHarness.js';

const HOUR = 60 * 60 * 1000;

let h: StaffHarness;
let figures: DigestFigures;
let previewText: string;

beforeAll(async () => {
  h = await openSeededWeek();
  const org = (await h.as(cora)).orgId;
  const at = new Date(AT);
  const facts = await h.db.store.transaction((repos) =>
    repos.digest.facts(org, digestFactsSince(at, 'America/New_York'), at),
  );
  figures = computeDigest(facts, at, 'America/New_York');
  previewText = await h.say(cora, 'digest preview', AT);
});

afterAll(async () => {
  await h?.close();
});

describe('the seeded week', () => {
  it('when the weeks are cut across the change to winter time, then each runs from Monday 09:00 local to Monday 09:00 local', () => {
    expect(figures.current.period.from.toISOString()).toBe('2026-10-26T13:00:00.000Z');
    expect(figures.current.period.to.toISOString()).toBe('2026-11-02T14:00:00.000Z');
    expect(figures.previous.period.from.toISOString()).toBe('2026-10-19T13:00:00.000Z');
  });

  it('when the activity is counted, then each figure and the week before match the hand count', () => {
    // Active: this week Ana (adds, outreach, met, thanks), Ben (his note on 1 Nov), Cai = 3;
    // the week before Ana (20 Oct) and Ben (21-24 Oct) = 2. Max's logs on Ana's list are not Ana's.
    expect(figures.current.activeStudents).toBe(3);
    expect(figures.previous.activeStudents).toBe(2);
    // New contacts: Cai's Jane and Sam, Ana's Omar and Max Mentor = 4; before: Ana's Jane, Ben's Jane and Li = 3.
    expect(figures.current.newContacts).toBe(4);
    expect(figures.previous.newContacts).toBe(3);
    // Outreach: Cai -> Jane, Cai -> Sam, Ana -> Omar, Ana's and Cai's follow-ups to Jane = 5;
    // before: Ana -> Jane, Ben -> Jane, Ben -> Li = 3.
    expect(figures.current.outreachSent).toBe(5);
    expect(figures.previous.outreachSent).toBe(3);
  });

  it('when the meetings are counted, then student-logged, mentor-logged and confirmed by both are told apart', () => {
    // This week: Cai-Sam (Cai only), Ana-Max (Ana, then Max: both), Cai-Max (Max only).
    expect(figures.current.meetings).toEqual({
      held: 3,
      studentLogged: 2,
      mentorLogged: 2,
      confirmedByBoth: 1,
    });
    // Before: Ben-Jane (Ben only), Ben-Max (Max only).
    expect(figures.previous.meetings).toEqual({
      held: 2,
      studentLogged: 1,
      mentorLogged: 1,
      confirmedByBoth: 0,
    });
  });

  it('when thank-yous are timed, then the 24-hour share and the median match the hand count', () => {
    // This week: Ana -> Max 5 h after (within), Cai -> Sam 36 h after (not), Ana -> Omar with no
    // meeting on record (sent, but not timed): 1 of 2 = 50 %, median (5 h + 36 h) / 2 = 20.5 h.
    expect(figures.current.thankYous).toEqual({
      sent: 3,
      withKnownMeeting: 2,
      within24h: 1,
      share: 0.5,
      medianMs: 20.5 * HOUR,
    });
    // Before: Ben -> Jane 12 h after: 1 of 1, median 12 h.
    expect(figures.previous.thankYous).toEqual({
      sent: 1,
      withKnownMeeting: 1,
      within24h: 1,
      share: 1,
      medianMs: 12 * HOUR,
    });
  });

  it('when the funnel is drawn, then it counts every student contact by its stage today', () => {
    // Eve: Old Contact (identified), Zoe (declined). Ana: Jane (reached out), Omar and Max Mentor
    // (thanked). Ben: Jane (thanked), Li (reached out). Cai: Jane (reached out), Sam (thanked).
    expect(Object.fromEntries(figures.funnel.map((s) => [s.stage, s.count]))).toEqual({
      identified: 1,
      reached_out: 3,
      scheduled: 0,
      met: 0,
      thanked: 4,
      keeping_in_touch: 0,
      no_reply: 0,
      declined: 1,
      archived: 0,
    });
  });

  it('when people are listed, then Eve is stalled, Dee has no contacts, Max logged 2 (1 before) and Jane Doe of Figma was contacted by 3 students', () => {
    expect(
      figures.stalled.map((s) => ({
        name: s.name,
        open: s.openContacts,
        last: s.lastActivityAt.toISOString(),
      })),
    ).toEqual([{ name: 'Eve Evans', open: 1, last: '2026-10-10T14:05:00.000Z' }]);
    expect(figures.withoutContacts.map((p) => p.displayName)).toEqual(['Dee Diaz']);
    expect(
      figures.mentors.map((m) => ({ name: m.name, meetings: m.meetings, previous: m.previous })),
    ).toEqual([{ name: 'Max Mentor', meetings: 2, previous: 1 }]);
    // Ana (20 Oct), Ben (21 Oct) and Cai (27 Oct, typed "jane doe at FIGMA") all got in touch
    // within the 30 days; the spelling most of them used is shown.
    expect(figures.popular).toEqual([{ name: 'Jane Doe', organization: 'Figma', students: 3 }]);
    // Five students (by role); Max and Cora keep no list.
    expect(figures.studentIds).toHaveLength(5);
  });

  it('when the coordinator previews the digest, then the text shows the same figures with the week before', () => {
    expect(previewText).toContain('the week of 26 Oct 2026 – 2 Nov 2026 (America/New_York)');
    expect(previewText).toContain('Active students: 3 (last week 2, +1)');
    expect(previewText).toContain('New contacts: 4 (last week 3, +1)');
    expect(previewText).toContain('Outreach sent: 5 (last week 3, +2)');
    expect(previewText).toContain(
      'Meetings held: 3 (last week 2, +1); student-logged 2, mentor-logged 2, confirmed by both 1',
    );
    expect(previewText).toContain(
      'Thank-yous sent: 3 (last week 1, +2); 1 of 2 within 24 h of the meeting: 50%; last week 100% within 24 h',
    );
    expect(previewText).toContain('Median time from meeting to thank-you: 20 h 30 min (last week 12 h)');
    expect(previewText).toContain('Eve Evans — 1 open contact, last activity 10 Oct 2026');
    expect(previewText).toContain('Max Mentor: 2 (last week 1, +1)');
    expect(previewText).toContain('Jane Doe (Figma): 3 students');
  });

  it('when the digest is shown, then no note text and no other contact is named', () => {
    expect(previewText).not.toContain('TOPSECRET');
    for (const detail of SECRET_DETAILS) expect(previewText).not.toContain(detail);
    for (const name of ['Omar Fay', 'Sam Lee', 'Li Wu', 'Old Contact', 'Zoe Park', 'Stripe', 'Acme']) {
      expect(previewText).not.toContain(name);
    }
  });
});
