/**
 * `/coordinator nudges ...` through the real discord.js client and the fake Discord: a coordinator
 * changes the follow-up timing and a student's pending follow-ups move; a student is refused; a
 * bad value answers with the Discord usage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/command.js';
import type { FakeUser, OptionValue } from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

const START = '2026-11-23T15:00:00Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(new Date(START).getTime() + days * DAY_MS);
const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });

let bed: DiscordTestBed;
let cora: FakeUser;
let maria: FakeUser;
let mariaActor: Actor;

async function pendingFollowUps(): Promise<Date[]> {
  const nudges = await bed.db.store.transaction((repos) =>
    repos.nudges.listForPerson(mariaActor.personId, ['pending']),
  );
  return nudges.filter((n) => n.kind === 'follow_up').map((n) => n.dueAt);
}

const nudgesSet = (user: FakeUser, setting: string, value: string) =>
  bed.command(user, {
    command: 'coordinator',
    group: 'nudges',
    subcommand: 'set',
    options: [str('setting', setting), str('value', value)],
  });

beforeAll(async () => {
  bed = await DiscordTestBed.open({ start: START });
  cora = bed.user('Cora');
  maria = bed.user('Maria');
  await bed.setRole(cora, 'coordinator');
  await bed.command(maria, {
    command: 'rapport',
    subcommand: 'add',
    options: [str('name', 'Jane Doe'), str('org', 'Figma')],
  });
  await bed.command(maria, { command: 'rapport', subcommand: 'reached', options: [str('contact', '#1')] });
  mariaActor = await bed.actor(maria);
});
afterAll(async () => {
  await bed?.close();
});

describe('/coordinator nudges', () => {
  it("when a coordinator sets follow-up-days, then the answer says so privately and the student's follow-ups move", async () => {
    expect(await pendingFollowUps()).toEqual([at(7), at(14), at(21)]);
    const answer = await nudgesSet(cora, 'follow-up-days', '3');
    expect(answer.callback.body).toEqual({ type: 5, data: { flags: 64 } });
    const text = textOf(answer.edit);
    expect(text).toContain('follow-up-days');
    expect(text).toContain('is now **3 days** (it was 7 days; the default is 7 days).');
    expect(text).toContain('3 pending reminders moved to the new timing.');
    expect(await pendingFollowUps()).toEqual([at(3), at(6), at(9)]);

    const shown = await bed.command(cora, { command: 'coordinator', group: 'nudges', subcommand: 'show' });
    expect(textOf(shown.edit)).toContain('Changed; the default is 7 days.');
  });

  it('when a value is out of range, then the answer names the range and the Discord usage', async () => {
    const text = textOf((await nudgesSet(cora, 'follow-ups', '99')).edit);
    expect(text).toContain('That is out of range: follow-ups takes a whole number from 0 to 10.');
    expect(text).toContain('/coordinator nudges set setting: value:');
    expect(await pendingFollowUps()).toEqual([at(3), at(6), at(9)]);
  });

  it('when a student calls it, then they get the refusal and nothing moves', async () => {
    const text = textOf((await nudgesSet(maria, 'follow-up-days', '1')).edit);
    expect(text).toContain('Only coordinators can use that command.');
    expect(await pendingFollowUps()).toEqual([at(3), at(6), at(9)]);
  });

  it('when the coordinator resets all, then the follow-ups are back on the default timing', async () => {
    const answer = await bed.command(cora, {
      command: 'coordinator',
      group: 'nudges',
      subcommand: 'reset',
      options: [str('setting', 'all')],
    });
    expect(textOf(answer.edit)).toContain('Every nudge setting is back to the product default.');
    expect(await pendingFollowUps()).toEqual([at(7), at(14), at(21)]);
  });
});
