/**
 * The role check before the *Log a meeting* form races Discord's 3-second rule: a form must be
 * the first answer. When the check is late (a slow database), the form opens anyway and the
 * submission is checked instead, so a student still logs nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Wait } from '../../../src/bot/discord/deadline.js';
import type { FakeUser } from '../../support/fakeDiscord.js';
import {
  modalSubmitInteraction,
  type SentModal,
  userMenuInteraction,
} from '../../support/fakeDiscordForms.js';
import { HeldCore } from '../../support/heldCore.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

/** The form's role check (2 s) is over at once; every other deadline is never reached. */
const wait: Wait = (ms, signal) =>
  ms === 2000
    ? Promise.resolve()
    : new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

const core = new HeldCore('identify', (args) =>
  String((args[0] as { externalUserId: string }).externalUserId),
);
let bed: DiscordTestBed;
let maria: FakeUser;
let sam: FakeUser;

beforeAll(async () => {
  bed = await DiscordTestBed.open({ api: core.wrap, adapter: { wait } });
  maria = bed.user('Maria');
  sam = bed.user('Sam Rivera');
});
afterAll(async () => {
  core.open();
  await bed?.close();
});

describe('a late role check before the Log a meeting form', () => {
  it('when the check is late, then the form opens anyway, and a student submitting it is refused and nothing is logged', async () => {
    const opened = await bed.run(
      userMenuInteraction({ guild: bed.guild, user: maria, name: 'Log a meeting', target: sam }),
      0,
    );
    const { type, data } = opened.callback.body as { type: number; data: SentModal };
    expect(type).toBe(9);
    expect(bed.logLines.some((line) => line.includes('Role check before a Discord form was slow'))).toBe(
      true,
    );

    core.open();
    const mariaActor = await bed.actor(maria);
    const answer = await bed.run(
      modalSubmitInteraction({ guild: bed.guild, user: maria, modal: data, answers: { topics: 'x' } }),
      1,
    );
    expect(textOf(answer.edit)).toContain('Only mentors (and coordinators) can use that command.');
    const meetings = await bed.db.store.transaction((repos) =>
      repos.meetings.listForStudent(mariaActor.personId),
    );
    expect(meetings).toEqual([]);
  });
});
