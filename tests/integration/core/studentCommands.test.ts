import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../../src/bot/discord/discordRenderer.js';
import { contacts, meetings, nudges, persons, questions, timelineEvents } from '../../../src/db/schema.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('2026-11-23T15:00:00Z');
});
afterAll(async () => {
  await h?.close();
});

async function pendingNudges(contactId: string) {
  const rows = await h.db.db.select().from(nudges).where(eq(nudges.contactId, contactId));
  return rows.filter((n) => n.status === 'pending').map((n) => ({ kind: n.kind, dueAt: n.dueAt }));
}

async function contactByName(ownerId: string, name: string) {
  const rows = await h.db.db.select().from(contacts).where(eq(contacts.ownerId, ownerId));
  const found = rows.find((c) => c.name === name);
  if (!found) throw new Error(`no contact ${name}`);
  return found;
}

describe('adding and listing', () => {
  it('when a student adds a contact with every keyword, then it is stored in identified with its details', async () => {
    const me = await h.person();
    const out = await h.say(me, 'add Jane Doe at Figma as UX Researcher via alumni jane@figma.com');
    expect(out).toContain('Added #1 Jane Doe, UX Researcher at Figma');
    const jane = await contactByName(me.personId, 'Jane Doe');
    expect(jane).toMatchObject({
      number: 1,
      company: 'Figma',
      title: 'UX Researcher',
      source: 'alumni',
      email: 'jane@figma.com',
      stage: 'identified',
    });
  });

  it('when names contain keywords inside quotes, then the quotes keep them whole', async () => {
    const me = await h.person();
    await h.say(me, 'add "Pat At" at "Bank as a Service" via linkedin');
    const pat = await contactByName(me.personId, 'Pat At');
    expect(pat.company).toBe('Bank as a Service');
    expect(pat.source).toBe('linkedin');
  });

  it('when the list is shown, then contacts are grouped by stage with a next step each', async () => {
    const me = await h.person();
    await h.say(me, 'add Ana Ruiz at Stripe');
    await h.say(me, 'add Bo Chen at Figma');
    await h.say(me, 'reached bo by email');
    const out = await h.say(me, 'list');
    expect(out).toMatch(/Identified \(1\)[\s\S]*#1 Ana Ruiz at Stripe — Reach out/);
    expect(out).toMatch(/Reached out \(1\)[\s\S]*#2 Bo Chen at Figma/);
    expect(await h.say(me, 'list reached out')).not.toContain('Ana Ruiz');
  });

  it('when a student has no contacts, then list explains how to start', async () => {
    const me = await h.person();
    expect(await h.say(me, 'list')).toContain('Your list is empty');
  });

  it('when the source is unknown, then nothing is added and the usage is shown', async () => {
    const me = await h.person();
    const out = await h.say(me, 'add Jane Doe via carrier pigeon');
    expect(out).toContain('Usage: /rapport add');
    expect(await h.db.db.select().from(contacts).where(eq(contacts.ownerId, me.personId))).toHaveLength(0);
  });
});

describe('the journey from identified to keeping in touch', () => {
  it('when a student takes a contact through every stage, then each step is dated and planned', async () => {
    h.clock.set('2026-11-23T15:00:00Z');
    const me = await h.person({ timezoneHint: 'America/Chicago' });
    for (const name of [
      'Jane Doe',
      'Ana Ruiz',
      'Bo Chen',
      'Cy Diaz',
      'Di Evans',
      'Ed Fox',
      'Flo Gray',
      'Gus Hill',
      'Hal Ito',
      'Ivy Jones',
    ]) {
      await h.say(me, `add ${name} at Acme via alumni`);
    }
    expect(await h.say(me, 'goal')).toContain('10 (about 10 is plenty)');
    const jane = await contactByName(me.personId, 'Jane Doe');

    expect(await h.say(me, 'draft outreach jane')).toMatch(/not (asking|looking) for a job/i);
    expect(await h.say(me, 'reached #1 by email')).toContain('reached out');
    const followUps = await pendingNudges(jane.id);
    expect(followUps.filter((n) => n.kind === 'follow_up')).toHaveLength(3);
    expect(followUps.find((n) => n.kind === 'follow_up')!.dueAt.getTime()).toBe(
      new Date('2026-11-30T15:00:00Z').getTime(),
    );

    const scheduled = await h.reply(me, 'scheduled jane next tue 3pm for 30 min video');
    expect(scheduled.files?.[0]).toMatchObject({
      filename: 'meeting-jane-doe.ics',
      contentType: 'text/calendar',
    });
    expect(String(scheduled.files?.[0]?.content)).toContain('BEGIN:VEVENT');
    // 3pm in Chicago on Tue 1 Dec is 21:00 UTC; the prep nudge is 24 hours before.
    const [meeting] = await h.db.db.select().from(meetings).where(eq(meetings.contactId, jane.id));
    expect(meeting!.startsAt.toISOString()).toBe('2026-12-01T21:00:00.000Z');
    const afterScheduling = await pendingNudges(jane.id);
    expect(afterScheduling.map((n) => n.kind)).toEqual(['prepare']);
    expect(afterScheduling[0]!.dueAt.toISOString()).toBe('2026-11-30T21:00:00.000Z');

    expect(await h.say(me, 'ask jane Do you like your job?')).toContain('yes or no');
    await h.say(me, 'ask jane What surprised you most in your first year?');
    const qs = await h.say(me, 'questions jane');
    expect(qs).toContain('What surprised you most in your first year?');
    expect(qs).toContain('holds 3 to 5 questions');

    h.clock.set('2026-12-01T21:40:00Z');
    expect(await h.say(me, 'met jane learned about research ops')).toContain('thank-you');
    const afterMeeting = (await pendingNudges(jane.id)).map((n) => n.kind).sort();
    expect(afterMeeting).toEqual(['debrief', 'thank_you', 'thank_you']);

    await h.say(me, 'referred jane Sam Lee at Figma as Design Manager');
    const sam = await contactByName(me.personId, 'Sam Lee');
    expect(sam).toMatchObject({ source: 'referral', referredById: jane.id, stage: 'identified', number: 11 });
    expect(await h.say(me, 'draft outreach sam')).toContain('Jane Doe');
    const thanks = await h.say(me, 'draft thanks jane');
    // Notes are private: the thank-you leaves a placeholder instead of quoting them.
    expect(thanks).not.toContain('research ops');
    expect(thanks).toContain('[Write one thing you took away');

    h.clock.set('2026-12-02T01:00:00Z');
    await h.say(me, 'thanked jane');
    const keep = await pendingNudges(jane.id);
    expect(keep.map((n) => n.kind)).toEqual(['keep_in_touch']);

    await h.say(me, 'move jane keeping in touch');
    const card = await h.say(me, 'show jane');
    expect(card).toContain('Keeping in touch');
    for (const step of ['Reached out', 'Scheduled', 'Met', 'Thanked', 'Keeping in touch'])
      expect(card).toContain(step);
    expect(card).toContain('learned about research ops');
    expect((await pendingNudges(jane.id)).map((n) => n.kind)).toEqual(['second_conversation']);
  });
});

describe('notes, questions and snoozes', () => {
  it('when a note is added, then it is dated on the timeline and restarts the follow-up clock', async () => {
    h.clock.set('2026-11-23T15:00:00Z');
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'reached jane');
    const jane = await contactByName(me.personId, 'Jane Doe');
    h.clock.set('2026-11-26T15:00:00Z');
    expect(await h.say(me, 'note jane prefers email, replied she is busy until Monday')).toContain('Noted');
    const events = await h.db.db.select().from(timelineEvents).where(eq(timelineEvents.contactId, jane.id));
    expect(events.find((e) => e.kind === 'note')?.body).toBe(
      'prefers email, replied she is busy until Monday',
    );
    const first = (await pendingNudges(jane.id))
      .filter((n) => n.kind === 'follow_up')
      .sort((a, b) => +a.dueAt - +b.dueAt)[0];
    expect(first!.dueAt.toISOString()).toBe('2026-12-03T15:00:00.000Z');
  });

  it('when a contact is snoozed, then its reminders move and stay moved after later changes', async () => {
    h.clock.set('2026-11-23T15:00:00Z');
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'reached jane');
    const jane = await contactByName(me.personId, 'Jane Doe');
    expect(await h.say(me, 'snooze jane 10 days')).toContain('Snoozed');
    await h.say(me, 'ask jane How did you get started?');
    const due = (await pendingNudges(jane.id)).map((n) => n.dueAt.getTime());
    expect(Math.min(...due)).toBeGreaterThanOrEqual(new Date('2026-12-03T15:00:00Z').getTime());
  });

  it('when there are more questions than the meeting can hold, then a warning says so', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'scheduled jane 2026-12-10 15:00 for 15 min phone');
    let out = '';
    for (const q of [
      'What is a typical day?',
      'How did you start?',
      'What skills matter?',
      'What is hardest?',
    ]) {
      out = await h.say(me, `ask jane ${q}`);
    }
    expect(out).toMatch(/holds 2 to 3 questions/i);
    expect(await h.db.db.select().from(questions)).not.toHaveLength(0);
  });
});

