/**
 * Discord interactions over HTTP, end to end: PING, a /rapport command and a button click answered
 * with a deferral in the HTTP response and completed through the interaction webhook, a server
 * the bot is not in, and no gateway connection at any point.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, persons, spaces } from '../../../src/db/schema.js';
import { chatInputInteraction, type FakeUser, snowflake } from '../../support/fakeDiscord.js';
import { modalSubmitInteraction, type SentModal } from '../../support/fakeDiscordForms.js';
import { DiscordHttpBed } from './discordHttpBed.js';
import { buttonsOf, textOf } from './discordTestBed.js';

let bed: DiscordHttpBed;
let maria: FakeUser;

beforeAll(async () => {
  bed = await DiscordHttpBed.open();
  maria = bed.user('Maria');
});
afterAll(async () => {
  await bed?.close();
});

async function rowCounts(): Promise<number[]> {
  const tables = [organizations, spaces, persons] as const;
  return Promise.all(
    tables.map(async (table) => (await bed.db.db.select({ n: count() }).from(table))[0]?.n ?? 0),
  );
}

describe('Discord interactions over HTTP', () => {
  it('when Discord sends a signed PING, then the answer is PONG', async () => {
    const answer = await bed.send({ id: snowflake(), type: 1, application_id: '1', token: 't', version: 1 });
    expect(answer).toEqual({ status: 200, body: { type: 1 } });
  });

  it('when a student runs /rapport add, then the HTTP answer is a private deferral and the webhook edit carries the reply', async () => {
    const { answer, edit } = await bed.command(maria, {
      command: 'rapport',
      subcommand: 'add',
      options: [
        { name: 'name', type: 3, value: 'Jane Doe' },
        { name: 'org', type: 3, value: 'Figma' },
      ],
    });
    expect(answer).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });
    expect(edit.status).toBe(200);
    expect(textOf(edit)).toContain('Jane Doe');
    expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    // The server's name comes from Discord's answer about the server, as the gateway's cache would give it.
    const [org] = await bed.db.db.select().from(organizations);
    expect(org?.name).toBe(bed.guild.name);
  });

  it('when the student clicks a button on the card, then the answer is a deferred update and the edit replaces the card', async () => {
    const shown = await bed.command(maria, {
      command: 'rapport',
      subcommand: 'show',
      options: [{ name: 'contact', type: 3, value: '#1' }],
    });
    const advance = buttonsOf(shown.edit).find((button) => button.custom_id.startsWith('contact_advance:'));
    expect(advance?.label).toBe('Mark reached out');
    const { answer, edit } = await bed.click(maria, advance!.custom_id);
    expect(answer).toEqual({ status: 200, body: { type: 6 } });
    expect(edit.status).toBe(200);
    expect(textOf(edit)).toMatch(/Jane Doe/);
    const [person] = await bed.db.db.select().from(persons);
    const [contact] = await bed.db.store.transaction((repos) => repos.contacts.listByOwner(person!.id));
    expect(contact?.stage).toBe('reached_out');
  });

  it('when an interaction comes from a server the bot is not in, then one private sentence answers and nothing is stored', async () => {
    const before = await rowCounts();
    const stranger = { id: snowflake(), name: 'Elsewhere', channelId: snowflake() };
    const payload = chatInputInteraction({
      guild: stranger,
      user: bed.user(),
      command: 'rapport',
      subcommand: 'help',
    });
    const answer = await bed.send(payload);
    expect(answer).toEqual({
      status: 200,
      body: {
        type: 4,
        data: {
          content: expect.stringMatching(/^Rapport isn't set up for this server yet: .*\.$/),
          flags: 64,
          allowed_mentions: { parse: [] },
        },
      },
    });
    expect(await rowCounts()).toEqual(before);
    expect(bed.fake.requestsFor(payload.token)).toEqual([]);
  });

  it('when Discord cannot say whether the bot is in the server, then the apology answers and nothing is stored', async () => {
    const before = await rowCounts();
    const server = { id: snowflake(), name: 'Somewhere', channelId: snowflake() };
    bed.fake.inject(
      { method: 'GET', path: `/guilds/${server.id}` },
      { status: 502, body: { message: 'Bad Gateway' } },
    );
    const payload = chatInputInteraction({
      guild: server,
      user: bed.user(),
      command: 'rapport',
      subcommand: 'help',
    });
    const answer = await bed.send(payload);
    expect(answer.body).toMatchObject({
      type: 4,
      data: { content: expect.stringMatching(/^Sorry, something went wrong/), flags: 64 },
    });
    expect(await rowCounts()).toEqual(before);
    expect(
      bed.logLines.some((line) => line.includes('Could not ask Discord whether the bot is in a server')),
    ).toBe(true);
  });

  it('when commands have been served, then no gateway connection was ever opened', () => {
    expect(bed.fake.requests.some((r) => r.path === '/gateway/bot')).toBe(false);
    expect(bed.fake.gatewayReceived).toEqual([]);
    expect(bed.adapter.ready()).toBe(true);
  });
});

describe('forms over HTTP', () => {
  it('when a student runs /rapport add with no options, then the HTTP answer is the modal, and its submission adds the contact through the webhook', async () => {
    const ana = bed.user('Ana');
    const payload = chatInputInteraction({
      guild: bed.guild,
      user: ana,
      command: 'rapport',
      subcommand: 'add',
    });
    const opened = await bed.send(payload);
    expect(opened.status).toBe(200);
    const modal = (opened.body as { type: number; data: SentModal }).data;
    expect((opened.body as { type: number }).type).toBe(9);
    expect(modal.custom_id).toBe('rapport-form:add');

    const submission = modalSubmitInteraction({
      guild: bed.guild,
      user: ana,
      modal,
      answers: { name: 'Priya Nair', org: 'Stripe' },
    });
    const edit = bed.editOf(submission);
    const answer = await bed.send(submission);
    expect(answer).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });
    expect(textOf(await edit)).toContain('Priya Nair');
    const [person] = await bed.db.db.select().from(persons).where(eq(persons.displayName, 'Ana'));
    const contacts = await bed.db.store.transaction((repos) => repos.contacts.listByOwner(person!.id));
    expect(contacts.map((c) => [c.name, c.company])).toEqual([['Priya Nair', 'Stripe']]);
  });
});
