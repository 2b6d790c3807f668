/**
 * Discord's forms on the real discord.js Client against the fake Discord: `/rapport add` with no
 * options opens a modal (a type 9 callback) whose submission adds the contact as the typed command
 * does; the *Log a meeting* menu on a member opens `log`'s form with that student settled, refused
 * at once to a student; bad and forged submissions get a private sentence and store nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/command.js';
import { chatInputInteraction, type FakeUser, type RecordedRequest } from '../../support/fakeDiscord.js';
import {
  modalSubmitInteraction,
  type SentModal,
  userMenuInteraction,
} from '../../support/fakeDiscordForms.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

let bed: DiscordTestBed;
let maria: FakeUser;
let sam: FakeUser;
let mariaActor: Actor;
let samActor: Actor;

beforeAll(async () => {
  bed = await DiscordTestBed.open({ start: '2026-11-23T15:00:00Z' });
  maria = bed.user('Maria');
  sam = bed.user('Sam Rivera');
  mariaActor = await bed.actor(maria);
  samActor = await bed.setRole(sam, 'mentor');
});
afterAll(async () => {
  await bed?.close();
});

const callback = (request: RecordedRequest) =>
  request.body as { type: number; data: SentModal & { flags?: number; content?: string } };

const contactsOf = (actor: Actor) =>
  bed.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId));

async function openAddForm(user: FakeUser): Promise<SentModal> {
  const opened = await bed.run(
    chatInputInteraction({ guild: bed.guild, user, command: 'rapport', subcommand: 'add' }),
    0,
  );
  expect(callback(opened.callback).type).toBe(9);
  return callback(opened.callback).data;
}

function submit(user: FakeUser, modal: SentModal, answers: Record<string, string | string[]>) {
  return bed.run(modalSubmitInteraction({ guild: bed.guild, user, modal, answers }), 1);
}

describe('/rapport add with no options', () => {
  it('when a student runs it, then a modal opens at once with the name and four more fields', async () => {
    const modal = await openAddForm(maria);
    expect(modal.title).toBe('Add a contact');
    expect(modal.custom_id).toBe('rapport-form:add');
    expect(modal.components).toHaveLength(5);
    expect(modal.components.map((c) => [c.type, c.component?.custom_id])).toEqual([
      [18, 'name'],
      [18, 'org'],
      [18, 'role'],
      [18, 'source'],
      [18, 'note'],
    ]);
    const [name, , , source] = modal.components;
    expect(name?.component).toMatchObject({ type: 4, required: true });
    expect(source?.component?.type).toBe(3);
    expect(source?.component?.options?.map((o) => o.value)).toContain('alumni');
  });

  it('when the form is submitted, then the contact is added with what was typed and the answer is private', async () => {
    const modal = await openAddForm(maria);
    const answer = await submit(maria, modal, {
      name: '  Jane Doe ',
      org: 'Figma',
      role: 'UX Researcher',
      source: ['alumni'],
      note: 'Met at the *career fair*',
    });
    expect(callback(answer.callback)).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(textOf(answer.edit)).toContain('Added');
    expect(textOf(answer.edit)).toContain('Jane Doe');
    const [jane] = await contactsOf(mariaActor);
    expect(jane).toMatchObject({
      name: 'Jane Doe',
      company: 'Figma',
      title: 'UX Researcher',
      source: 'alumni',
      stage: 'identified',
    });
    const timeline = await bed.db.store.transaction((repos) => repos.timeline.listForContact(jane!.id));
    expect(timeline.map((entry) => entry.body)).toContain('Met at the *career fair*');
  });

  it('when the name is left blank, then the answer is the typed command’s private sentence and nothing is added', async () => {
    const before = (await contactsOf(mariaActor)).length;
    const typed = await bed.command(maria, {
      command: 'rapport',
      subcommand: 'add',
      options: [{ name: 'org', type: 3, value: 'Figma' }],
    });
    const modal = await openAddForm(maria);
    const answer = await submit(maria, modal, { name: '   ', org: 'Figma' });
    expect(callback(answer.callback).data.flags).toBe(64);
    expect(textOf(answer.edit)).toBe(textOf(typed.edit));
    expect(textOf(answer.edit)).toContain('Please tell me their name.');
    expect(await contactsOf(mariaActor)).toHaveLength(before);
  });

  it('when /rapport add has options, then it adds at once without a modal', async () => {
    const answer = await bed.command(maria, {
      command: 'rapport',
      subcommand: 'add',
      options: [{ name: 'name', type: 3, value: 'Pat Lee' }],
    });
    expect(callback(answer.callback).type).toBe(5);
    expect(textOf(answer.edit)).toContain('Pat Lee');
  });

  it('when a form this version does not know is submitted, then a private sentence says to run it again', async () => {
    const modal: SentModal = { custom_id: 'rapport-form:gone', title: 'Old', components: [] };
    const answer = await bed.run(modalSubmitInteraction({ guild: bed.guild, user: maria, modal }), 0);
    expect(callback(answer.callback)).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(callback(answer.callback).data.content).toMatch(/older version/);
  });
});

describe('/rapport note with no options', () => {
  it('when submitted, then a multi-line note lands on the timeline of the contact named in the form', async () => {
    const opened = await bed.run(
      chatInputInteraction({ guild: bed.guild, user: maria, command: 'rapport', subcommand: 'note' }),
      0,
    );
    const modal = callback(opened.callback).data;
    expect(modal.components.map((c) => c.component?.custom_id)).toEqual(['contact', 'text']);
    expect(modal.components[1]?.component).toMatchObject({ type: 4, style: 2, required: true });
    const answer = await submit(maria, modal, {
      contact: '#1',
      text: 'Prefers email.\nAsk about research ops.',
    });
    expect(textOf(answer.edit)).toContain('Noted on the timeline of');
    const [jane] = await contactsOf(mariaActor);
    const timeline = await bed.db.store.transaction((repos) => repos.timeline.listForContact(jane!.id));
    expect(timeline.map((entry) => entry.body)).toContain('Prefers email.\nAsk about research ops.');
  });
});

describe('the Log a meeting menu', () => {
  const openMenu = (user: FakeUser, target: FakeUser, targetNick?: string) =>
    bed.run(userMenuInteraction({ guild: bed.guild, user, name: 'Log a meeting', target, targetNick }), 0);

  it('when a mentor uses it on a student, then a modal opens naming the student with the date set to today', async () => {
    const opened = await openMenu(sam, maria, 'Maria L.');
    const { type, data } = callback(opened.callback);
    expect(type).toBe(9);
    expect(data.title).toBe('Log a meeting');
    expect(data.custom_id).toBe(`rapport-form:log:student:<@${maria.id}>`);
    const [shown, ...fields] = data.components;
    expect(shown).toMatchObject({ type: 10, content: 'Meeting with Maria L.' });
    expect(fields.map((f) => f.component?.custom_id)).toEqual(['date', 'minutes', 'topics']);
    expect(fields[0]?.component?.value).toBe('today');
  });

  it('when the mentor submits it, then the meeting is logged for that student as the typed command would', async () => {
    const opened = await openMenu(sam, maria);
    const answer = await submit(sam, callback(opened.callback).data, {
      minutes: '45',
      topics: 'product roles',
    });
    expect(callback(answer.callback).data.flags).toBe(64);
    expect(textOf(answer.edit)).toContain('Logged your meeting with Maria');
    const meetings = await bed.db.store.transaction((repos) =>
      repos.meetings.listForMentor(samActor.personId),
    );
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({
      studentId: mariaActor.personId,
      durationMinutes: 45,
      topics: 'product roles',
      loggedByMentor: true,
    });
    expect(meetings[0]!.startsAt.getTime()).toBeLessThanOrEqual(bed.now.getTime());
  });

  it('when a student uses it, then they are refused in one private sentence and no modal opens', async () => {
    const opened = await openMenu(maria, sam);
    expect(callback(opened.callback)).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(opened.callback)).toContain('Only mentors (and coordinators) can use that command.');
  });

  it('when a student submits a log form anyway, then core refuses it and nothing is recorded', async () => {
    const forged: SentModal = {
      custom_id: `rapport-form:log:student:<@${sam.id}>`,
      title: 'Log a meeting',
      components: [{ type: 18, component: { type: 4, custom_id: 'topics' } }],
    };
    const answer = await submit(maria, forged, { topics: 'nothing' });
    expect(textOf(answer.edit)).toContain('Only mentors (and coordinators) can use that command.');
    const meetings = await bed.db.store.transaction((repos) =>
      repos.meetings.listForStudent(mariaActor.personId),
    );
    expect(meetings).toHaveLength(1);
  });
});
