/**
 * Mentors' gentle reminders through the worker with a clock the test moves: one reminder when a
 * matched student has had no logged meeting for 21 days, naming every quiet student in one
 * message; none again for that quiet stretch; and never within a week of another message the
 * mentor did not ask for (an introduction counts). Introductions keep to the same week: one per
 * sitting of matches, and one made within the week waits for it to pass.
 */

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/bot/console/consoleRenderer.js';
import { mentorReminderStep } from '../../../src/bot/worker/mentorReminderStep.js';
import { nudgeStep } from '../../../src/bot/worker/nudgeStep.js';
import { runPass } from '../../../src/bot/worker/pass.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { nudges } from '../../../src/db/schema.js';
import { FakeNotifier, virtualTime } from '../../support/fakeNotifier.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from '../digest/staffHarness.js';

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const lee: PersonSpec = { id: 'U0LEE00001', name: 'Lee Mentor' };
const ana: PersonSpec = { id: 'U0ANA00002', name: 'Ana Student' };
const ben: PersonSpec = { id: 'U0BEN00003', name: 'Ben Student' };
const chloe: PersonSpec = { id: 'U0CHL00004', name: 'Chloe Student' };

const DAY = 24 * 60 * 60 * 1000;
/** Monday 2 November 2026, 14:00 UTC: day 0, inside everyone's waking hours. */
const DAY0 = new Date('2026-11-02T14:00:00Z');
const day = (n: number) => new Date(DAY0.getTime() + n * DAY);
/** Half an hour, in days: the quarter of an hour a mentor's introduction gathers a sitting's matches, and some. */
const SITTING = 1 / 48;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let h: StaffHarness;
let slack: FakeNotifier;

/** One worker pass at day `n`: reminders planned, then everything due delivered. */
async function passOn(n: number): Promise<void> {
  h.clock.set(day(n));
  const time = virtualTime(day(n));
  const summary = await runPass({
    db: h.db.db,
    outbox: nudgeOutbox(h.db.db),
    clock: time.clock,
    sleep: time.sleep,
    notifiers: new Map([['slack', slack]]),
    logger: quiet,
    steps: [mentorReminderStep, nudgeStep],
  });
  expect(summary.failed).toBe(0);
}

/** What Lee received, as the console would print it, in order. */
const toLee = () =>
  slack
    .delivered()
    .filter((s) => s.to.externalUserId === lee.id)
    .map((s) => renderReply(s.message, { color: false }));
const reminders = () => toLee().filter((text) => text.includes('A gentle note'));

