/**
 * The mentor's flow on Discord: `/mentor log` reaching the student's pipeline (meeting recorded,
 * the mentor's contact moved to met, the student told through a `mentor_logged` notice), the
 * student autocomplete, `/mentor mentees`, the refusal for students, and organizations that
 * never mix, including a student who lives on Slack and linked their accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/command.js';
import type { Meeting } from '../../../src/core/pipeline/meetingPorts.js';
import { type FakeGuild, type FakeUser, type OptionValue, snowflake } from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

const community: FakeGuild = { id: snowflake(), name: 'Career Community', channelId: snowflake() };
const elsewhere: FakeGuild = { id: snowflake(), name: 'Another University', channelId: snowflake() };

let bed: DiscordTestBed;
let sam: FakeUser;
let maria: FakeUser;
let mariaActor: Actor;

const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });

async function meetingsOfMentor(user: FakeUser): Promise<Meeting[]> {
  const actor = await bed.actor(user);
  return bed.db.store.transaction((repos) => repos.meetings.listForMentor(actor.personId));
}

async function studentChoices(user: FakeUser, typed: string) {
  const answer = await bed.autocomplete(user, {
    command: 'mentor',
    subcommand: 'log',
    options: [{ name: 'student', type: 3, value: typed, focused: true }],
  });
  return (answer.callback.body as { data: { choices: { name: string; value: string }[] } }).data.choices;
}

beforeAll(async () => {
  bed = await DiscordTestBed.open({ start: '2026-11-23T15:00:00Z', guilds: [community, elsewhere] });
  sam = bed.user('Sam Rivera');
  maria = bed.user('Maria');
  await bed.setRole(sam, 'mentor');
  // Maria has Sam on her list, under the name he uses on Discord, and a meeting planned.
  await bed.command(maria, {
    command: 'rapport',
    subcommand: 'add',
    options: [str('name', 'Sam Rivera'), str('org', 'Acme')],
  });
  await bed.command(maria, { command: 'rapport', subcommand: 'reached', options: [str('contact', '#1')] });
  mariaActor = await bed.actor(maria);
});
afterAll(async () => {
  await bed?.close();
});

describe('who may log', () => {
  it('when a student calls /mentor log, then they get the refusal sentence and nothing is recorded', async () => {
    const answer = await bed.command(maria, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', `person:${mariaActor.personId}`)],
    });
    expect(textOf(answer.edit)).toContain('Only mentors (and coordinators) can use that command.');
    expect(
      await bed.db.store.transaction((repos) => repos.meetings.listForStudent(mariaActor.personId)),
    ).toEqual([]);
  });

  it('when a student types in the student option, then nobody is offered', async () => {
    expect(await studentChoices(maria, 'Sa')).toEqual([]);
  });
});

describe('a mentor logs a meeting', () => {
  it("when a mentor types part of a student's name, then the organization's students are offered", async () => {
    expect(await studentChoices(sam, 'mar')).toEqual([
      { name: 'Maria', value: `person:${mariaActor.personId}` },
    ]);
  });

  it("when the mentor logs the meeting, then it reaches the student's pipeline: meeting, contact met, notice queued", async () => {
    const [choice] = await studentChoices(sam, 'mar');
    const answer = await bed.command(sam, {
      command: 'mentor',
      subcommand: 'log',
      options: [
        str('student', choice!.value),
        str('date', '2026-11-22 14:00'),
        { name: 'minutes', type: 4, value: 45 },
        str('topics', 'product roles'),
      ],
    });
    expect(textOf(answer.edit)).toContain('Logged your meeting with Maria on 22 Nov 2026 (45 minutes).');

    const [meeting] = await meetingsOfMentor(sam);
    expect(meeting).toMatchObject({
      studentId: mariaActor.personId,
      loggedByMentor: true,
      durationMinutes: 45,
      topics: 'product roles',
      startsAt: new Date('2026-11-22T14:00:00Z'),
    });
    const [contact] = await bed.db.store.transaction((repos) =>
      repos.contacts.listByOwner(mariaActor.personId),
    );
    expect(contact).toMatchObject({ name: 'Sam Rivera', stage: 'met' });
    expect(meeting?.contactId).toBe(contact?.id);

    const nudges = await bed.db.store.transaction((repos) =>
      repos.nudges.listForPerson(mariaActor.personId, ['pending']),
    );
    const notice = nudges.find((n) => n.kind === 'mentor_logged');
    expect(notice).toMatchObject({
      dedupeKey: `mentor_logged:${meeting!.id}`,
      dueAt: bed.now,
      contactId: null,
    });
    expect(notice?.payload).toMatchObject({
      mentorName: 'Sam Rivera',
      durationMinutes: 45,
      topics: 'product roles',
    });
    // Moving to met planned the thank-you on the contact.
    expect(nudges.some((n) => n.kind === 'thank_you' && n.contactId === contact?.id)).toBe(true);
    // The student's card shows who logged it.
    const card = await bed.command(maria, {
      command: 'rapport',
      subcommand: 'show',
      options: [str('contact', '#1')],
    });
    expect(textOf(card.edit)).toMatch(/meeting logged by Sam Rivera/);
  });

  it('when the mentor logs the same meeting again, then it is refused as a duplicate', async () => {
    const answer = await bed.command(sam, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', `person:${mariaActor.personId}`), str('date', '2026-11-22 15:00')],
    });
    expect(textOf(answer.edit)).toMatch(/already logged a meeting with this student/);
    expect(await meetingsOfMentor(sam)).toHaveLength(1);
  });

  it("when the mentor names a student by Discord id who doesn't have them on their list, then only the meeting and notice are recorded", async () => {
    const noor = bed.user('Noor');
    const noorActor = await bed.actor(noor);
    const answer = await bed.command(sam, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', noor.id)],
    });
    expect(textOf(answer.edit)).toContain('Logged your meeting with Noor');
    const meeting = (await meetingsOfMentor(sam)).find((m) => m.studentId === noorActor.personId);
    expect(meeting).toMatchObject({ contactId: null, durationMinutes: 30, startsAt: bed.now });
    const nudges = await bed.db.store.transaction((repos) =>
      repos.nudges.listForPerson(noorActor.personId, ['pending']),
    );
    expect(nudges.some((n) => n.kind === 'mentor_logged')).toBe(true);
  });

  it('when the mentor lists mentees, then each student shows with the last meeting, most recent first', async () => {
    const text = textOf((await bed.command(sam, { command: 'mentor', subcommand: 'mentees' })).edit);
    expect(text).toContain('Your mentees');
    expect(text.indexOf('Noor')).toBeLessThan(text.indexOf('Maria'));
    expect(text).toContain('Maria — last met 22 Nov 2026');
  });

  it('when the mentor names themself, then they are asked for the student instead', async () => {
    const answer = await bed.command(sam, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', sam.id)],
    });
    expect(textOf(answer.edit)).toContain('You cannot log a meeting with yourself');
  });

  it('when the student named is unknown, then the mentor gets one clear sentence', async () => {
    const answer = await bed.command(sam, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', 'Nobody Here')],
    });
    expect(textOf(answer.edit)).toContain("I couldn't find that student in your organization.");
  });
});

describe('becoming a mentor', () => {
  it('when a coordinator grants the mentor role with a user option, then that person may log meetings', async () => {
    const coordinator = bed.user('Cora');
    await bed.setRole(coordinator, 'coordinator');
    const newMentor = bed.user('Mo');
    await bed.actor(newMentor);
    const granted = await bed.command(coordinator, {
      command: 'coordinator',
      subcommand: 'role',
      // Discord sends a user option (type 6) as the user's id, with the user under `resolved`.
      options: [
        { name: 'person', type: 6, value: newMentor.id },
        { name: 'role', type: 3, value: 'mentor' },
      ],
      resolvedUsers: [newMentor],
    });
    expect(textOf(granted.edit)).toMatch(/Mo/);
    expect((await bed.actor(newMentor)).role).toBe('mentor');
    const logged = await bed.command(newMentor, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', `person:${mariaActor.personId}`), str('date', '2026-11-20 10:00')],
    });
    expect(textOf(logged.edit)).toContain('Logged your meeting with Maria');
  });
});

describe('organizations never mix', () => {
  it('when the student belongs to another server, then the mentor cannot log them by id, autocomplete value or name', async () => {
    const outsider = bed.user('Olga');
    const outsiderActor = await bed.actor(outsider, elsewhere);
    expect(outsiderActor.orgId).not.toBe(mariaActor.orgId);
    expect(await studentChoices(sam, 'olg')).toEqual([]);
    for (const value of [`person:${outsiderActor.personId}`, outsider.id, '@Olga', `<@${outsider.id}>`]) {
      const answer = await bed.command(sam, {
        command: 'mentor',
        subcommand: 'log',
        options: [str('student', value)],
      });
      expect(textOf(answer.edit), value).toContain("I couldn't find that student in your organization.");
    }
    const theirs = await bed.db.store.transaction((repos) =>
      repos.meetings.listForStudent(outsiderActor.personId),
    );
    expect(theirs).toEqual([]);
  });
});

describe('a student who lives on Slack', () => {
  it("when the Slack space joined the community's organization and the student linked Discord, then the mentor's log reaches their Slack pipeline", async () => {
    // Lee uses Slack, with Sam on the list.
    const lee = await bed.rapport.identify({
      platform: 'slack',
      spaceExternalId: 'T-UNIV',
      spaceName: 'University',
      externalUserId: 'U-LEE',
      displayName: 'Lee',
    });
    await bed.rapport.runText(lee, 'add "Sam Rivera" at Acme');
    await bed.rapport.runText(lee, 'reached #1');
    // A coordinator joined the Slack space to the community's organization.
    await bed.db.store.transaction((repos) => repos.organizations.mergeInto(lee.orgId, mariaActor.orgId));
    // Lee links: a code on Slack, typed into /rapport link on Discord.
    const leeOnSlack = await bed.rapport.identify({
      platform: 'slack',
      spaceExternalId: 'T-UNIV',
      externalUserId: 'U-LEE',
      displayName: 'Lee',
    });
    const codeReply = await bed.rapport.runText(leeOnSlack, 'link');
    const code = JSON.stringify(codeReply.blocks).match(/"strong":"([^"]+)"/)?.[1];
    expect(code).toBeDefined();
    const leeOnDiscord = bed.user('Lee');
    const linked = await bed.command(leeOnDiscord, {
      command: 'rapport',
      subcommand: 'link',
      options: [str('code', code!)],
    });
    expect(textOf(linked.edit)).toMatch(/Linked/);

    // Sam logs Lee by Discord user id; it lands on Lee's one person and Slack-made list.
    const answer = await bed.command(sam, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', leeOnDiscord.id), str('topics', 'data roles')],
    });
    expect(textOf(answer.edit)).toContain('Logged your meeting with');
    const [contact] = await bed.db.store.transaction((repos) =>
      repos.contacts.listByOwner(leeOnSlack.personId),
    );
    expect(contact).toMatchObject({ name: 'Sam Rivera', stage: 'met' });
    const nudges = await bed.db.store.transaction((repos) =>
      repos.nudges.listForPerson(leeOnSlack.personId, ['pending']),
    );
    expect(nudges.some((n) => n.kind === 'mentor_logged')).toBe(true);
    const identities = await bed.db.store.transaction((repos) =>
      repos.persons.identities(leeOnSlack.personId),
    );
    expect(identities.map((i) => i.platform).sort()).toEqual(['discord', 'slack']);
  });
});