describe('side exits and corrections', () => {
  it('when a contact is archived, then its pending reminders are cancelled', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'reached jane');
    const jane = await contactByName(me.personId, 'Jane Doe');
    expect(await pendingNudges(jane.id)).not.toHaveLength(0);
    expect(await h.say(me, 'archive #1')).toContain('archived');
    expect(await pendingNudges(jane.id)).toHaveLength(0);
    await h.say(me, 'add Ann Lee');
    expect(await h.say(me, 'decline ann')).toContain('declined');
  });
});

describe('bad input', () => {
  it.each([
    ['frobnicate', 'I do not know the command'],
    ['lsit', 'Did you mean list'],
    ['show', 'which contact'],
    ['show zed', 'Usage: /rapport show'],
    ['note #1', 'Usage: /rapport note'],
    ['scheduled #1 yesterday 3pm', 'already passed'],
    ['scheduled #1 sometime soonish', 'Usage: /rapport scheduled'],
    ['snooze #1 forever', 'Usage: /rapport snooze'],
    ['settings tz Mars/Olympus', 'time zone'],
    ['draft poem #1', 'Usage: /rapport draft'],
    ['add "unterminated', 'Usage: /rapport add'],
    ['note #1 <4,001 characters>', 'Usage: /rapport note'],
    ['note #1 bell\u0007here', 'Usage: /rapport note'],
  ])(
    'when a student types %j, then one friendly sentence and the usage come back',
    async (label, expected) => {
      const input = label.replace('<4,001 characters>', 'x'.repeat(4001));
      const me = await h.person();
      await h.say(me, 'add Jane Doe');
      const out = await h.say(me, input);
      expect(out).toContain(expected);
      expect(out).not.toMatch(/at .*\.ts:\d+|Error:/);
      expect(h.errors).toHaveLength(0);
    },
  );

  it('when two contacts match a fragment, then a short pick-list comes back', async () => {
    const me = await h.person();
    await h.say(me, 'add Sam Lee');
    await h.say(me, 'add Sam Ortiz');
    const out = await h.say(me, 'show sam');
    expect(out).toContain('#1 Sam Lee');
    expect(out).toContain('#2 Sam Ortiz');
  });

  it('when a command fails half-way, then nothing it wrote is kept', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    const before = await h.db.db.select().from(timelineEvents);
    // `referred` checks its new name after resolving the referrer; an over-long role fails late.
    const out = await h.say(me, `referred jane Sam Lee as ${'x'.repeat(4001)}`);
    expect(out).toContain('Usage: /rapport referred');
    expect(await h.db.db.select().from(timelineEvents)).toHaveLength(before.length);
    expect(
      (await h.db.db.select().from(contacts).where(eq(contacts.ownerId, me.personId))).map((c) => c.name),
    ).toEqual(['Jane Doe']);
  });
});

