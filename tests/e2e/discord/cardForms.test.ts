/**
 * A contact card's *Add note* button opens the note form on Discord, with the contact settled by
 * the button, in the server and in a DM (a card shown from a reminder). In a DM the contact's row
 * says whose the form is, as it does for the button: a form naming someone else's contact adds
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_SENTENCES } from '../../../src/bot/discord/discordAdapter.js';
import type { Actor } from '../../../src/core/command.js';
import type { Contact } from '../../../src/core/pipeline/contactPorts.js';
import { buttonInteraction, type FakeUser, type RecordedRequest } from '../../support/fakeDiscord.js';
import { modalSubmitInteraction, type SentModal } from '../../support/fakeDiscordForms.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

let bed: DiscordTestBed;
let maria: FakeUser;
let mariaActor: Actor;
let jane: Contact;

beforeAll(async () => {
  bed = await DiscordTestBed.open();
  maria = bed.user('Maria');
  mariaActor = await bed.actor(maria);
  await bed.command(maria, {
    command: 'rapport',
    subcommand: 'add',
    options: [{ name: 'name', type: 3, value: 'Jane Doe' }],
  });
  [jane] = (await bed.db.store.transaction((repos) => repos.contacts.listByOwner(mariaActor.personId))) as [
    Contact,
  ];
});
afterAll(async () => {
  await bed?.close();
});

const notes = async () =>
  (await bed.db.store.transaction((repos) => repos.timeline.listForContact(jane.id)))
    .filter((entry) => entry.kind === 'note')
    .map((entry) => entry.body);

async function openNoteForm(inDm: boolean): Promise<SentModal> {
  const customId = `contact_note:${jane.id}`;
  const click = buttonInteraction(
    inDm ? { user: maria, customId } : { user: maria, customId, guild: bed.guild },
  );
  const opened = await bed.run(click, 0);
  const body = opened.callback.body as { type: number; data: SentModal };
  expect(body.type).toBe(9);
  return body.data;
}

const submit = (user: FakeUser, modal: SentModal, text: string, inDm: boolean) =>
  bed.run(
    modalSubmitInteraction({ user, modal, answers: { text }, ...(inDm ? {} : { guild: bed.guild }) }),
    1,
  );

const flagsOf = (request: RecordedRequest) => (request.body as { data?: { flags?: number } }).data?.flags;

describe("a card's Add note button", () => {
  it('when clicked in the server, then the note form opens for that contact, asking only for the note', async () => {
    const modal = await openNoteForm(false);
    expect(modal.title).toBe('Add a note');
    expect(modal.custom_id).toBe(`rapport-form:note:contact:${jane.id}`);
    expect(modal.components.map((c) => c.component?.custom_id)).toEqual(['text']);
    const answer = await submit(maria, modal, 'Prefers email.', false);
    expect(flagsOf(answer.callback)).toBe(64);
    expect(textOf(answer.edit)).toContain('Noted on the timeline of');
    expect(await notes()).toContain('Prefers email.');
  });

  it('when clicked in a DM, then the form submitted there adds the note for its owner', async () => {
    const modal = await openNoteForm(true);
    const answer = await submit(maria, modal, 'Replied on LinkedIn.', true);
    expect(textOf(answer.edit)).toContain('Noted on the timeline of');
    expect(await notes()).toContain('Replied on LinkedIn.');
  });

  it("when someone else submits the form in a DM, then it is refused and Maria's contact is untouched", async () => {
    const modal = await openNoteForm(true);
    const stranger = bed.user('Stranger');
    await bed.actor(stranger);
    const before = await notes();
    const answer = await submit(stranger, modal, 'Not mine to write.', true);
    expect(textOf(answer.edit)).toBe(DISCORD_SENTENCES.notYourButton);
    expect(await notes()).toEqual(before);
  });
});
