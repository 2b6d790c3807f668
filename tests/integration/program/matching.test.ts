/**
 * Matching mentors with students: both sides get one introduction through the outbox (the nudges
 * table the worker delivers from), never twice; `mentees` lists the match; bad pairs change nothing;
 * forget-me removes the match.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/bot/console/consoleRenderer.js';
import { renderNudge } from '../../../src/core/nudges/nudgeMessages.js';
import { mentorMatches, nudges } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from '../digest/staffHarness.js';

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const ana: PersonSpec = { id: 'U0ANA00001', name: 'Ana Student' };
const lee: PersonSpec = { id: 'U0LEE00002', name: 'Lee Mentor' };
const dana: PersonSpec = { id: 'U0DAN00003', name: 'Dana Advisor' };
const ben: PersonSpec = { id: 'U0BEN00004', name: 'Ben Elsewhere' };
let h: StaffHarness;

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-02T14:00:00Z',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  await h.as(cora);
  await h.say(cora, `role <@${lee.id}|lee> mentor`);
  await h.say(cora, 'cohort create Engineering');
  await h.say(cora, `cohort add 1 <@${ana.id}|ana> <@${ben.id}|ben>`);
  await h.say(cora, 'cohort create Design');
  await h.say(cora, `cohort remove 1 <@${ben.id}>`);
  await h.say(cora, `cohort add 2 <@${ben.id}>`);
  await h.say(cora, `cohort advisor 1 <@${dana.id}|dana>`);
});
afterAll(async () => {
  await h?.close();
});

const intros = () => h.db.db.select().from(nudges).where(eq(nudges.kind, 'match_intro'));

describe('match', () => {
  it('when the coordinator matches a mentor and a student who never used Rapport, then one introduction each is queued', async () => {
    expect(await h.say(cora, `match <@${lee.id}> <@${ana.id}>`)).toContain('lee now mentors ana');
    const queued = await intros();
    expect(queued).toHaveLength(2);
    const leeId = (await h.as(lee)).personId;
    const mine = queued.find((n) => n.personId === leeId);
    const text = renderReply(renderNudge(mine as never, { contact: null } as never), { color: false });
    expect(text).toContain('matched you with the student ana');
    // Matching again says so and queues nothing more.
    expect(await h.say(cora, `match <@${lee.id}> <@${ana.id}>`)).toContain('already matched');
    expect(await intros()).toHaveLength(2);
  });

  it('when the mentor lists mentees, then the matched student shows with no meeting yet, then with the one logged', async () => {
    await h.as(ana);
    expect(await h.say(lee, 'mentees')).toContain(
      'Ana Student — matched since 2 Nov 2026, no meeting logged yet',
    );
    await h.say(lee, `log <@${ana.id}> on 2026-11-01 10:00 for 30 min`);
    expect(await h.say(lee, 'mentees')).toContain('last met 1 Nov 2026');
  });

  it.each([
    ['a student with themself', `match <@${ana.id}> <@${ana.id}>`, 'two different people'],
    ['a mentor who is not one', `match <@${ben.id}> <@${ana.id}>`, 'not a mentor yet'],
    ['a coordinator as the student', `match <@${lee.id}> <@UCORA>`, 'Only students are matched'],
    ['an unknown name', 'match @nobody @ana', "couldn't find that mentor"],
  ])(
    'when the coordinator matches %s, then one sentence says so and nothing is queued',
    async (_what, command, sentence) => {
      const before = (await intros()).length;
      expect(await h.say(cora, command)).toContain(sentence);
      expect((await intros()).length).toBe(before);
    },
  );

  it('when an advisor matches a student outside their cohorts, then they are refused; inside, it works', async () => {
    expect(await h.say(dana, `match <@${lee.id}> <@${ben.id}>`)).toContain('not in a cohort you advise');
    expect(await h.say(dana, `unmatch <@${lee.id}> <@${ana.id}>`)).toContain('no longer mentors');
    expect(await h.say(dana, `unmatch <@${lee.id}> <@${ana.id}>`)).toContain('not matched');
    expect(await h.say(dana, `match <@${lee.id}> <@${ana.id}>`)).toContain('now mentors');
  });

  it('when a pairing ends before its introductions went out, then neither goes, and the next match is introduced afresh', async () => {
    const leeId = (await h.as(lee)).personId;
    const anaId = (await h.as(ana)).personId;
    const pending = async () => (await intros()).filter((n) => n.status === 'pending');
    expect((await pending()).map((n) => n.personId).sort()).toEqual([anaId, leeId].sort());
    expect(await h.say(cora, `unmatch <@${lee.id}> <@${ana.id}>`)).toContain('no longer mentors');
    expect(await pending()).toEqual([]);
    expect(await h.say(cora, `match <@${lee.id}> <@${ana.id}>`)).toContain('now mentors');
    expect((await pending()).map((n) => n.personId).sort()).toEqual([anaId, leeId].sort());
  });

  it('when the student forgets themself, then the match is gone and so is their name from the introductions waiting for the mentor', async () => {
    const anaId = (await h.as(ana)).personId;
    const leeId = (await h.as(lee)).personId;
    const waiting = (await intros()).filter((n) => n.personId === leeId && n.status === 'pending');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((n) => anaId in ((n.payload as { students?: object }).students ?? {}))).toBe(true);

    const code = /forget-me ([A-Z0-9]{6})/.exec(await h.say(ana, 'forget-me'))?.[1];
    expect(code).toBeDefined();
    expect(await h.say(ana, `forget-me ${code}`)).toContain('deleted');
    expect(await h.db.db.select().from(mentorMatches)).toHaveLength(0);

    const left = await intros();
    expect(left.filter((n) => n.personId === leeId).map((n) => n.status)).not.toContain('pending');
    expect(JSON.stringify(left.map((n) => n.payload))).not.toContain(anaId);
    expect(JSON.stringify(left.map((n) => n.payload))).not.toMatch(/"otherName":"(ana|Ana Student)"/);
  });
});