describe('privacy', () => {
  it('when another student refers to my contacts, then they see only their own list', async () => {
    const me = await h.person();
    const other = await h.person();
    await h.say(me, 'add Jane Doe at Figma');
    await h.say(other, 'add Zoe Park');
    expect(await h.say(other, 'show jane')).not.toContain('Figma');
    expect(await h.say(other, 'show #2')).toContain('Usage: /rapport show');
    expect(await h.say(other, 'list')).not.toContain('Jane');
  });

  it('when a student of another workspace uses the same numbers, then the organizations never mix', async () => {
    const me = await h.person();
    const stranger = await h.person({ spaceExternalId: 'T-OTHER' });
    expect(stranger.orgId).not.toBe(me.orgId);
    await h.say(me, 'add Jane Doe');
    expect(await h.say(stranger, 'show #1')).toContain('empty');
  });
});

describe('export and forget-me', () => {
  it('when a student exports, then JSON and CSV files hold their contacts, notes and questions', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe at Figma');
    await h.say(me, 'note jane met at the career fair');
    await h.say(me, 'ask jane How did you start?');
    const reply = await h.reply(me, 'export');
    const names = reply.files!.map((f) => f.filename);
    expect(names.some((n) => n.endsWith('.json'))).toBe(true);
    const json = JSON.parse(String(reply.files!.find((f) => f.filename.endsWith('.json'))!.content));
    expect(json.contacts[0].name).toBe('Jane Doe');
    expect(json.contacts[0].questions[0].text).toBe('How did you start?');
    const timeline = String(reply.files!.find((f) => f.filename.includes('timeline'))!.content);
    expect(timeline).toContain('met at the career fair');
  });

  it('when a typed name or note starts like a formula, then the CSV files defuse it and the JSON keeps it exact', async () => {
    const me = await h.person();
    await h.say(me, 'add "=HYPERLINK(1)" at Figma');
    await h.say(me, 'note #1 +1 555 0100 is her desk phone');
    const reply = await h.reply(me, 'export');
    const file = (part: string) => String(reply.files!.find((f) => f.filename.includes(part))!.content);
    expect(file('contacts')).toContain("'=HYPERLINK(1)");
    expect(file('timeline')).toContain("'+1 555 0100 is her desk phone");
    expect(file('timeline')).not.toMatch(/(^|,)\+1 555/m);
    expect(JSON.parse(file('.json')).contacts[0].name).toBe('=HYPERLINK(1)');
  });

  it('when a student confirms forget-me with the code, then every row of theirs is gone', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'reached jane');
    const ask = await h.say(me, 'forget-me');
    const code = /forget-me ([A-Z0-9]{6})/.exec(ask)?.[1];
    expect(code).toBeDefined();
    expect(await h.say(me, 'forget-me WRONG1')).toContain('not valid');
    expect(await h.db.db.select().from(persons).where(eq(persons.id, me.personId))).toHaveLength(1);
    expect(await h.say(me, `forget-me ${code}`)).toContain('deleted');
    expect(await h.db.db.select().from(persons).where(eq(persons.id, me.personId))).toHaveLength(0);
    expect(await h.db.db.select().from(contacts).where(eq(contacts.ownerId, me.personId))).toHaveLength(0);
    expect(await h.db.db.select().from(nudges).where(eq(nudges.personId, me.personId))).toHaveLength(0);
  });
});

