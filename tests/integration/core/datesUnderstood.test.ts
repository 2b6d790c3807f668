/**
 * Issue 16, times and dates, on a real database: the zone set with `settings tz` applies to the
 * next command, hours without am/pm are read as meeting hours and said, numeric dates follow the
 * person's locale with the weekday shown, far dates are checked with a button, and the phrasings
 * students typed are understood.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/command.js';
import type { Reply } from '../../../src/core/reply.js';
import { contacts, meetings, nudges, timelineEvents } from '../../../src/db/schema.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

let h: Harness;
/** Friday 4 December 2026, noon in New York. */
const START = '2026-12-04T17:00:00Z';

beforeAll(async () => {
  h = await openHarness(START, 'UTC');
});
afterAll(async () => {
  await h?.close();
});

/** A student in New York with one contact, #1 Marc Weber. */
async function student(locale?: string): Promise<Actor> {
  h.clock.set(START);
  const me = await h.person(locale ? { localeHint: locale } : {});
  await h.say(me, 'settings tz America/New_York');
  await h.say(me, 'add Marc Weber at Figma');
  return me;
}

const meetingOf = async (me: Actor) => {
  const [row] = await h.db.db
    .select({ startsAt: meetings.startsAt })
    .from(meetings)
    .where(eq(meetings.studentId, me.personId));
  return row?.startsAt.toISOString();
};
const buttons = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));

describe('settings tz without a restart', () => {
  it('when settings tz Europe/Paris is set, then the very next scheduled reads 3pm in Paris with the same actor', async () => {
    const me = await h.person();
    await h.say(me, 'add Marc Weber');
    expect(await h.say(me, 'settings tz Europe/Paris')).toContain('Europe/Paris');
    await h.say(me, 'scheduled marc tomorrow 3pm');
    expect(await meetingOf(me)).toBe('2026-12-05T14:00:00.000Z');
  });
});

describe('hours without am or pm', () => {
  it('when "tomorrow at 4" is typed, then the meeting is at 16:00 and the reply says it took the afternoon', async () => {
    const me = await student();
    const reply = await h.say(me, 'scheduled marc tomorrow at 4');
    expect(await meetingOf(me)).toBe('2026-12-05T21:00:00.000Z');
    expect(reply).toContain('Sat 5 Dec 2026, 16:00');
    expect(reply).toContain('No am or pm, so I took 4 in the afternoon (16:00)');
  });

  it('when "dec 12 at 3:30" is typed, then it is 15:30', async () => {
    const me = await student();
    await h.say(me, 'scheduled marc dec 12 at 3:30');
    expect(await meetingOf(me)).toBe('2026-12-12T20:30:00.000Z');
  });

  it('when "tomorrow 9" is typed, then it is 9 in the morning and the reply says so', async () => {
    const me = await student();
    const reply = await h.say(me, 'scheduled marc tomorrow 9');
    expect(await meetingOf(me)).toBe('2026-12-05T14:00:00.000Z');
    expect(reply).toContain('I took 9 in the morning');
  });
});

describe('numeric dates by locale', () => {
  it('when an en-GB student types "10/12 at 9:30am", then it is Thursday 10 December, said in full', async () => {
    const me = await student('en-GB');
    const reply = await h.say(me, 'scheduled marc 10/12 at 9:30am');
    expect(await meetingOf(me)).toBe('2026-12-10T14:30:00.000Z');
    expect(reply).toContain('Thursday 10 December 2026');
  });

  it('when an en-US student types "10/12 at 9:30am", then 12 October 2027 is more than six months away and is asked about with a button first', async () => {
    const me = await student('en-US');
    const reply = await h.reply(me, 'scheduled marc 10/12 at 9:30am');
    expect(await meetingOf(me)).toBeUndefined();
    const [yes] = buttons(reply);
    expect(yes?.label).toBe('Yes, Tue 12 Oct 2027, 09:30');
    const confirmed = await h.rapport.runAction(me, yes!.id, yes!.value);
    expect(JSON.stringify(confirmed)).toContain('Scheduled');
    expect(await meetingOf(me)).toBe('2027-10-12T13:30:00.000Z');
  });

  it('when no locale is known, then en-US applies', async () => {
    const me = await student();
    const reply = await h.reply(me, 'scheduled marc 1/2 at 10am');
    expect(buttons(reply)).toHaveLength(0);
    expect(await meetingOf(me)).toBe('2027-01-02T15:00:00.000Z');
  });
});

