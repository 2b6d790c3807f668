/**
 * The answers on reminders, clicked in a Discord DM: a rating on the debrief reminder records the
 * same outcome as `/rapport outcome`, a decision on the reflect reminder the same as
 * `/rapport decide`. A DM click names no server: the stored reminder says whose it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_SENTENCES } from '../../../src/bot/discord/discordAdapter.js';
import { renderReply } from '../../../src/bot/discord/discordRenderer.js';
import type { Actor } from '../../../src/core/command.js';
import { renderNudge } from '../../../src/core/nudges/nudgeMessages.js';
import type { NudgeRecord } from '../../../src/core/nudges/nudgePorts.js';
import type { Contact } from '../../../src/core/pipeline/contactPorts.js';
import { contactOutcomes, decisions } from '../../../src/db/schema.js';
import { buttonInteraction, type FakeUser, type OptionValue } from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });

let bed: DiscordTestBed;
let maria: FakeUser;
let actor: Actor;
let jane: Contact;
let debrief: NudgeRecord;

beforeAll(async () => {
  bed = await DiscordTestBed.open({ start: '2026-11-23T15:00:00Z' });
  maria = bed.user('Maria');
  await bed.command(maria, { command: 'rapport', subcommand: 'add', options: [str('name', 'Jane Doe')] });
  await bed.command(maria, { command: 'rapport', subcommand: 'met', options: [str('contact', '#1')] });
  actor = await bed.actor(maria);
  jane = (await bed.db.store.transaction((repos) => repos.contacts.listByOwner(actor.personId)))[0]!;
  const pending = await bed.db.store.transaction((repos) =>
    repos.nudges.listForPerson(actor.personId, ['pending']),
  );
  debrief = pending.find((n) => n.kind === 'debrief')!;
  expect(debrief).toBeDefined();
});

afterAll(async () => {
  await bed?.close();
});

const ratings = async () =>
  (await bed.db.db.select().from(contactOutcomes)).map((r) => [r.contactId, r.rating, r.effect]);

describe('the debrief reminder in a Discord DM', () => {
  it('when it is rendered for Discord, then its first row holds the three ratings carrying only the reminder id', () => {
    const [firstRow] = renderReply(renderNudge(debrief, { contact: jane })).body.components;
    expect(firstRow!.components.slice(0, 3).map((b) => [b.label, b.custom_id])).toEqual([
      ['It was useful', `nudge_outcome_useful:${debrief.id}`],
      ['Somewhat useful', `nudge_outcome_somewhat:${debrief.id}`],
      ['Not useful', `nudge_outcome_not:${debrief.id}`],
    ]);
  });

  it('when a stranger clicks a rating on it, then nothing is recorded and the stranger is refused privately', async () => {
    const mallory = bed.user('Mallory');
    await bed.actor(mallory);
    const payload = buttonInteraction({ user: mallory, customId: `nudge_outcome_not:${debrief.id}` });
    const followUp = bed.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${bed.fake.appId}/${payload.token}`,
    );
    await bed.run(payload, 0);
    expect((await followUp).body).toMatchObject({ content: DISCORD_SENTENCES.notYourButton, flags: 64 });
    expect(await ratings()).toEqual([]);
  });

  it('when Maria clicks It was useful, then the outcome is kept and the message she clicked says so', async () => {
    const click = await bed.click(maria, `nudge_outcome_useful:${debrief.id}`, true);
    expect(click.callback.body).toEqual({ type: 6 });
    expect(textOf(click.edit)).toContain('your conversation with Jane Doe was useful');
    expect(await ratings()).toEqual([[jane.id, 'useful', null]]);
    // The second step sits under the answer: what it changed, each button carrying Jane's id.
    type Rows = { components?: { components: { label: string; custom_id: string }[] }[] };
    const buttons = ((click.edit?.body ?? {}) as Rows)
      .components!.flatMap((row) => row.components)
      .map((b) => [b.label, b.custom_id]);
    expect(buttons).toEqual([
      ['Confirmed my direction', `outcome_confirmed:${jane.id}`],
      ['Opened a new direction', `outcome_new_direction:${jane.id}`],
      ['Ruled something out', `outcome_ruled_out:${jane.id}`],
      ['Not sure yet', `outcome_unsure:${jane.id}`],
    ]);
  });

  it('when Maria then clicks Ruled something out, then it is added to her rating and the buttons go', async () => {
    const click = await bed.click(maria, `outcome_ruled_out:${jane.id}`, true);
    expect(textOf(click.edit)).toContain('was useful (ruled out).');
    expect(((click.edit?.body ?? {}) as { components?: unknown[] }).components ?? []).toEqual([]);
    expect(await ratings()).toEqual([[jane.id, 'useful', 'ruled out']]);
  });
});

describe('the reflect reminder in a Discord DM', () => {
  it('when Maria clicks Change direction, then her decision is kept as decide keeps it', async () => {
    await bed.db.store.transaction((repos) =>
      repos.nudges.enqueue(actor.orgId, [
        {
          kind: 'reflect',
          dedupeKey: `reflect-test:${actor.personId}`,
          personId: actor.personId,
          contactId: null,
          expectedStage: null,
          dueAt: bed.now,
          payload: {},
        },
      ]),
    );
    const reflect = (
      await bed.db.store.transaction((repos) => repos.nudges.listForPerson(actor.personId, ['pending']))
    ).find((n) => n.kind === 'reflect')!;
    const click = await bed.click(maria, `nudge_decide_change:${reflect.id}`, true);
    expect(textOf(click.edit)).toContain('Kept on your record: change');
    const kept = await bed.db.db.select().from(decisions);
    expect(kept.map((d) => [d.personId, d.decision])).toEqual([[actor.personId, 'change']]);
  });
});
