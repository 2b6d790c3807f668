/**
 * A flood of interactions through the real discord.js Client: past the work queue's bound the
 * interaction is answered "busy" (privately) in place of its deferral and its work never runs;
 * one person's commands run in the order they arrived while other people's run beside them.
 * Core's `identify` (the first step of each interaction's work) is held at a gate the test opens.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_SENTENCE } from '../../../src/bot/workQueue.js';
import { chatInputInteraction, type FakeUser, type InteractionPayload } from '../../support/fakeDiscord.js';
import { HeldCore } from '../../support/heldCore.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

let bed: DiscordTestBed | undefined;
let core: HeldCore | undefined;
afterEach(async () => {
  core?.open();
  await bed?.close();
  bed = undefined;
});

/** Core with `identify` logged by the person's name, and held for the names `holds` picks. */
async function openBed(
  holds: (name: string) => boolean,
  adapter: { concurrency?: number; queue?: { maxCommands: number } },
): Promise<DiscordTestBed> {
  core = new HeldCore('identify', (args) => String((args[0] as { displayName: string }).displayName), holds);
  bed = await DiscordTestBed.open({ api: core.wrap, adapter });
  return bed;
}

function command(
  test: DiscordTestBed,
  user: FakeUser,
  subcommand: string,
  name?: string,
): InteractionPayload {
  return chatInputInteraction({
    guild: test.guild,
    user,
    command: 'rapport',
    subcommand,
    options: name ? [{ name: subcommand === 'add' ? 'name' : 'contact', type: 3, value: name }] : [],
  });
}

function callbackOf(test: DiscordTestBed, payload: InteractionPayload) {
  return test.fake.waitForRequest((r) => r.path.includes(`/${payload.token}/callback`));
}

function answerOf(test: DiscordTestBed, payload: InteractionPayload) {
  return test.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${payload.token}/`));
}

describe('a flood of Discord interactions', () => {
  it('when more interactions arrive than the queue may hold, then the rest are answered busy and never run', async () => {
    const test = await openBed(() => true, { concurrency: 1, queue: { maxCommands: 2 } });
    const payloads = ['Ana', 'Ben', 'Cy', 'Di', 'Ed'].map((name) =>
      command(test, test.user(name), 'add', `${name}'s contact`),
    );
    const callbacks = payloads.map((payload) => callbackOf(test, payload));
    for (const payload of payloads) test.fake.dispatchInteraction(payload);
    const answered = await Promise.all(callbacks);

    const deferred = answered.filter((callback) => (callback.body as { type: number }).type === 5);
    const busy = answered.filter((callback) => (callback.body as { type: number }).type === 4);
    expect([deferred.length, busy.length]).toEqual([2, 3]);
    for (const callback of busy) {
      expect(textOf(callback)).toBe(BUSY_SENTENCE);
      expect((callback.body as { data: { flags: number } }).data.flags).toBe(64);
    }
    await core!.reached(1);
    core!.open();
    await test.adapter.stop();
    // Only the two taken ever reached core.
    expect(core!.starts).toHaveLength(2);
  });

  it("when one person's add is held and their next command follows, then it waits for the add while another person is answered", async () => {
    const test = await openBed((name) => name === 'Maria', {});
    const maria = test.user('Maria');
    const add = command(test, maria, 'add', 'Jane Doe');
    const reached = command(test, maria, 'reached', 'jane');
    const other = command(test, test.user('Omar'), 'add', 'Sam Lee');
    const answers = [answerOf(test, add), answerOf(test, reached)];
    test.fake.dispatchInteraction(add);
    await core!.reached(1);
    test.fake.dispatchInteraction(reached);
    await callbackOf(test, reached);
    const otherAnswer = answerOf(test, other);
    test.fake.dispatchInteraction(other);
    expect(textOf(await otherAnswer)).toContain('Sam Lee');
    expect(core!.log).toEqual(['start Maria', 'start Omar', 'end Omar']);

    core!.open();
    const [added, moved] = await Promise.all(answers);
    expect(textOf(added)).toContain('Jane Doe');
    expect(textOf(moved)).toContain('as reached out');
    expect(core!.log.slice(3)).toEqual(['end Maria', 'start Maria', 'end Maria']);
  });
});
