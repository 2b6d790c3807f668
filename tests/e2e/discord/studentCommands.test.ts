/**
 * Every student subcommand of `/rapport`, typed as Discord delivers it, through the real
 * discord.js Client and the real core, answered as an ephemeral embed; autocomplete; buttons;
 * mention injection; and a command from a DM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../../src/core/pipeline/contactPorts.js';
import {
  buttonInteraction,
  chatInputInteraction,
  type FakeUser,
  type OptionValue,
  type RecordedRequest,
} from '../../support/fakeDiscord.js';
import { buttonsOf, DiscordTestBed, textOf } from './discordTestBed.js';

let bed: DiscordTestBed;
let maria: FakeUser;

beforeAll(async () => {
  bed = await DiscordTestBed.open({ start: '2026-11-23T15:00:00Z' });
  maria = bed.user('Maria');
});
afterAll(async () => {
  await bed?.close();
});

const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });
const int = (name: string, value: number): OptionValue => ({ name, type: 4, value });

async function rapport(subcommand: string, options: OptionValue[] = [], group?: string) {
  return bed.command(maria, { command: 'rapport', subcommand, options, ...(group ? { group } : {}) });
}

async function contactsOf(user: FakeUser): Promise<Contact[]> {
  const actor = await bed.actor(user);
  return bed.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId));
}

async function stageOf(number: number): Promise<string | undefined> {
  return (await contactsOf(maria)).find((c) => c.number === number)?.stage;
}

/** Every answer: deferred as ephemeral at once, then edited, never with an apology, never pinging. */
function expectAnswered(answer: { callback: RecordedRequest; edit: RecordedRequest | undefined }): string {
  expect(answer.callback.body).toEqual({ type: 5, data: { flags: 64 } });
  expect(answer.callback.status).toBe(204);
  expect(answer.edit?.status).toBe(200);
  const body = answer.edit?.body as { allowed_mentions?: unknown };
  expect(body.allowed_mentions).toEqual({ parse: [] });
  const text = textOf(answer.edit);
  expect(text).not.toMatch(/Sorry, something went wrong/);
  return text;
}