describe('settings and help', () => {
  it('when quiet hours are set, then reminders are planned inside the new waking hours', async () => {
    h.clock.set('2026-11-23T06:00:00Z');
    const me = await h.person();
    await h.say(me, 'settings tz Europe/Berlin');
    await h.say(me, 'settings quiet 22:00-10:00');
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'reached jane');
    const jane = await contactByName(me.personId, 'Jane Doe');
    const first = (await pendingNudges(jane.id)).sort((a, b) => +a.dueAt - +b.dueAt)[0]!;
    // 06:00 UTC is 07:00 in Berlin: a week later, still before 10:00, so it waits until 10:00 local.
    expect(first.dueAt.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(await h.say(me, 'settings')).toContain('10:00 and 22:00');
  });

  it('when help is asked for one command, then its usage and examples are shown', async () => {
    const me = await h.person();
    const out = await h.say(me, 'help scheduled');
    expect(out).toContain('scheduled <contact> <when>');
    expect(out).toContain('/rapport scheduled jane next tue 3pm');
  });
});

describe('buttons', () => {
  it('when Done is clicked on a thank-you reminder, then the contact moves to thanked', async () => {
    h.clock.set('2026-11-23T15:00:00Z');
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'met jane');
    const jane = await contactByName(me.personId, 'Jane Doe');
    const [thanks] = (await h.db.db.select().from(nudges).where(eq(nudges.contactId, jane.id))).filter(
      (n) => n.kind === 'thank_you',
    );
    const reply = await h.rapport.runAction(me, 'nudge_done', thanks!.id);
    expect(JSON.stringify(reply)).toContain('done');
    expect((await contactByName(me.personId, 'Jane Doe')).stage).toBe('thanked');
  });

  it("when someone clicks a button carrying another student's reminder, then nothing happens to it", async () => {
    const me = await h.person();
    const other = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'reached jane');
    const jane = await contactByName(me.personId, 'Jane Doe');
    const [followUp] = await h.db.db.select().from(nudges).where(eq(nudges.contactId, jane.id));
    const reply = await h.rapport.runAction(other, 'nudge_snooze_1w', followUp!.id);
    expect(JSON.stringify(reply)).toContain('gone');
    const [after] = await h.db.db.select().from(nudges).where(eq(nudges.id, followUp!.id));
    expect(after!.dueAt).toEqual(followUp!.dueAt);
  });
});

