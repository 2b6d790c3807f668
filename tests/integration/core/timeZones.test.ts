/**
 * Every way a zone reaches a person's dates, on a real database: a profile's zone that is none,
 * a zone stored earlier that is none, the person's own choice right after, and an
 * organization's stored zone that is none. Nothing prints "Invalid DateTime"; the person hears
 * about a refused zone once.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from '../../../src/db/schema.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

let h: Harness;

beforeAll(async () => {
  h = await openHarness('2026-11-23T15:00:00Z', 'Europe/Paris');
});

afterAll(async () => {
  await h?.close();
});

const NOTICE = 'is not one I know';
const rowOf = async (personId: string) =>
  (await h.db.db.select().from(persons).where(eq(persons.id, personId)))[0]!;

/** The harness's n-th Slack person coming back, as after a restart, maybe with a profile zone. */
const comeBack = (n: number, timezoneHint?: string) =>
  h.rapport.identify({
    platform: 'slack',
    spaceExternalId: 'T-UNIV',
    externalUserId: `U${n}`,
    displayName: `Student ${n}`,
    ...(timezoneHint ? { timezoneHint } : {}),
  });

describe('a zone that is none', () => {
  it('when a profile reports Not/AZone, then it is not stored, the organization zone applies, and the person is told once even when the profile says it again', async () => {
    const me = await h.person({ timezoneHint: 'Not/AZone' });
    expect(me.timezone).toBe('Europe/Paris');
    expect(await rowOf(me.personId)).toMatchObject({ timezone: null, rejectedTimezone: 'Not/AZone' });

    const first = await h.say(me, 'settings');
    expect(first).toContain('Europe/Paris');
    expect(first).toContain(
      "The time zone I was given for you, Not/AZone, is not one I know, so I use your organization's (Europe/Paris) until you set yours with settings tz <zone>.",
    );
    expect(await h.say(me, 'settings')).not.toContain(NOTICE);

    // A restarted bot meets the person again and reads the same profile.
    const again = await comeBack(1, 'Not/AZone');
    expect(again.personId).toBe(me.personId);
    expect(await h.say(again, 'list')).not.toContain(NOTICE);
    expect(await rowOf(me.personId)).toMatchObject({ timezone: null, rejectedTimezone: null });
  });

  it('when a zone stored before these checks is none, then the person is met with their organization zone, dates print, and they are told once', async () => {
    const me = await h.person();
    await h.db.db.update(persons).set({ timezone: 'Mars/Olympus' }).where(eq(persons.id, me.personId));
    const back = await comeBack(2);
    expect(back.timezone).toBe('Europe/Paris');
    expect(await rowOf(me.personId)).toMatchObject({ timezone: null, rejectedTimezone: 'Mars/Olympus' });
    expect(await h.say(back, 'add Jane Doe at Figma')).toContain(
      'The time zone I was given for you, Mars/Olympus, is not one I know',
    );
    const scheduled = await h.say(back, 'scheduled jane 2026-11-25 15:00');
    expect(scheduled).not.toContain('Invalid DateTime');
    expect(scheduled).toContain('25 Nov 2026, 15:00');
    expect(scheduled).not.toContain(NOTICE);
    expect(await h.say(back, 'show jane')).not.toContain(NOTICE);
  });

  it('when the first thing the person does is set their own zone, then nothing is said about the refused one, now or later', async () => {
    const me = await h.person({ timezoneHint: 'Nowhere/Land' });
    const set = await h.say(me, 'settings tz America/Chicago');
    expect(set).toContain('America/Chicago');
    expect(set).not.toContain(NOTICE);
    expect(await h.say(me, 'settings')).not.toContain(NOTICE);
    const row = await rowOf(me.personId);
    expect(row).toMatchObject({ timezone: 'America/Chicago', rejectedTimezone: null });
    expect(row.timezoneNoticeAt).not.toBeNull();
  });

  it("when an organization's stored zone is none, then its people's dates print in UTC instead of Invalid DateTime", async () => {
    const me = await h.person();
    await h.db.db.execute(sql`update organizations set timezone = 'Bad/Zone' where id = ${me.orgId}::uuid`);
    const back = await comeBack(4);
    expect(back.timezone).toBe('UTC');
    await h.say(back, 'add Sam Lee at Stripe');
    const out = await h.say(back, 'scheduled sam 2026-11-26 10:00');
    expect(out).not.toContain('Invalid DateTime');
    expect(out).toContain('26 Nov 2026, 10:00');
  });
});
