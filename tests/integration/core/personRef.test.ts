/**
 * Naming another person (a mentor's `log`, a coordinator's `role`) on a real database: a name
 * that could mean several people always gets the pick-list, even when one of them is called
 * exactly that (a handle), and a mention still picks one person.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetings } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from '../digest/staffHarness.js';

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const leo: PersonSpec = { id: 'ULEO', name: 'Leo Mentor' };
// The student the mentor met, and someone whose Slack handle is exactly the first part of her name.
const mariaLopez: PersonSpec = { id: 'UMLOPEZ', name: 'maria.lopez' };
const maria: PersonSpec = { id: 'UMARIA', name: 'maria' };
const ben: PersonSpec = { id: 'UBEN', name: 'Ben Brook' };

let h: StaffHarness;

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-04T15:00:00Z',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  for (const p of [leo, mariaLopez, ben]) await h.as(p);
  expect(await h.say(cora, 'role <@ULEO|leo> mentor')).toContain('is now a mentor');
  // The handle `maria` writes once, after maria.lopez was already known.
  await h.say(maria, 'list');
});

afterAll(async () => {
  await h?.close();
});

const meetingsOf = async (p: PersonSpec) =>
  h.db.db
    .select()
    .from(meetings)
    .where(eq(meetings.studentId, (await h.as(p)).personId));

describe('a name that could mean several people', () => {
  it('when a mentor logs "maria" and both maria and maria.lopez exist, then the mentor gets the pick-list and no meeting is logged for anyone', async () => {
    const out = await h.say(leo, 'log maria for 30 min product roles');
    expect(out).toContain('Several people match that name');
    expect(out).toContain('maria.lopez');
    expect(out).toMatch(/• maria$/m);
    expect(await meetingsOf(maria)).toHaveLength(0);
    expect(await meetingsOf(mariaLopez)).toHaveLength(0);
  });

  it('when a coordinator gives "maria" a role, then the same pick-list comes back and no role changes', async () => {
    const out = await h.say(cora, 'role @maria mentor');
    expect(out).toContain('Several people match that name');
    expect((await h.as(maria)).role).toBe('student');
    expect((await h.as(mariaLopez)).role).toBe('student');
  });

  it('when the mentor mentions maria.lopez, then the meeting is hers', async () => {
    expect(await h.say(leo, 'log <@UMLOPEZ|maria.lopez> for 30 min product roles')).toContain(
      'Logged your meeting with maria.lopez',
    );
    expect(await meetingsOf(mariaLopez)).toHaveLength(1);
    expect(await meetingsOf(maria)).toHaveLength(0);
  });

  it('when the name fits only one person, then it still finds them without a mention', async () => {
    expect(await h.say(leo, 'log ben for 20 min')).toContain('Logged your meeting with Ben Brook');
    expect(await meetingsOf(ben)).toHaveLength(1);
  });
});
