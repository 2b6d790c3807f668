/**
 * Cohorts on a real database, in the console's text form: a coordinator creates them, adds people
 * (also people who have never used Rapport), names an advisor and hands out a join code; every
 * bad input gets one sentence and changes nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortMembers, cohorts, nudges, persons } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from '../digest/staffHarness.js';

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const ana: PersonSpec = { id: 'UANA', name: 'Ana Alvarez' };
const maria: PersonSpec = { id: 'UMARIA', name: 'maria' };
const mariaLopez: PersonSpec = { id: 'UMLOPEZ', name: 'maria.lopez' };
const outsiderCoordinator: PersonSpec = { id: 'UOUT', name: 'Otto Outside', team: 'TOTHER' };
let h: StaffHarness;

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-04T15:00:00Z',
    coordinators: [
      { platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' },
      { platform: 'slack', spaceId: 'TOTHER', userId: 'UOUT' },
    ],
  });
  for (const p of [ana, maria, mariaLopez, outsiderCoordinator]) await h.as(p);
});
afterAll(async () => {
  await h?.close();
});

const cohortRows = () => h.db.db.select().from(cohorts);
const membersOf = async (cohortId: string) =>
  h.db.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId));

describe('creating cohorts', () => {
  it('when the coordinator creates a cohort, then it is numbered and listed', async () => {
    const out = await h.say(cora, 'cohort create "Class of 2027 Engineering"');
    expect(out).toContain('Created cohort #1 Class of 2027 Engineering');
    expect(await h.say(cora, 'cohort list')).toContain('#1 Class of 2027 Engineering · 0 members');
  });

  it.each([
    ['a name over 80 characters', `cohort create ${'x'.repeat(81)}`, 'at most 80 characters'],
    ['a name with markup', 'cohort create <!channel> *bold*', 'plain text'],
    ['a name that is only a number', 'cohort create 42', 'needs a letter'],
    [
      'a name already taken',
      'cohort create "class of 2027  engineering"',
      'already has a cohort of that name',
    ],
    ['no name', 'cohort create', 'Give the cohort a name'],
  ])(
    'when the name is %s, then one sentence says so and no cohort is made',
    async (_what, command, sentence) => {
      const before = (await cohortRows()).length;
      const out = await h.say(cora, command);
      expect(out).toContain(sentence);
      expect(out).toContain('Usage:');
      expect((await cohortRows()).length).toBe(before);
    },
  );

  it('when a student tries to create a cohort, then they are refused', async () => {
    expect(await h.say(ana, 'cohort create Sneaky')).toContain('Only coordinators can use that command');
  });
});

describe('adding people', () => {
  it('when the coordinator adds three newcomers, a known student, a duplicate and a stranger, then each is reported', async () => {
    const out = await h.say(
      cora,
      'cohort add 1 <@U0ANN00001|ann> <@U0BEN00002|ben> U0CHL00003 @ana <@U0ANN00001|ann> @nobody',
    );
    expect(out).toContain('4 added to Class of 2027 Engineering');
    expect(out).toMatch(/ann — added/);
    expect(out).toMatch(/ben — added/);
    expect(out).toMatch(/Slack user U0CHL00003 — added/);
    expect(out).toMatch(/Ana Alvarez — added/);
    expect(out).toMatch(/@nobody — not found/);
    const [cohort] = await cohortRows();
    expect(await membersOf(cohort!.id)).toHaveLength(4);
    expect(await h.say(cora, 'cohort add engineering @ana')).toMatch(/Ana Alvarez — already there/);
    // The newcomer's first command finds them in the cohort, under the name their platform gives.
    const ann = await h.as({ id: 'U0ANN00001', name: 'Ann Lee' });
    const members = await membersOf(cohort!.id);
    expect(members.map((m) => m.personId)).toContain(ann.personId);
    expect(await h.say(cora, 'cohort show 1')).toContain('Ann Lee');
  });

  it('when a name matches several people, then that line asks for a mention and nobody of that name is added', async () => {
    const out = await h.say(cora, 'cohort add 1 maria');
    expect(out).toContain('maria — several people match; mention them');
    expect(out).toContain('0 added');
  });

  it('when the coordinator adds a coordinator as a student, then that line says why and they are not added', async () => {
    const out = await h.say(cora, 'cohort add 1 <@UCORA|cora>');
    expect(out).toContain('Cora Coordinator — not added: is a coordinator, not a student');
    const [cohort] = await cohortRows();
    const cor = await h.as(cora);
    expect((await membersOf(cohort!.id)).map((m) => m.personId)).not.toContain(cor.personId);
  });

  it('when more than 50 people are named, then nothing is added', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `<@U0MANY${String(i).padStart(4, '0')}>`).join(' ');
    const before = (await h.db.db.select().from(persons)).length;
    expect(await h.say(cora, `cohort add 1 ${many}`)).toContain('up to 50 people at a time');
    expect((await h.db.db.select().from(persons)).length).toBe(before);
  });

  it('when the cohort is unknown, then one sentence says so and no one is created', async () => {
    const before = (await h.db.db.select().from(persons)).length;
    const out = await h.say(cora, 'cohort add biology <@U0NEW00009|newbie>');
    expect(out).toContain("I couldn't find that cohort");
    expect((await h.db.db.select().from(persons)).length).toBe(before);
  });

  it('when the coordinator removes a member, then they leave; removing them again changes nothing', async () => {
    expect(await h.say(cora, 'cohort remove 1 <@U0BEN00002>')).toContain(
      'ben is no longer in Class of 2027 Engineering',
    );
    expect(await h.say(cora, 'cohort remove 1 <@U0BEN00002>')).toContain('They are not in that cohort');
  });
  it('when a cohort name of several words is typed without quotes, then the whole name is the cohort and only the people after it are added', async () => {
    const out = await h.say(cora, 'cohort add Class of 2027 Engineering <@U0EVE00004|eve>');
    expect(out).toContain('1 added to Class of 2027 Engineering');
    expect(out).toContain('eve — added');
    expect(out).not.toContain('not found');
  });
});

describe('advisors', () => {
  it('when the coordinator names a newcomer advisor, then they become an advisor who sees only that cohort', async () => {
    await h.say(cora, 'cohort create "Workshop Series"');
    const out = await h.say(cora, 'cohort advisor 1 <@U0DANA0001|dana>');
    expect(out).toContain('dana now advises Class of 2027 Engineering');
    const dana: PersonSpec = { id: 'U0DANA0001', name: 'Dana Advisor' };
    expect((await h.as(dana)).role).toBe('advisor');
    const list = await h.say(dana, 'cohort list');
    expect(list).toContain('Class of 2027 Engineering');
    expect(list).not.toContain('Workshop Series');
    expect(await h.say(dana, 'cohort show 2')).toContain("I couldn't find that cohort");
    expect(await h.say(dana, 'cohort create Mine')).toContain('Only coordinators');
    // The same cohort named in words, without quotes: the name runs on until it is whole.
    const again = await h.say(cora, 'cohort advisor class of 2027 engineering <@U0DANA0001|dana>');
    expect(again).toContain('Dana Advisor now advises Class of 2027 Engineering');
  });

  it('when a coordinator of another organization names an advisor for this cohort, then their cohort is not found', async () => {
    const out = await h.say(outsiderCoordinator, 'cohort advisor 1 <@U0DANA0001|dana>');
    expect(out).toContain("I couldn't find that cohort");
    const [cohort] = (await cohortRows()).filter((c) => c.number === 1 && c.name.startsWith('Class'));
    const dana = await h.as({ id: 'U0DANA0001', name: 'Dana Advisor' });
    expect(cohort?.advisorId).toBe(dana.personId);
  });
});

describe('join codes', () => {
  let shown = '';

  it('when the coordinator asks for a code, then it is six unambiguous characters shown with a dash', async () => {
    const out = await h.say(cora, 'cohort code 1');
    const code = /join ([A-Z2-9]{3}-[A-Z2-9]{3})/.exec(out)?.[1];
    expect(code).toBeDefined();
    expect(code).not.toMatch(/[01OI]/);
    shown = code!;
    expect(out).toContain('works until 18 Nov 2026');
    // Asked again later, the same code lives two more weeks.
    const renewed = await h.say(cora, 'cohort code 1', '2026-11-10T15:00:00Z');
    expect(renewed).toContain(`join ${shown}`);
    expect(renewed).toContain('24 Nov 2026');
  });

  it('when a student joins with the code typed loosely, then they are in; joining again says so', async () => {
    const ben: PersonSpec = { id: 'U0BEN00002', name: 'Ben' };
    expect(await h.say(ben, `join ${shown.toLowerCase().replace('-', ' ')}`)).toContain(
      'Welcome to Class of 2027 Engineering',
    );
    expect(await h.say(ben, `join ${shown}`)).toContain('You are already in');
  });

  it('when a student types a wrong code, then one sentence says so; the eleventh wrong try in an hour waits', async () => {
    const eve: PersonSpec = { id: 'U0EVE00005', name: 'Eve' };
    for (let i = 0; i < 10; i += 1) {
      expect(await h.say(eve, 'join ZZZ-ZZZ')).toContain('That code is unknown or has expired');
    }
    const out = await h.say(eve, `join ${shown}`);
    expect(out).toContain('too many wrong codes');
    expect(await h.say(eve, `join ${shown}`, '2026-11-10T16:01:00Z')).toContain('Welcome to');
  });

  it('when the code has expired, then joining is refused', async () => {
    const fay: PersonSpec = { id: 'U0FAY00006', name: 'Fay' };
    expect(await h.say(fay, `join ${shown}`, '2026-11-25T15:00:00Z')).toContain('unknown or has expired');
    // Asked for after it expired, the coordinator gets a new code.
    const fresh = await h.say(cora, 'cohort code 1');
    expect(fresh).not.toContain(`join ${shown}`);
  });

  it('when someone of another organization types the code, then it is unknown to them', async () => {
    const code = (await cohortRows()).find((c) => c.number === 1 && c.name.startsWith('Class'))?.joinCode;
    const stranger: PersonSpec = { id: 'U0STR00007', name: 'Stranger', team: 'TOTHER' };
    expect(await h.say(stranger, `join ${code}`)).toContain('unknown or has expired');
  });
});

describe('welcome', () => {
  it('when the coordinator sends the welcome twice, then each member gets one welcome through the outbox, never two', async () => {
    const welcomes = () => h.db.db.select().from(nudges).where(eq(nudges.kind, 'welcome'));
    const before = (await welcomes()).length;
    const first = await h.say(cora, 'cohort welcome 1');
    const queued = Number(/(\d+) welcome messages? queued/.exec(first)?.[1]);
    expect(queued).toBeGreaterThan(0);
    expect((await welcomes()).length).toBe(before + queued);
    const second = await h.say(cora, 'cohort welcome 1');
    expect(second).toContain('0 welcome messages queued');
    expect(second).toContain(`${queued} members had one already`);
    expect((await welcomes()).length).toBe(before + queued);
    expect((await welcomes()).every((n) => n.status === 'pending' && n.dueAt <= h.clock.now())).toBe(true);
  });

  it('when the cohort is unknown, then one sentence says so and nothing is queued', async () => {
    expect(await h.say(cora, 'cohort welcome biology')).toContain("I couldn't find that cohort");
  });
});