describe('every student subcommand through Discord', () => {
  it('when a student asks for help, then the answer explains the commands', async () => {
    expect(expectAnswered(await rapport('help'))).toMatch(/add/);
    expect(expectAnswered(await rapport('help', [str('command', 'add')]))).toMatch(/add/);
  });

  it('when a student adds contacts with typed options, then they are on the list with those details', async () => {
    const text = expectAnswered(
      await rapport('add', [
        str('name', 'Jane Doe'),
        str('org', 'Figma'),
        str('role', 'UX Researcher'),
        str('source', 'alumni'),
        str('link', 'https://example.com/in/jane_doe'),
      ]),
    );
    expect(text).toContain('Jane Doe');
    expectAnswered(await rapport('add', [str('name', 'Sam Lee'), str('org', 'Acme')]));
    const [jane, sam] = await contactsOf(maria);
    expect(jane).toMatchObject({
      number: 1,
      name: 'Jane Doe',
      company: 'Figma',
      title: 'UX Researcher',
      source: 'alumni',
    });
    expect(jane?.profileUrl).toBe('https://example.com/in/jane_doe');
    expect(sam).toMatchObject({ number: 2, name: 'Sam Lee', stage: 'identified' });
  });

  it('when a student lists the pipeline, whole or by stage, then the contacts show', async () => {
    expect(expectAnswered(await rapport('list'))).toContain('Jane Doe');
    expect(expectAnswered(await rapport('list', [str('stage', 'identified')]))).toContain('Sam Lee');
  });

  it('when a student shows a contact, then the card comes with its buttons', async () => {
    const answer = await rapport('show', [str('contact', '#1')]);
    const text = expectAnswered(answer);
    expect(text).toContain('Jane Doe');
    expect(text).toContain('Figma');
    // The profile link keeps its underscore so Discord still links it.
    expect(text).toContain('https://example.com/in/jane_doe');
    expect(buttonsOf(answer.edit).map((b) => b.custom_id.split(':')[0])).toContain('contact_note');
  });

  it('when a student marks reached, then the contact moves to reached out', async () => {
    expectAnswered(await rapport('reached', [str('contact', 'jane'), str('channel', 'email')]));
    expect(await stageOf(1)).toBe('reached_out');
  });

  it('when a student marks scheduled with minutes as an integer, then the stage moves and a calendar file is attached', async () => {
    const answer = await rapport('scheduled', [
      str('contact', '#1'),
      str('when', 'in 30 minutes'),
      int('minutes', 45),
      str('mode', 'video'),
    ]);
    expectAnswered(answer);
    expect(await stageOf(1)).toBe('scheduled');
    expect(answer.edit?.files.map((f) => f.filename).some((name) => name.endsWith('.ics'))).toBe(true);
    expect(answer.edit?.files[0]?.text).toContain('BEGIN:VCALENDAR');
  });

  it('when a student prepares questions, then ask adds one and questions lists it', async () => {
    expectAnswered(
      await rapport('ask', [
        str('contact', '#1'),
        str('question', 'What surprised you most in your first year?'),
      ]),
    );
    expect(expectAnswered(await rapport('questions', [str('contact', '#1')]))).toContain(
      'What surprised you most',
    );
  });

  it('when a student marks met with notes, then the contact moves to met', async () => {
    expectAnswered(await rapport('met', [str('contact', '#1'), str('notes', 'learned about research ops')]));
    expect(await stageOf(1)).toBe('met');
  });

  it('when a student notes and drafts, then both answer', async () => {
    expectAnswered(await rapport('note', [str('contact', '#1'), str('text', 'prefers email')]));
    expect(expectAnswered(await rapport('draft', [str('kind', 'thanks'), str('contact', '#1')]))).toContain(
      'Jane',
    );
  });

  it('when a student marks thanked, then the contact moves to thanked', async () => {
    expectAnswered(await rapport('thanked', [str('contact', '#1')]));
    expect(await stageOf(1)).toBe('thanked');
  });

  it('when a student records a referral, then the new contact comes from referral', async () => {
    expectAnswered(
      await rapport('referred', [str('contact', '#1'), str('name', 'Pat Kim'), str('org', 'Figma')]),
    );
    const pat = (await contactsOf(maria)).find((c) => c.name === 'Pat Kim');
    expect(pat).toMatchObject({ source: 'referral', company: 'Figma', stage: 'identified' });
  });

  it('when a student snoozes, declines, archives and moves, then each answers and the stages follow', async () => {
    expectAnswered(await rapport('reached', [str('contact', '#2')]));
    expectAnswered(await rapport('snooze', [str('contact', '#2'), str('duration', '3 days')]));
    expectAnswered(await rapport('decline', [str('contact', '#2')]));
    expect(await stageOf(2)).toBe('declined');
    expectAnswered(await rapport('archive', [str('contact', '#3')]));
    expect(await stageOf(3)).toBe('archived');
    expectAnswered(await rapport('move', [str('contact', '#2'), str('stage', 'identified')]));
    expect(await stageOf(2)).toBe('identified');
  });

  it('when a student checks the goal, then progress shows', async () => {
    expect(expectAnswered(await rapport('goal')).length).toBeGreaterThan(0);
  });

  it('when a student uses the settings group, then show, tz and quiet answer and the zone is kept', async () => {
    expect(expectAnswered(await rapport('show', [], 'settings'))).toMatch(/Time zone/);
    expectAnswered(await rapport('tz', [str('zone', 'America/Chicago')], 'settings'));
    expectAnswered(await rapport('quiet', [str('hours', '21:00-08:00')], 'settings'));
    const actor = await bed.actor(maria);
    expect(actor.timezone).toBe('America/Chicago');
  });

  it('when a student asks for a link code, then one is given', async () => {
    expect(expectAnswered(await rapport('link'))).toMatch(/link code/i);
  });

  it('when a student exports, then the files come as attachments of the ephemeral answer', async () => {
    const answer = await rapport('export');
    expectAnswered(answer);
    const names = answer.edit?.files.map((f) => f.filename) ?? [];
    expect(names.some((n) => n.endsWith('.json'))).toBe(true);
    expect(names.some((n) => n.endsWith('.csv'))).toBe(true);
    expect(answer.edit?.files.find((f) => f.filename.endsWith('.json'))?.text).toContain('Jane Doe');
  });

  it('when a student asks to be forgotten and clicks the confirmation, then their data is gone', async () => {
    const leaving = bed.user('Leaving');
    await bed.command(leaving, {
      command: 'rapport',
      subcommand: 'add',
      options: [str('name', 'Temp Person')],
    });
    const ask = await bed.command(leaving, { command: 'rapport', subcommand: 'forget-me' });
    const confirm = buttonsOf(ask.edit).find((b) => b.custom_id.startsWith('forget_confirm:'));
    expect(confirm).toBeDefined();
    const done = await bed.click(leaving, confirm!.custom_id);
    expect(textOf(done.edit)).toMatch(/deleted/);
    const { personId } = await bed.actor(leaving);
    // identify() created a fresh person: the old list is gone.
    expect(await bed.db.store.transaction((repos) => repos.contacts.listByOwner(personId))).toEqual([]);
  });
});

