/**
 * Guessing one-time codes on a real database: at most 5 wrong tries per person per 10 minutes
 * at link codes and space codes, counted in the database even though the command that says
 * "wrong code" rolls back, still counted after a restart, and never more than 5 checked when
 * tries arrive all at once. Forget-me codes only work for the person who asked for them.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import { Rapport } from '../../../src/core/rapport.js';
import { codeTries, persons } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, plain, type StaffHarness } from '../digest/staffHarness.js';

const GUILD = '900000000000000001';
const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const dan: PersonSpec = { id: '800000000000000001', name: 'Dan Discord', team: GUILD, platform: 'discord' };
// Ana on Slack and Ana on Discord are one student; Mallory and Bob guess.
const ana: PersonSpec = { id: 'UANA', name: 'Ana Alves' };
const anaOnDiscord: PersonSpec = { ...ana, id: '800000000000000002', team: GUILD, platform: 'discord' };
const mallory: PersonSpec = { id: 'UMAL', name: 'Mallory Guess' };
const bob: PersonSpec = { id: 'UBOB', name: 'Bob Burst' };
// A coordinator of a third space, trying space codes.
const olga: PersonSpec = { id: 'UOLGA', name: 'Olga Other', team: 'TOTHER' };

const START = '2026-11-02T14:00:00Z';
const codeIn = (text: string) => /\b([A-Z2-9]{6})\b/.exec(text)?.[1] ?? '';

let h: StaffHarness;

beforeAll(async () => {
  h = await openStaffHarness({
    start: START,
    coordinators: [
      { platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' },
      { platform: 'discord', spaceId: GUILD, userId: dan.id },
      { platform: 'slack', spaceId: 'TOTHER', userId: 'UOLGA' },
    ],
  });
  // The Discord server belongs to the university's organization, so Ana can link her two accounts.
  await h.as(dan);
  const spaceCode = codeIn(await h.command(cora, 'space code'));
  expect(await h.command(dan, 'space join', { code: spaceCode })).toContain('now belongs to');
  for (const p of [ana, anaOnDiscord, mallory, bob, olga]) await h.as(p);
});

afterAll(async () => {
  await h?.close();
});

async function triesOf(p: PersonSpec, purpose: string) {
  const { personId } = await h.as(p);
  return h.db.db
    .select()
    .from(codeTries)
    .where(and(eq(codeTries.personId, personId), eq(codeTries.purpose, purpose)));
}

describe('link codes', () => {
  it('when someone types five wrong link codes, then each is counted in the database, and the sixth try is refused with a wait even when it is the right code', async () => {
    const code = codeIn(await h.say(ana, 'link', START));
    for (const wrong of ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD', 'EEEEEE']) {
      expect(await h.say(mallory, `link ${wrong}`, '2026-11-02T14:01:00Z')).toContain('unknown or expired');
    }
    expect(await triesOf(mallory, 'link')).toHaveLength(5);

    const refused = await h.say(mallory, `link ${code}`, '2026-11-02T14:03:00Z');
    expect(refused).toContain(
      'You have typed too many wrong codes in the last 10 minutes; wait 8 minutes, then try again.',
    );
    // Nothing was merged and the refused try is not counted.
    expect((await h.as(mallory)).personId).not.toBe((await h.as(ana)).personId);
    expect(await triesOf(mallory, 'link')).toHaveLength(5);

    // Ana's own code still works for her other account: the guesser did not burn it.
    expect(await h.say(anaOnDiscord, `link ${code}`, '2026-11-02T14:04:00Z')).toContain('Linked.');
  });

  it('when the bot restarts, then the count is still there, and it lets the person try again once the window has passed', async () => {
    // A new Rapport on the same database: what a restart or another replica sees.
    const restarted = new Rapport({
      references: PLATFORM_REFERENCES,
      store: h.db.store,
      clock: h.clock,
      timezone: 'UTC',
      coordinators: [],
    });
    const again = async (text: string, at: string) => {
      h.clock.set(at);
      const actor = await h.as(mallory);
      return plain(await restarted.runText(actor, text));
    };
    expect(await again('link FFFFFF', '2026-11-02T14:10:59Z')).toContain('wait 1 minute,');
    expect(await again('link FFFFFF', '2026-11-02T14:11:00Z')).toContain('unknown or expired');
  });

  it('when ten wrong codes arrive at once, then at most five are checked and every one checked is counted', async () => {
    // Each try is committed before it is counted, so the k-th to commit counts at least k: on
    // PGlite, which runs one statement at a time, all ten are recorded before any is counted and
    // none is checked; on PostgreSQL some may be, never more than five.
    h.clock.set('2026-11-02T15:00:00Z');
    const actor = await h.as(bob);
    const answers = (
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => h.rapport.runText(actor, `link ZZZZZ${(i % 8) + 2}`)),
      )
    ).map(plain);
    const checked = answers.filter((a) => a.includes('unknown or expired'));
    const refused = answers.filter((a) => a.includes('too many wrong codes'));
    expect(checked.length + refused.length).toBe(10);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(await triesOf(bob, 'link')).toHaveLength(checked.length);
  });

  it('when the code is right at the first try, then nothing stays counted against the person', async () => {
    h.clock.set('2026-11-02T16:00:00Z');
    const code = codeIn(await h.say(cora, 'link'));
    const cleo: PersonSpec = {
      id: '800000000000000003',
      name: 'Cora on Discord',
      team: GUILD,
      platform: 'discord',
    };
    await h.as(cleo);
    expect(await h.say(cleo, `link ${code}`)).toContain('Linked.');
    expect(await triesOf(cora, 'link')).toHaveLength(0);
  });
});

describe('space codes', () => {
  it('when a coordinator guesses space codes, then the same cap applies, and a right code joined earlier left no count behind', async () => {
    expect(await triesOf(dan, 'space')).toHaveLength(0);
    h.clock.set('2026-11-02T17:00:00Z');
    for (let i = 0; i < 5; i++) {
      expect(await h.command(olga, 'space join', { code: `QQQQQ${i + 2}` })).toContain('unknown or expired');
    }
    expect(await h.command(olga, 'space join', { code: 'QQQQQ9' })).toContain('wait 10 minutes');
    expect(await triesOf(olga, 'space')).toHaveLength(5);
  });
});

describe('forget-me codes', () => {
  it("when someone types another person's forget-me code, then it does nothing: the code only works for the person who asked", async () => {
    h.clock.set('2026-11-02T18:00:00Z');
    const code = /forget-me ([A-Z2-9]{6})/.exec(await h.say(bob, 'forget-me'))?.[1] ?? '';
    expect(await h.say(mallory, `forget-me ${code}`)).toContain('not valid any more');
    const { personId } = await h.as(bob);
    expect(await h.db.db.select().from(persons).where(eq(persons.id, personId))).toHaveLength(1);
  });
});
