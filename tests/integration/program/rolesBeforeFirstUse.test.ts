/**
 * Setting people up before the term starts: `role` names someone who has never used Rapport (a
 * Slack mention, with or without the name, or a bare user id); their identity waits in the
 * organization and is theirs at their first command, with the role, and a mentor's first `log`
 * works. Nothing is created for a name, nor in another organization.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nudges, persons } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from '../digest/staffHarness.js';

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const ana: PersonSpec = { id: 'UANA', name: 'Ana Student' };
let h: StaffHarness;

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-04T15:00:00Z',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  await h.as(ana);
});
afterAll(async () => {
  await h?.close();
});

const personNamed = async (name: string) =>
  (await h.db.db.select().from(persons).where(eq(persons.displayName, name)))[0];

describe('a role for someone who has never used Rapport', () => {
  it('when the coordinator mentions a newcomer as Slack sends it, then the role waits for them and their first log works', async () => {
    const out = await h.say(cora, 'role <@U0LEE00001|lee> mentor');
    expect(out).toContain('lee is now a mentor');
    expect(out).toContain("haven't used Rapport yet");
    const waiting = await personNamed('lee');
    expect(waiting?.role).toBe('mentor');
    expect(waiting?.lastPlatform).toBeNull();
    // No reminders for someone who has not arrived.
    expect(await h.db.db.select().from(nudges).where(eq(nudges.personId, waiting!.id))).toHaveLength(0);

    const lee: PersonSpec = { id: 'U0LEE00001', name: 'Lee Park' };
    const actor = await h.as(lee);
    expect(actor.personId).toBe(waiting?.id);
    expect(actor.role).toBe('mentor');
    expect(actor.displayName).toBe('Lee Park');
    expect(await h.say(lee, 'log @ana for 30 min product roles')).toContain(
      'Logged your meeting with Ana Student',
    );
  });

  it('when the mention carries no name, then a placeholder holds until they come, a second role keeps the one person, and reminders start at their first command', async () => {
    expect(await h.say(cora, 'role <@U0BEA00002> coordinator')).toContain(
      'Slack user U0BEA00002 is now a coordinator',
    );
    expect(await h.say(cora, 'role <@U0BEA00002> student')).toContain('is now a student');
    const rows = await h.db.db.select().from(persons).where(eq(persons.displayName, 'Slack user U0BEA00002'));
    expect(rows).toHaveLength(1);
    const reminders = () => h.db.db.select().from(nudges).where(eq(nudges.personId, rows[0]!.id));
    expect(await reminders()).toHaveLength(0);
    const bea = await h.as({ id: 'U0BEA00002', name: 'Bea' });
    expect(bea.personId).toBe(rows[0]?.id);
    expect(bea.role).toBe('student');
    // A student's weekly look at the list starts with their first command.
    expect((await reminders()).map((n) => n.kind)).toContain('weekly_pipeline');
  });

  it('when the coordinator gives a bare Slack user id, then it is read as that person', async () => {
    expect(await h.say(cora, 'role U0CAL00003 mentor')).toContain('is now a mentor');
    expect((await h.as({ id: 'U0CAL00003', name: 'Cal' })).role).toBe('mentor');
  });

  it('when the coordinator names a newcomer by name only, then one sentence explains how to add them and no one is created', async () => {
    const before = (await h.db.db.select().from(persons)).length;
    const out = await h.say(cora, 'role @nobody mentor');
    expect(out).toContain("I couldn't find that person in your organization");
    expect(out).toContain('mention them (@name)');
    expect((await h.db.db.select().from(persons)).length).toBe(before);
  });

  it('when a name carries markup, then it is shown escaped as typed', async () => {
    const out = await h.say(cora, 'role <@U0DAN00004|<!channel>> mentor');
    // The mention does not parse (its name holds ">"), so the words are a name nobody has.
    expect(out).toContain("I couldn't find that person");
    expect(await personNamed('<!channel')).toBeUndefined();
  });

  it('when the same user id writes from a workspace of another organization, then they are someone else there', async () => {
    const elsewhere = await h.as({ id: 'U0LEE00001', name: 'Lee Elsewhere', team: 'TOTHER' });
    expect(elsewhere.role).toBe('student');
    expect(elsewhere.orgId).not.toBe((await h.as(cora)).orgId);
  });
});
