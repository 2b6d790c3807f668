import { describe, expect, it } from 'vitest';
import {
  INTRO_GATHER_MS,
  type MentorMatchState,
  mayMessageMentor,
  mentorIntroDueAt,
  planMentorReminder,
  quietMatches,
} from '../../../../src/core/nudges/mentorReminders.js';

const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-09-01T12:00:00Z');
const day = (n: number) => new Date(start.getTime() + n * DAY);

const match = (id: string, patch: Partial<MentorMatchState> = {}): MentorMatchState => ({
  matchId: `m-${id}`,
  studentId: `s-${id}`,
  studentName: `Student ${id}`,
  matchedAt: start,
  lastLoggedAt: null,
  remindedAt: null,
  ...patch,
});

describe('quietMatches', () => {
  it('when a match is 20 days old with no meeting, then it is not quiet yet; at 21 days it is', () => {
    expect(quietMatches([match('a')], day(20))).toEqual([]);
    expect(quietMatches([match('a')], day(21)).map((m) => m.matchId)).toEqual(['m-a']);
  });

  it('when the mentor logged a meeting on day 10, then the 21 days count from that meeting', () => {
    const m = match('a', { lastLoggedAt: day(10) });
    expect(quietMatches([m], day(30))).toEqual([]);
    expect(quietMatches([m], day(31))).toHaveLength(1);
  });

  it('when the quiet stretch has had its reminder, then no second one comes until a meeting is logged and 21 more days pass', () => {
    const reminded = match('a', { remindedAt: day(21) });
    expect(quietMatches([reminded], day(60))).toEqual([]);
    const metAgain = { ...reminded, lastLoggedAt: day(25) };
    expect(quietMatches([metAgain], day(45))).toEqual([]);
    expect(quietMatches([metAgain], day(46))).toHaveLength(1);
  });
});

describe('the weekly limit', () => {
  it('when the last unrequested message went 6 days ago, then none may go; at 7 days one may', () => {
    expect(mayMessageMentor(day(0), day(6))).toBe(false);
    expect(mayMessageMentor(day(0), day(7))).toBe(true);
    expect(mayMessageMentor(null, day(0))).toBe(true);
  });
});

describe('mentorIntroDueAt', () => {
  it('when the mentor never had an unrequested message, then the introduction waits only for the sitting', () => {
    expect(mentorIntroDueAt(null, day(3)).getTime()).toBe(day(3).getTime() + INTRO_GATHER_MS);
  });

  it('when the last one was 3 days ago, then it waits until a week after that one', () => {
    expect(mentorIntroDueAt(day(0), day(3))).toEqual(day(7));
  });

  it('when the last one was 7 days ago or more, then it waits only for the sitting', () => {
    expect(mentorIntroDueAt(day(0), day(7)).getTime()).toBe(day(7).getTime() + INTRO_GATHER_MS);
    expect(mentorIntroDueAt(day(0), day(30)).getTime()).toBe(day(30).getTime() + INTRO_GATHER_MS);
  });
});

describe('planMentorReminder', () => {
  it('when two students are quiet, then one reminder names both and covers both matches', () => {
    const plan = planMentorReminder(
      'mentor-1',
      [match('a'), match('b'), match('c', { matchedAt: day(10) })],
      null,
      day(21),
    );
    expect(plan?.matchIds).toEqual(['m-a', 'm-b']);
    expect(plan?.nudge).toMatchObject({
      kind: 'mentor_reminder',
      personId: 'mentor-1',
      contactId: null,
      dueAt: day(21),
      payload: { students: { 's-a': 'Student a', 's-b': 'Student b' } },
    });
  });

  it('when an introduction went to the mentor 3 days ago, then the reminder waits, and goes 7 days after it', () => {
    expect(planMentorReminder('mentor-1', [match('a')], day(19), day(22))).toBeNull();
    expect(planMentorReminder('mentor-1', [match('a')], day(19), day(26))).not.toBeNull();
  });

  it('when two workers plan in the same week, then they plan the same key', () => {
    const one = planMentorReminder('mentor-1', [match('a')], null, day(21));
    const two = planMentorReminder('mentor-1', [match('a')], null, new Date(day(21).getTime() + 60_000));
    expect(one?.nudge.dedupeKey).toBe(two?.nudge.dedupeKey);
  });

  it('when nothing is quiet, then nothing is planned', () => {
    expect(planMentorReminder('mentor-1', [match('a', { lastLoggedAt: day(15) })], null, day(21))).toBeNull();
  });
});