describe('autocomplete', () => {
  it('when a student types part of a name in a contact option, then their matching contacts are offered', async () => {
    const answer = await bed.autocomplete(maria, {
      command: 'rapport',
      subcommand: 'show',
      options: [{ name: 'contact', type: 3, value: 'ja', focused: true }],
    });
    expect(answer.callback.body).toMatchObject({ type: 8 });
    const choices = (answer.callback.body as { data: { choices: { name: string; value: string }[] } }).data
      .choices;
    expect(choices).toEqual([{ name: '#1 Jane Doe (Figma)', value: '#1' }]);
  });

  it('when another student types in a contact option, then they see only their own contacts', async () => {
    const other = bed.user('Other');
    const answer = await bed.autocomplete(other, {
      command: 'rapport',
      subcommand: 'note',
      options: [{ name: 'contact', type: 3, value: '', focused: true }],
    });
    expect((answer.callback.body as { data: { choices: unknown[] } }).data.choices).toEqual([]);
  });
});

describe('buttons', () => {
  it('when a student clicks Add note on a card, then the note form opens for that contact and the card is left as it is', async () => {
    const card = await rapport('show', [str('contact', '#1')]);
    const note = buttonsOf(card.edit).find((b) => b.custom_id.startsWith('contact_note:'))!;
    const click = await bed.run(
      buttonInteraction({ user: maria, guild: bed.guild, customId: note.custom_id }),
      0,
    );
    // A modal (type 9) is the answer; cardForms.test.ts submits it.
    expect(click.callback.body).toMatchObject({
      type: 9,
      data: { custom_id: `rapport-form:note:contact:${note.custom_id.split(':')[1]}` },
    });
    expect(bed.fake.requestsFor(click.payload.token)).toHaveLength(1);
  });

  it('when a student clicks Snooze on a nudge in a DM, then the reminder finds them and the nudge moves', async () => {
    const actor = await bed.actor(maria);
    const pending = await bed.db.store.transaction((repos) =>
      repos.nudges.listForPerson(actor.personId, ['pending']),
    );
    const nudge = pending[0]!;
    const click = await bed.click(maria, `nudge_snooze_1w:${nudge.id}`, true);
    expect(click.callback.body).toEqual({ type: 6 });
    expect(textOf(click.edit)).toMatch(/snoozed/i);
    const after = await bed.db.store.transaction((repos) => repos.nudges.getById(actor.orgId, nudge.id));
    expect(after!.dueAt.getTime()).toBeGreaterThanOrEqual(bed.now.getTime() + 6 * 24 * 3600_000);
  });

  it("when someone clicks a button for another person's nudge, then nothing changes", async () => {
    const actor = await bed.actor(maria);
    const [nudge] = await bed.db.store.transaction((repos) =>
      repos.nudges.listForPerson(actor.personId, ['pending']),
    );
    const stranger = bed.user('Stranger');
    const click = await bed.click(stranger, `nudge_done:${nudge!.id}`);
    expect(textOf(click.edit)).toMatch(/gone|nothing/i);
    const after = await bed.db.store.transaction((repos) => repos.nudges.getById(actor.orgId, nudge!.id));
    expect(after?.status).toBe('pending');
  });

  it('when a button is not one of ours, then the person is told to run the command again', async () => {
    const click = await bed.run(
      buttonInteraction({ user: maria, guild: bed.guild, customId: 'mystery:1' }),
      0,
    );
    expect(click.callback.body).toMatchObject({
      type: 4,
      data: { flags: 64, allowed_mentions: { parse: [] } },
    });
    expect((click.callback.body as { data: { content: string } }).data.content).toMatch(/fresh one/);
  });
});

describe('mention injection', () => {
  it('when a contact is named to ping everyone, a role or hide a link, then every outgoing payload holds it inert', async () => {
    const evil = bed.user('Mallory');
    const name = '@everyone <@&123456789012345678> [click](https://evil.example) **loud** @here';
    await bed.command(evil, { command: 'rapport', subcommand: 'add', options: [str('name', name)] });
    const card = await bed.command(evil, {
      command: 'rapport',
      subcommand: 'show',
      options: [str('contact', '#1')],
    });
    for (const request of bed.fake.requestsFor(card.payload.token)) {
      const raw = JSON.stringify(request.body ?? {});
      expect(raw).not.toMatch(/@everyone|@here/);
      expect(raw).not.toMatch(/<@&\d/);
      expect(raw).not.toMatch(/(^|[^\\])\[click\]\(/);
    }
    const text = textOf(card.edit);
    expect(text).toContain('@\u200beveryone');
    expect(text).toContain('<\u200b@&123456789012345678>');
    expect(text).toContain('\\[click\\](https://evil.example)');
    expect(text).toContain('\\*\\*loud\\*\\*');
    expect((card.edit!.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
  });
});

describe('outside a server', () => {
  it('when someone runs /rapport in a DM, then they are told it works inside the server', async () => {
    const answer = await bed.run(
      chatInputInteraction({ user: maria, command: 'rapport', subcommand: 'list' }),
      0,
    );
    expect(answer.callback.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect((answer.callback.body as { data: { content: string } }).data.content).toMatch(
      /inside your community/,
    );
  });
});
