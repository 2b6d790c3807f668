/**
 * Issue 16, wording, on a real database: sources people name, both links, a contact's field used
 * by the drafts, cities as time zones, greetings and the words for things Rapport does otherwise,
 * and numbers that read right.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/command.js';
import { contacts, persons, timelineEvents } from '../../../src/db/schema.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('2026-12-04T17:00:00Z', 'UTC');
});
afterAll(async () => {
  await h?.close();
});

const contactNamed = async (me: Actor, name: string) =>
  (
    await h.db.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.ownerId, me.personId), eq(contacts.name, name)))
  )[0]!;
const notesOf = async (contactId: string) =>
  (
    await h.db.db
      .select({ body: timelineEvents.body })
      .from(timelineEvents)
      .where(and(eq(timelineEvents.contactId, contactId), eq(timelineEvents.kind, 'note')))
  ).map((row) => row.body);

describe('adding people as students describe them', () => {
  it('when "add ... via my aunt" and "via professor" are typed, then the source is mapped and the words kept as a note', async () => {
    const me = await h.person();
    expect(await h.say(me, 'add Sam Lee at Pfizer via my aunt')).toContain('Added');
    const sam = await contactNamed(me, 'Sam Lee');
    expect(sam.source).toBe('friends_family');
    expect(await notesOf(sam.id)).toEqual(['Found via my aunt']);
    await h.say(me, 'add Ana Ruiz via professor');
    expect((await contactNamed(me, 'Ana Ruiz')).source).toBe('referral');
  });

  it('when an email and a profile link are both given, then both are kept', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe jane@figma.com https://linkedin.com/in/jane');
    expect(await contactNamed(me, 'Jane Doe')).toMatchObject({
      email: 'jane@figma.com',
      profileUrl: 'https://linkedin.com/in/jane',
    });
  });

  it('when a field is given with "in", then it is stored and the outreach draft uses it', async () => {
    const me = await h.person();
    await h.say(me, 'add Priya Shah at Figma as Designer in product design');
    expect((await contactNamed(me, 'Priya Shah')).field).toBe('product design');
    const draft = await h.say(me, 'draft outreach priya');
    expect(draft).toContain('exploring product design');
    expect(draft).toContain('as a designer at Figma');
  });

  it('when "referred ... as Anesthesiologist via linkedin" is typed, then the role is only the role', async () => {
    const me = await h.person();
    await h.say(me, 'add Kwame Mensah');
    await h.say(me, 'referred kwame Amy Chen as Anesthesiologist via linkedin');
    const amy = await contactNamed(me, 'Amy Chen');
    expect(amy.title).toBe('Anesthesiologist');
    expect(await notesOf(amy.id)).toEqual(['Introduced via linkedin']);
  });
});

describe('time zones by city', () => {
  it.each([
    ['new york', 'America/New_York'],
    ['EST', 'America/New_York'],
    ['Paris', 'Europe/Paris'],
    ['san francisco', 'America/Los_Angeles'],
    ['kolkata', 'Asia/Kolkata'],
  ])('when "settings tz %s" is typed, then the zone is %s', async (typed, zone) => {
    const me = await h.person();
    expect(await h.say(me, `settings tz ${typed}`)).toContain(`Time zone saved: ${zone}`);
    const [row] = await h.db.db.select().from(persons).where(eq(persons.id, me.personId));
    expect(row?.timezone).toBe(zone);
  });
});

describe('everyday words', () => {
  it.each(['hi', 'hello', 'Hello!', '?', 'commands', 'hey there'])(
    'when %j is typed, then the short help answers',
    async (typed) => {
      const me = await h.person();
      const reply = await h.say(me, typed);
      expect(reply).not.toContain('I do not know the command');
      expect(reply).toContain('add');
      expect(reply).toContain('help');
    },
  );

  it.each([
    ['delete jane', 'archive'],
    ['remove #2', 'archive'],
    ['undo', 'move'],
    ['edit jane', 'note'],
  ])('when %j is typed, then the answer points to %s', async (typed, command) => {
    const me = await h.person();
    const reply = await h.say(me, typed);
    expect(reply).not.toContain('I do not know the command');
    expect(reply).toContain(command);
  });
});

describe('numbers that read right', () => {
  it('when a 30-minute meeting is scheduled, then the question count follows the one rule', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    const reply = await h.say(me, 'scheduled jane tomorrow 3pm for 30 min');
    expect(reply).toContain('3 to 5 questions');
    expect(reply).not.toMatch(/about \d+ questions/);
  });

  it('when a 5-minute call is scheduled, then it never says "about 1 questions"', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    const reply = await h.say(me, 'scheduled jane tomorrow 3pm for 5 min');
    expect(reply).not.toContain('1 questions');
  });

  it('when 13 people are on the list, then goal does not say "13 of 10"', async () => {
    const me = await h.person();
    for (let i = 1; i <= 13; i += 1) await h.say(me, `add Person ${i}`);
    const goal = await h.say(me, 'goal');
    expect(goal).not.toContain('13 of 10');
    expect(goal).toContain('13 (about 10 is plenty)');
  });
});

describe('picking from "several contacts match"', () => {
  it('when a name matches two contacts, then each is a numbered button that runs the same command on it', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'add Jane Smith');
    const reply = await h.reply(me, 'note jane likes coffee');
    const picks = reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));
    expect(picks.map((p) => p.label)).toEqual(['#1 Jane Doe', '#2 Jane Smith']);
    // The console presses the second button when "2" is typed.
    const picked = await h.rapport.runAction(me, picks[1]!.id, picks[1]!.value);
    expect(JSON.stringify(picked)).toContain('Jane Smith');
    const smith = await contactNamed(me, 'Jane Smith');
    expect(await notesOf(smith.id)).toEqual(['likes coffee']);
  });
});
