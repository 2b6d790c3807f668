/**
 * The coordinator's nudge timing on a real database: `nudges` shows it, `nudges set` changes one
 * setting and re-plans every pending reminder of the organization in the same transaction, and
 * `nudges reset` undoes. Refusals change nothing, and another organization is never touched.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contacts, nudges, organizations, persons } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from '../digest/staffHarness.js';

const START = '2026-11-02T14:00:00Z'; // a Monday, inside the default waking hours in UTC
const DAY_MS = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(new Date(START).getTime() + days * DAY_MS);

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const ana: PersonSpec = { id: 'UANA', name: 'Ana Alves' };
const ben: PersonSpec = { id: 'UBEN', name: 'Ben Brook' };
// Another organization, on another Slack workspace.
const olga: PersonSpec = { id: 'UOLGA', name: 'Olga Other', team: 'TOTHER' };
const otto: PersonSpec = { id: 'UOTTO', name: 'Otto Other', team: 'TOTHER' };

let h: StaffHarness;
let orgA = '';
let orgB = '';

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] =>
  Array.isArray(result) ? result : ((result as { rows: Row[] }).rows ?? []);

async function configOf(orgId: string): Promise<Record<string, number>> {
  const [row] = await h.db.db
    .select({ config: organizations.nudgeConfig })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row?.config ?? {};
}

/** The pending follow-ups of a contact (by its name), soonest first. */
async function pendingFollowUps(contactName: string): Promise<Date[]> {
  const rows = await h.db.db
    .select({ dueAt: nudges.dueAt })
    .from(nudges)
    .innerJoin(contacts, eq(contacts.id, nudges.contactId))
    .where(and(eq(contacts.name, contactName), eq(nudges.kind, 'follow_up'), eq(nudges.status, 'pending')))
    .orderBy(asc(nudges.dueAt));
  return rows.map((r) => r.dueAt);
}

/** Every nudge row and the nudge config of an organization, as sorted JSON. */
async function snapshotOf(orgId: string): Promise<{ config: Record<string, number>; nudges: string[] }> {
  const rows = rowsOf(
    await h.db.db.execute(sql`select to_jsonb(n)::text as j from nudges n where org_id = ${orgId}`),
  );
  return { config: await configOf(orgId), nudges: rows.map((r) => String(r.j)).sort() };
}