describe('phrasings students use', () => {
  it('when "on the 15th at 2pm" is typed, then it is 15 December at 14:00', async () => {
    const me = await student();
    await h.say(me, 'scheduled marc on the 15th at 2pm');
    expect(await meetingOf(me)).toBe('2026-12-15T19:00:00.000Z');
  });

  it('when "for half an hour over zoom" and "for 90 min coffee" are typed, then length and mode are kept', async () => {
    const me = await student();
    expect(await h.say(me, 'scheduled marc tomorrow 3pm for half an hour over zoom')).toContain(
      '30 min, video',
    );
    expect(await h.say(me, 'scheduled marc monday 10am for 90 min coffee')).toContain('90 min, in person');
  });

  it('when "reached 1 3 days ago" and "reached marc last week via email" are typed, then both are dated', async () => {
    const me = await student();
    expect(await h.say(me, 'reached 1 3 days ago')).toContain('Tue 1 Dec 2026');
    const again = await h.say(me, 'reached marc weber last week via email');
    expect(again).not.toContain('None of your contacts');
  });

  it('when "reached Jose Garcia yesterday via email" is typed, then Jose is found and the channel kept', async () => {
    const me = await student();
    await h.say(me, 'add Jose Garcia');
    expect(await h.say(me, 'reached Jose Garcia yesterday via email')).toContain('Jose Garcia');
    const [event] = await h.db.db
      .select({ body: timelineEvents.body, at: timelineEvents.occurredAt })
      .from(timelineEvents)
      .innerJoin(contacts, eq(contacts.id, timelineEvents.contactId))
      .where(
        and(
          eq(contacts.ownerId, me.personId),
          eq(contacts.name, 'Jose Garcia'),
          eq(timelineEvents.toStage, 'reached_out'),
        ),
      );
    expect(event).toMatchObject({ body: 'email' });
    expect(event?.at.toISOString().slice(0, 10)).toBe('2026-12-03');
  });

  it('when a reference fails, then the reply says what was read as the name', async () => {
    const me = await student();
    const reply = await h.say(me, 'reached lee wong via email');
    expect(reply).toContain('I read this as the name: lee wong');
  });

  it('when "snooze marc until monday" and "snooze marc 1 month" are typed, then reminders wait until then', async () => {
    const me = await student();
    await h.say(me, 'reached marc on Nov 28');
    expect(await h.say(me, 'snooze marc until monday')).toContain('until Mon 7 Dec 2026, 09:00');
    expect(await h.say(me, 'snooze marc 1 month')).toContain('until Sun 3 Jan 2027');
  });

  it('when snooze finds nothing waiting, then it says so and writes nothing to the timeline', async () => {
    const me = await student();
    expect(await h.say(me, 'snooze marc 3 days')).toContain('nothing to snooze');
    const events = await h.db.db
      .select({ kind: timelineEvents.kind })
      .from(timelineEvents)
      .innerJoin(contacts, eq(contacts.id, timelineEvents.contactId))
      .where(and(eq(contacts.ownerId, me.personId), eq(timelineEvents.kind, 'snooze')));
    expect(events).toHaveLength(0);
  });
});

describe('a backdated outreach', () => {
  it('when "reached 1 on Nov 28" is typed, then the first follow-up is planned a week after Nov 28, not after today', async () => {
    const me = await student();
    await h.say(me, 'reached 1 on Nov 28');
    const [followUp] = await h.db.db
      .select({ dueAt: nudges.dueAt })
      .from(nudges)
      .where(
        and(eq(nudges.personId, me.personId), eq(nudges.kind, 'follow_up'), eq(nudges.status, 'pending')),
      )
      .orderBy(nudges.dueAt);
    expect(followUp?.dueAt.toISOString().slice(0, 10)).toBe('2026-12-05');
  });
});