describe('full names in the text form', () => {
  it('when a full name precedes free text, then the name is the contact and only the rest is the text', async () => {
    h.clock.set('2026-11-23T15:00:00Z');
    const me = await h.person();
    await h.say(me, 'add Jane Doe at Figma');
    await h.say(me, 'add Jane Smith');
    await h.say(me, 'note Jane Doe prefers email');
    await h.say(me, 'ask jane doe How did you get started?');
    expect(await h.say(me, 'scheduled Jane Doe 2026-12-03 15:00 video')).toContain('Scheduled: #1 Jane Doe');
    // After the meeting: marking met before it would ask first (issue 16).
    h.clock.set('2026-12-03T15:40:00Z');
    await h.say(me, 'met jane doe Doe-level detail: research ops is a career');
    const jane = await contactByName(me.personId, 'Jane Doe');
    const events = await h.db.db.select().from(timelineEvents).where(eq(timelineEvents.contactId, jane.id));
    const bodies = events.map((e) => e.body).filter(Boolean);
    expect(bodies).toContain('prefers email');
    expect(bodies).toContain('How did you get started?');
    expect(bodies).toContain('Doe-level detail: research ops is a career');
    expect(jane.stage).toBe('met');
  });

  it('when the first word alone is ambiguous but the words after it are not the name, then the pick-list comes back', async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'add Jane Smith');
    const out = await h.say(me, 'note jane likes coffee');
    expect(out).toContain('#1 Jane Doe');
    expect(out).toContain('#2 Jane Smith');
  });
});

describe('free text that starts like a name', () => {
  it("when a question starts with a word that begins the contact's surname, then the question is kept whole", async () => {
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'ask jane Do you like your job?');
    const jane = await contactByName(me.personId, 'Jane Doe');
    const saved = await h.db.db.select().from(questions).where(eq(questions.contactId, jane.id));
    expect(saved.map((q) => q.text)).toEqual(['Do you like your job?']);
  });
});

describe('usage lines per platform', () => {
  it('when a Discord user makes a mistake, then the usage names the slash command and its options', async () => {
    const me = await h.person({ platform: 'discord', spaceExternalId: 'G-1' });
    // Core names the command; the Discord renderer spells its usage as the slash command.
    const onDiscord = async (text: string) => JSON.stringify(renderDiscord(await h.reply(me, text)));
    expect(await onDiscord('show')).toContain('Usage: `/rapport show contact:`');
    const help = await onDiscord('help scheduled');
    expect(help).toContain('/rapport scheduled contact: when: [minutes:] [mode:]');
    expect(help).not.toContain('Examples');
  });

  it('when a Slack user makes a mistake, then the usage is the text form', async () => {
    const me = await h.person();
    expect(await h.say(me, 'show')).toContain('Usage: /rapport show <contact>');
  });
});

describe('rescheduling', () => {
  it('when a scheduled meeting is scheduled again, then the same meeting moves, its prep reminder follows, and the timeline says so', async () => {
    h.clock.set('2026-11-23T15:00:00Z');
    const me = await h.person();
    await h.say(me, 'add Jane Doe');
    await h.say(me, 'scheduled jane 2026-12-03 15:00 video');
    expect(await h.say(me, 'scheduled jane 2026-12-05 10:00 video')).toContain(
      'Moved your meeting with #1 Jane Doe',
    );
    const jane = await contactByName(me.personId, 'Jane Doe');
    const rows = await h.db.db.select().from(meetings).where(eq(meetings.contactId, jane.id));
    expect(rows.map((m) => m.startsAt.toISOString())).toEqual(['2026-12-05T10:00:00.000Z']);
    expect((await pendingNudges(jane.id)).map((n) => [n.kind, n.dueAt.toISOString()])).toEqual([
      ['prepare', '2026-12-04T10:00:00.000Z'],
    ]);
    const events = await h.db.db.select().from(timelineEvents).where(eq(timelineEvents.contactId, jane.id));
    expect(events.filter((e) => e.body?.startsWith('rescheduled to'))).toHaveLength(1);
    expect(jane.stage).toBe('scheduled');
  });
});
