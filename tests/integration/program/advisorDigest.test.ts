/**
 * The scheduled digest per advisor: at Monday 09:00 in the organization's zone each advisor gets
 * one DM with a section per cohort they advise and nothing of other cohorts, the coordinator gets
 * the whole organization, and each goes out once however often the step runs. Both carry the
 * week's outcome counts; each advisor's digest is in the disclosure log with its students.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartRenderer } from '../../../src/core/digest/digestPorts.js';
import { digestLog, digestLogStudents } from '../../../src/db/schema.js';
import { digestPass } from '../../support/digestPass.js';
import { FakeNotifier, type FakeSend } from '../../support/fakeNotifier.js';
import { openStaffHarness, type PersonSpec, plain, type StaffHarness } from '../digest/staffHarness.js';

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const dana: PersonSpec = { id: 'U0DANA0001', name: 'Dana Advisor' };
const eli: PersonSpec = { id: 'U0ELI00002', name: 'Eli Advisor' };
const ana: PersonSpec = { id: 'U0ANA00003', name: 'Ana Engineer' };
const ben: PersonSpec = { id: 'U0BEN00004', name: 'Ben Roboticist' };
const olga: PersonSpec = { id: 'U0OLG00005', name: 'Olga Designer' };
/** Monday 9 November 2026, 09:00 in New York. */
const MONDAY_9AM = '2026-11-09T14:00:00Z';

const chart: ChartRenderer = { renderPng: () => new Uint8Array([137, 80, 78, 71]) };
let h: StaffHarness;
let slack: FakeNotifier;
const ids: Record<string, string> = {};

const to = (person: PersonSpec) => (s: FakeSend) => s.to.externalUserId === person.id;

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-05T15:00:00Z',
    timezone: 'America/New_York',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  for (const p of [cora, dana, eli, ana, ben, olga]) ids[p.id] = (await h.as(p)).personId;
  // Ana is active; Ben and Olga have no contacts yet, so the digests name them.
  await h.say(ana, 'add Pat Acme');
  await h.say(ana, 'reached 1');
  await h.say(ana, 'met 1');
  await h.say(ana, 'outcome 1 useful new direction');
  await h.say(olga, 'decide focus');
  for (const name of ['Engineering', 'Design', 'Robotics']) await h.say(cora, `cohort create ${name}`);
  await h.say(cora, `cohort add 1 <@${ana.id}>`);
  await h.say(cora, `cohort add 2 <@${olga.id}>`);
  await h.say(cora, `cohort add 3 <@${ben.id}>`);
  expect(await h.say(cora, `cohort advisor 1 <@${dana.id}|dana>`)).toContain('Dana');
  await h.say(cora, `cohort advisor 3 <@${dana.id}|dana>`);
  await h.say(cora, `cohort advisor 2 <@${eli.id}|eli>`);
  slack = new FakeNotifier('slack');
  await digestPass(h.db.db, MONDAY_9AM, slack, chart);
  // The step runs again in the same minute and five minutes later: nothing more goes out.
  await digestPass(h.db.db, MONDAY_9AM, slack, chart);
  await digestPass(h.db.db, '2026-11-09T14:05:00Z', slack, chart);
});
afterAll(async () => {
  await h?.close();
});

describe('Monday 09:00', () => {
  it('when the step runs three times, then the coordinator and each advisor get exactly one digest', () => {
    expect(slack.delivered().filter(to(cora))).toHaveLength(1);
    expect(slack.delivered().filter(to(dana))).toHaveLength(1);
    expect(slack.delivered().filter(to(eli))).toHaveLength(1);
    expect(slack.delivered().filter(to(ana))).toHaveLength(0);
    expect(new Set(slack.delivered().map((s) => s.key)).size).toBe(3);
  });

  it("when Dana advises two cohorts, then her one message has a section for each, their charts, and nobody of Eli's cohort", () => {
    const message = slack.delivered().find(to(dana))!.message;
    const text = plain(message);
    expect(text).toContain('University · Engineering: the week of');
    expect(text).toContain('University · Robotics: the week of');
    expect(text).toContain('Ben Roboticist');
    expect(text).not.toContain('Olga');
    expect(text).not.toContain('Design');
    expect(message.files?.map((f) => f.filename)).toEqual([
      'rapport-funnel-2026-11-09-cohort-1.png',
      'rapport-funnel-2026-11-09-cohort-3.png',
    ]);
    // Ana's rating counts in Engineering's section; Olga's decision is not Dana's to see.
    expect(text).toContain('Conversations rated: 1 useful, 0 somewhat, 0 not');
    expect(text).not.toContain('1 focus');
  });

  it("when Eli advises Design, then he sees Olga and her decision, and nobody of Dana's cohorts", () => {
    const text = plain(slack.delivered().find(to(eli))!.message);
    expect(text).toContain('Olga Designer');
    expect(text).toContain("Students' decisions: 0 keep exploring, 1 focus, 0 change");
    expect(text).not.toContain('Ana');
    expect(text).not.toContain('Ben');
  });

  it("when the coordinator's digest goes out, then it covers everyone and carries the week's outcome counts", () => {
    const text = plain(slack.delivered().find(to(cora))!.message);
    for (const name of ['Ben Roboticist', 'Olga Designer']) expect(text).toContain(name);
    expect(text).not.toContain('University ·');
    expect(text).toContain('Outcomes this week');
    expect(text).toContain('Conversations rated: 1 useful, 0 somewhat, 0 not');
    expect(text).toContain('What they changed: 0 confirmed, 1 new direction, 0 ruled out, 0 unsure');
    expect(text).toContain("Students' decisions: 0 keep exploring, 1 focus, 0 change");
  });

  it("when the disclosure log is read, then Dana's digest is recorded once, to her, with her cohorts' students only", async () => {
    const rows = await h.db.db
      .select()
      .from(digestLog)
      .where(and(eq(digestLog.kind, 'advisor_digest'), eq(digestLog.recipient, `dm:${ids[dana.id]}`)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sentAt).not.toBeNull();
    const students = await h.db.db
      .select({ id: digestLogStudents.personId })
      .from(digestLogStudents)
      .where(eq(digestLogStudents.digestLogId, rows[0]!.id));
    expect(students.map((s) => s.id).sort()).toEqual([ids[ana.id], ids[ben.id]].sort());
    expect(await h.command(cora, 'digest log')).toContain(
      "Advisor's weekly digest (2026-W46) to DM to Dana Advisor (2 students' data)",
    );
  });

  it('when a week passes, then each gets the next week once more', async () => {
    await digestPass(h.db.db, '2026-11-16T14:00:00Z', slack, chart);
    await digestPass(h.db.db, '2026-11-16T14:00:00Z', slack, chart);
    expect(slack.delivered().filter(to(dana))).toHaveLength(2);
    expect(slack.delivered().filter(to(cora))).toHaveLength(2);
  });
});