beforeAll(async () => {
  h = await openStaffHarness({
    start: DAY0.toISOString(),
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  slack = new FakeNotifier('slack', { clock: { now: () => h.clock.now() } });
  // The students have used Rapport; the mentor has not yet (named by a mention).
  for (const p of [cora, ana, ben, chloe]) await h.as(p);
  await h.say(cora, `role <@${lee.id}|lee> mentor`);
  await h.say(cora, `match <@${lee.id}> <@${ana.id}>`);
  await h.say(cora, `match <@${lee.id}> <@${ben.id}>`);
  await passOn(0);
});
const intros = () => toLee().filter((text) => text.includes('matched you with'));
afterAll(async () => {
  await h?.close();
});

describe("a mentor's reminders", () => {
  it('when two matches are made in one sitting, then Lee gets one introduction naming both a quarter of an hour later, and no reminder', async () => {
    expect(toLee()).toEqual([]);
    await passOn(SITTING);
    expect(toLee()).toHaveLength(1);
    expect(toLee()[0]).toContain('matched you with the students Ana Student and Ben Student');
  });

  it('when 20 days pass with no meeting logged, then nothing more comes', async () => {
    await passOn(20);
    expect(toLee()).toHaveLength(1);
  });

  it('when 21 days pass, then one reminder names both students in one message', async () => {
    await passOn(21);
    await passOn(21);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toContain('no meeting with Ana Student and Ben Student has been logged');
  });

  it('when the quiet stretch goes on, then no second reminder comes about the same students', async () => {
    for (const n of [22, 28, 35, 45]) await passOn(n);
    expect(reminders()).toHaveLength(1);
  });

  it('when Lee logs a meeting with Ana and she is quiet 21 days again, but an introduction went 3 days before, then the reminder waits until a week after the introduction and names Ana only', async () => {
    h.clock.set(day(46));
    expect(await h.say(lee, `log <@${ana.id}> for 30 min`)).toContain('Ana');
    await h.say(cora, `match <@${lee.id}> <@${chloe.id}>`, day(64).toISOString());
    await passOn(64 + SITTING);
    expect(toLee().at(-1)).toContain('matched you with the student Chloe Student');
    // Ana is quiet from day 67 on: the introduction on day 64 holds the reminder a week.
    await passOn(67);
    await passOn(70);
    expect(reminders()).toHaveLength(1);
    await passOn(72);
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]).toContain('Ana Student');
    expect(reminders()[1]).not.toContain('Ben');
    expect(reminders()[1]).not.toContain('Chloe');
  });

  it('when a match comes within a week of the last message, then its introduction waits for the week to pass, and a match made meanwhile joins it', async () => {
    const dia: PersonSpec = { id: 'U0DIA00008', name: 'Dia Student' };
    const eli: PersonSpec = { id: 'U0ELI00009', name: 'Eli Student' };
    for (const p of [dia, eli]) await h.as(p);
    // The last reminder went on day 72: an introduction on day 75 waits until day 79 (20 January).
    const said = await h.say(cora, `match <@${lee.id}> <@${dia.id}>`, day(75).toISOString());
    expect(said).toContain('Dia Student gets a short introduction in private now');
    expect(said).toContain('Lee Mentor gets theirs on Wed 20 Jan 2027');
    await passOn(75 + SITTING);
    await h.say(cora, `match <@${lee.id}> <@${eli.id}>`, day(77).toISOString());
    await passOn(77 + SITTING);
    expect(intros()).toHaveLength(2);
    await passOn(79 + SITTING);
    expect(intros()).toHaveLength(3);
    expect(intros()[2]).toContain('matched you with the students Dia Student and Eli Student');
  });

  it('when every message Lee got is counted, then no two of those he did not ask for came within seven days', () => {
    const times = slack
      .delivered()
      .filter((s) => s.to.externalUserId === lee.id && s.key)
      .map((s) => s.at.getTime())
      .sort((a, b) => a - b);
    expect(times.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(7 * DAY);
    }
  });

  it('when a student named in a reminder still waiting uses forget-me, then their name leaves it; when nobody is left, it is cancelled', async () => {
    const max: PersonSpec = { id: 'U0MAX00005', name: 'Max Mentor' };
    const fay: PersonSpec = { id: 'U0FAY00006', name: 'Fay Student' };
    const gil: PersonSpec = { id: 'U0GIL00007', name: 'Gil Student' };
    for (const p of [max, fay, gil]) await h.as(p);
    await h.say(cora, `role <@${max.id}> mentor`, day(80).toISOString());
    await h.say(cora, `match <@${max.id}> <@${fay.id}>`);
    await h.say(cora, `match <@${max.id}> <@${gil.id}>`);
    await passOn(80 + SITTING);
    // Planned at day 101, but not delivered yet (the worker plans only, this time).
    const time = virtualTime(day(101));
    await runPass({
      db: h.db.db,
      outbox: nudgeOutbox(h.db.db),
      clock: time.clock,
      sleep: time.sleep,
      notifiers: new Map(),
      logger: quiet,
      steps: [mentorReminderStep],
    });
    const maxId = (await h.as(max)).personId;
    const waiting = async () =>
      (await h.db.db.select().from(nudges).where(eq(nudges.personId, maxId))).filter(
        (n) => n.kind === 'mentor_reminder',
      );
    expect(Object.values((await waiting())[0]!.payload.students as object).sort()).toEqual([
      'Fay Student',
      'Gil Student',
    ]);
    const forget = async (p: PersonSpec) => {
      const code = /forget-me ([A-Z0-9]{6})/.exec(await h.say(p, 'forget-me'))?.[1];
      expect(await h.say(p, `forget-me ${code}`)).toContain('deleted');
    };
    await forget(fay);
    expect(Object.values((await waiting())[0]!.payload.students as object)).toEqual(['Gil Student']);
    expect((await waiting())[0]!.status).toBe('pending');
    await forget(gil);
    expect((await waiting())[0]!.status).toBe('cancelled');
  });
});