beforeAll(async () => {
  h = await openStaffHarness({
    start: START,
    coordinators: [
      { platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' },
      { platform: 'slack', spaceId: 'TOTHER', userId: 'UOLGA' },
    ],
  });
  orgA = (await h.as(cora)).orgId;
  orgB = (await h.as(olga)).orgId;
  await h.as(otto);
  // Ana reached out to Jane today: three follow-ups wait, 7, 14 and 21 days out.
  await h.say(ana, 'add Jane Doe at Figma');
  await h.say(ana, 'reached jane');
  // Otto, in the other organization, did the same with Kim.
  await h.say(otto, 'add Kim Kay at Acme');
  await h.say(otto, 'reached kim');
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  // Each test starts from the defaults, at the same moment.
  h.clock.set(START);
  await h.say(cora, 'nudges reset all');
  expect(h.errors).toEqual([]);
});

describe('nudges (show)', () => {
  it('when nothing was changed, then every setting shows its default, grouped the way a coordinator thinks', async () => {
    const out = await h.say(cora, 'nudges');
    expect(out).toContain('Every setting follows the product default.');
    for (const section of [
      'Follow-ups',
      'Meetings',
      'Staying in touch',
      'Pipeline and reflection',
      'Waking hours',
    ]) {
      expect(out).toContain(section);
    }
    expect(out).toContain('follow-up-days: Follow up 7 days after the last contact');
    expect(out).toContain('follow-ups: At most 3 follow-ups per outreach');
    expect(out).toContain('prep-hours: Prepare 24 hours before a meeting.');
    expect(out).toContain('thank-you-hours: Thank-you note and debrief 2 hours after a meeting ends');
    expect(out).toContain(
      'keep-in-touch-days: Tell them how their advice worked out 30 days after the thank-you.',
    );
    expect(out).toContain('second-conversation-days: Ask for a second conversation about 90 days');
    expect(out).toContain(
      'pipeline-target: Weekly pipeline reminder when a list holds fewer than 10 open contacts.',
    );
    expect(out).toContain('for 14 days.');
    expect(out).toContain('after 3 meetings held.');
    expect(out).toContain('28 days after the first outreach.');
    expect(out).toContain('waking-hours: Reminders from 09:00 to 20:00 for people who join from now on');
    expect(out).not.toContain('Changed');
    expect(await h.say(cora, 'nudges show')).toBe(out);
  });

  it('when a setting was changed, then show marks it and names the default', async () => {
    await h.say(cora, 'nudges set prep-hours 48');
    const out = await h.say(cora, 'nudges');
    expect(out).toContain('1 setting differs from the product default');
    expect(out).toContain('prep-hours: Prepare 48 hours before a meeting. Changed; the default is 24 hours.');
    expect(out).toContain(
      'follow-up-days: Follow up 7 days after the last contact, and as long again between follow-ups.\n',
    );
  });
});

describe('nudges set', () => {
  it('when the follow-up days change, then the pending follow-ups move in the nudges table and the reply counts them', async () => {
    expect(await pendingFollowUps('Jane Doe')).toEqual([at(7), at(14), at(21)]);
    const out = await h.say(cora, 'nudges set follow-up-days 3');
    expect(out).toContain('Saved: follow-up-days is now 3 days (it was 7 days; the default is 7 days).');
    expect(out).toContain('3 pending reminders moved to the new timing.');
    expect(await pendingFollowUps('Jane Doe')).toEqual([at(3), at(6), at(9)]);
    expect(await configOf(orgA)).toEqual({ followUpDays: 3 });
    // What a student does next is planned with the new timing too.
    await h.say(ana, 'add Lee Lin at Stripe');
    await h.say(ana, 'reached lee');
    expect(await pendingFollowUps('Lee Lin')).toEqual([at(3), at(6), at(9)]);
  });

  it('when a length with a unit is given, then it is read in the setting unit', async () => {
    expect(await h.say(cora, 'nudges set follow-up-days 2 weeks')).toContain('is now 14 days');
    expect(await h.say(cora, 'nudges set follow-up-days 1 week')).toContain('is now 7 days');
    // Back to the default value: no override is kept.
    expect(await configOf(orgA)).toEqual({});
    expect(await h.say(cora, 'nudges set prep-hours 2 days')).toContain('prep-hours is now 48 hours');
    expect(await h.say(cora, 'nudges set keep-in-touch-days 6 weeks')).toContain('is now 42 days');
    expect(await configOf(orgA)).toEqual({ prepHoursBefore: 48, keepInTouchDays: 42 });
  });

  it('when fewer follow-ups are allowed, then the ones beyond are cancelled', async () => {
    const out = await h.say(cora, 'nudges set follow-ups 1');
    // Two of Jane's and two of Lee's.
    expect(out).toContain('4 pending reminders no longer due and cancelled.');
    expect(await pendingFollowUps('Jane Doe')).toEqual([at(7)]);
    // The last follow-up now says it is the last one.
    const [row] = await h.db.db
      .select({ payload: nudges.payload })
      .from(nudges)
      .innerJoin(contacts, eq(contacts.id, nudges.contactId))
      .where(and(eq(contacts.name, 'Jane Doe'), eq(nudges.kind, 'follow_up'), eq(nudges.status, 'pending')));
    expect(row?.payload).toMatchObject({ n: 1, final: true });
  });

  it('when the value is already in force, then nothing is written', async () => {
    expect(await h.say(cora, 'nudges set follow-up-days 7')).toBe(
      'follow-up-days is already 7 days; nothing changed.',
    );
    expect(await configOf(orgA)).toEqual({});
  });

  it('when a contact is snoozed, or a delivered reminder was snoozed with its button, then the snooze still holds', async () => {
    await h.say(ben, 'add Max Mo at Bolt');
    await h.say(ben, 'reached max');
    await h.say(ben, 'snooze max 30 days');
    const heldByContact = await pendingFollowUps('Max Mo');
    expect(heldByContact.every((due) => due >= at(30))).toBe(true);
    // Ben's first follow-up about Nora went out, and a day later he asked for it again in a week.
    await h.say(ben, 'add Nora Ng at Canva');
    await h.say(ben, 'reached nora');
    const [first] = await h.db.db
      .select({ id: nudges.id })
      .from(nudges)
      .innerJoin(contacts, eq(contacts.id, nudges.contactId))
      .where(and(eq(contacts.name, 'Nora Ng'), eq(nudges.kind, 'follow_up')))
      .orderBy(asc(nudges.dueAt))
      .limit(1);
    await h.db.db
      .update(nudges)
      .set({ status: 'sent', sentAt: new Date(START) })
      .where(eq(nudges.id, first!.id));
    h.clock.set(at(1));
    const snoozed = await h.rapport.runAction(await h.as(ben), 'nudge_snooze_1w', first!.id);
    expect(JSON.stringify(snoozed)).toContain('snoozed until');

    await h.say(cora, 'nudges set follow-up-days 3');
    const [again] = await h.db.db.select().from(nudges).where(eq(nudges.id, first!.id));
    expect(again).toMatchObject({ status: 'pending', dueAt: at(8) });
    expect(await pendingFollowUps('Max Mo')).toEqual(heldByContact);
  });

  it('when the waking hours change, then people who join from now on start with them and everyone else keeps theirs', async () => {
    const out = await h.say(cora, 'nudges set waking-hours 08:00 - 21:00');
    expect(out).toContain('Saved: waking-hours is now 08:00 to 21:00');
    expect(out).toContain('People who join from now on get reminders from 08:00 to 21:00');
    expect(await configOf(orgA)).toEqual({ wakeStartMinute: 480, wakeEndMinute: 1260 });
    const hours = async (p: PersonSpec) => {
      const [row] = await h.db.db
        .select({ start: persons.wakeStartMinute, end: persons.wakeEndMinute })
        .from(persons)
        .where(eq(persons.id, (await h.as(p)).personId));
      return row;
    };
    expect(await hours({ id: 'UNEW', name: 'Nia New' })).toEqual({ start: 480, end: 1260 });
    expect(await hours(ana)).toEqual({ start: 540, end: 1200 });
    expect(await hours({ id: 'UNEW2', name: 'Nils Newer', team: 'TOTHER' })).toEqual({
      start: 540,
      end: 1200,
    });
  });

  it('when Discord sends the options, then the setting is saved the same way', async () => {
    expect(await h.command(cora, 'nudges set', { setting: 'thank-you-hours', value: '3' })).toContain(
      'thank-you-hours is now 3 hours',
    );
    expect(await configOf(orgA)).toEqual({ thankYouHoursAfter: 3 });
  });
});

describe('nudges reset', () => {
  it('when one setting is reset, then it and its reminders go back to the default and the others stay', async () => {
    await h.say(cora, 'nudges set follow-up-days 3');
    await h.say(cora, 'nudges set reflect-days 35');
    const out = await h.say(cora, 'nudges reset follow-up-days');
    expect(out).toContain('Back to the default: follow-up-days is 7 days again.');
    expect(out).toContain('pending reminders moved to the new timing.');
    expect(await pendingFollowUps('Jane Doe')).toEqual([at(7), at(14), at(21)]);
    expect(await configOf(orgA)).toEqual({ reflectDays: 35 });
  });

  it('when all is reset, then the organization has no override left', async () => {
    await h.say(cora, 'nudges set follow-up-days 3');
    await h.say(cora, 'nudges set pipeline-target 8');
    expect(await h.say(cora, 'nudges reset all')).toContain(
      'Every nudge setting is back to the product default.',
    );
    expect(await configOf(orgA)).toEqual({});
    expect(await pendingFollowUps('Jane Doe')).toEqual([at(7), at(14), at(21)]);
    expect(await h.say(cora, 'nudges reset all')).toBe(
      'Every nudge setting already follows the product default; nothing changed.',
    );
    expect(await h.say(cora, 'nudges reset prep-hours')).toBe(
      'prep-hours already follows the default, 24 hours; nothing changed.',
    );
  });
});

describe('refusals change nothing', () => {
  it.each([
    [
      'nudges set follow-up-days soon',
      'I could not read that; give a number, or a length like "2 weeks": follow-up-days takes a number of days above 0, at most 365.',
    ],
    [
      'nudges set follow-up-days 0',
      'That is out of range: follow-up-days takes a number of days above 0, at most 365.',
    ],
    [
      'nudges set follow-up-days 400',
      'That is out of range: follow-up-days takes a number of days above 0, at most 365.',
    ],
    ['nudges set follow-ups 99', 'That is out of range: follow-ups takes a whole number from 0 to 10.'],
    [
      'nudges set follow-ups 2.5',
      'That is not a whole number: follow-ups takes a whole number from 0 to 10.',
    ],
    ['nudges set prep-hours -4', 'prep-hours takes a number of hours above 0, at most 720.'],
    ['nudges set waking-hours 9:00-9:00', 'waking-hours takes two different times of day, like 08:00-21:00.'],
    [
      'nudges set folow-up-days 3',
      'I do not know that nudge setting.\nYou typed folow-up-days.\nDid you mean follow-up-days?',
    ],
    ['nudges set colour blue', 'The settings are: follow-up-days, follow-ups, prep-hours'],
    ['nudges set follow-up-days', 'Name a setting and its new value'],
    ['nudges reset everything', 'I do not know that nudge setting.'],
    ['nudges set', 'Name a setting and its new value'],
    ['nudges show everything', 'This command takes nothing after its name.'],
  ])('when a coordinator types %j, then the reply says why and nothing changes', async (typed, expected) => {
    await h.say(cora, 'nudges set prep-hours 48');
    const before = [await snapshotOf(orgA), await snapshotOf(orgB)];
    const out = await h.say(cora, typed);
    expect(out).toContain(expected);
    expect(out).toContain('Usage: /rapport nudges');
    expect([await snapshotOf(orgA), await snapshotOf(orgB)]).toEqual(before);
  });

  it('when a student tries any of them, then they get the standard refusal and nothing changes', async () => {
    const before = await snapshotOf(orgA);
    for (const typed of ['nudges', 'nudges set follow-up-days 3', 'nudges reset all']) {
      expect(await h.say(ana, typed)).toBe('Only coordinators can use that command.');
    }
    expect(await snapshotOf(orgA)).toEqual(before);
  });

  it("when one organization changes its timing, then the other's settings and reminders stay as they were", async () => {
    const before = await snapshotOf(orgB);
    expect(await pendingFollowUps('Kim Kay')).toEqual([at(7), at(14), at(21)]);
    await h.say(cora, 'nudges set follow-up-days 2');
    await h.say(cora, 'nudges set follow-ups 5');
    expect(await snapshotOf(orgB)).toEqual(before);
    expect(await pendingFollowUps('Kim Kay')).toEqual([at(7), at(14), at(21)]);
    expect(await h.say(olga, 'nudges')).toContain('Every setting follows the product default.');
  });
});

describe('help', () => {
  it('when a coordinator asks for help on nudges, then the usage, the settings and examples come back', async () => {
    const out = await h.say(cora, 'help nudges set');
    expect(out).toContain('Usage: /rapport nudges set <setting> <value>');
    expect(out).toContain('follow-up-days, follow-ups, prep-hours');
    expect(out).toContain('/rapport nudges set waking-hours 08:00-21:00');
    expect(await h.say(cora, 'help')).toContain('nudges reset <setting|all>');
  });
});
