/**
 * A flood of /rapport through the real Bolt App, signed like Slack signs: the work waiting after
 * the ack is bounded by count and by bytes, and past the bound the ack itself says "busy" and the
 * command never runs. One person's commands run in the order they arrived, while other people's
 * run beside them. Core's `runText` is held at a gate the test opens, so nothing waits on time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_SENTENCE } from '../../../src/bot/workQueue.js';
import { HeldCore } from '../../support/heldCore.js';
import { type CommandResult, type SlackBedOptions, SlackTestBed } from './slackTestBed.js';

/** Core with `runText` logged by the text typed, and held for the texts `holds` picks. */
const heldRunText = (holds?: (text: string) => boolean) =>
  new HeldCore('runText', (args) => String(args[1]), holds);

let bed: SlackTestBed | undefined;
let core: HeldCore | undefined;
afterEach(async () => {
  // A failed assertion must not leave work held behind the gate, or stop() would wait for it.
  core?.open();
  await bed?.close();
  bed = undefined;
});

async function openBed(held: HeldCore, adapter: SlackBedOptions['adapter']): Promise<SlackTestBed> {
  core = held;
  bed = await SlackTestBed.start({ api: held.wrap, adapter });
  return bed;
}

const isBusy = (result: CommandResult) =>
  result.status === 200 &&
  result.body !== '' &&
  JSON.stringify(JSON.parse(result.body)) ===
    JSON.stringify({ response_type: 'ephemeral', text: BUSY_SENTENCE });

describe('a flood of slash commands', () => {
  it('when more commands arrive than the queue may hold, then the rest are acked busy and never run', async () => {
    const test = await openBed(heldRunText(), { concurrency: 2, queue: { maxCommands: 5 } });
    const students = Array.from({ length: 12 }, (_, i) => test.newStudent(`s${i}`));
    const acks = await Promise.all(
      students.map((user, i) => test.command(`add Contact ${i}`, { user, ackOnly: true })),
    );

    const taken = acks.filter((ack) => ack.status === 200 && ack.body === '');
    const busy = acks.filter(isBusy);
    expect([taken.length, busy.length]).toEqual([5, 7]);
    // Two run (the concurrency), three wait; nothing more reaches core while they are held.
    await core!.reached(2);
    expect(core!.starts).toHaveLength(2);

    core!.open();
    await test.adapter.idle();
    for (const ack of taken) expect(test.replyText(ack)).toContain('Contact');
    for (const ack of busy) expect(test.slack.responsesTo(ack.responseId)).toEqual([]);
    expect(core!.log.filter((line) => line.startsWith('end'))).toHaveLength(5);
    // After the flood, the queue takes commands again.
    const after = await test.command('help', { user: students[0]! });
    expect(after.body).toBe('');
    expect(test.replyText(after)).toContain('add');
  });

  it('when a few large commands fill the byte bound, then the next is acked busy although the count bound is far', async () => {
    // Each command below is about 4 KB as received, plus the queue's 1 KB of overhead.
    const test = await openBed(heldRunText(), {
      concurrency: 1,
      queue: { maxCommands: 100, maxBytes: 12_000 },
    });
    const user = test.newStudent();
    const acks: CommandResult[] = [];
    for (let i = 0; i < 5; i++)
      acks.push(await test.command(`add ${'Long Name '.repeat(300)}${i}`, { user, ackOnly: true }));
    expect(acks.map((ack) => (isBusy(ack) ? 'busy' : ack.body === '' ? 'taken' : ack.body))).toEqual([
      'taken',
      'taken',
      'busy',
      'busy',
      'busy',
    ]);
    core!.open();
    await test.adapter.idle();
    expect(core!.log.filter((line) => line.startsWith('end'))).toHaveLength(2);
  });
});

describe("one person's commands", () => {
  it('when add jane is held and reached jane follows a few ms later, then reached waits for add while another person is answered meanwhile', async () => {
    const test = await openBed(
      heldRunText((text) => text.startsWith('add Jane')),
      {},
    );
    const maria = test.newStudent('maria');
    const omar = test.newStudent('omar');
    const add = await test.command('add Jane Doe at Figma', { user: maria, ackOnly: true });
    await core!.reached(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const reached = await test.command('reached jane', { user: maria, ackOnly: true });
    // Omar's command is not held: it runs and is answered while Maria's add still waits.
    const other = await test.command('add Sam Lee', { user: omar, ackOnly: true });
    await test.slack.waitForResponse(other.responseId);
    expect(test.replyText(other)).toContain('Sam Lee');
    expect(core!.log).toEqual(['start add Jane Doe at Figma', 'start add Sam Lee', 'end add Sam Lee']);

    core!.open();
    await test.adapter.idle();
    expect(core!.log.slice(3)).toEqual([
      'end add Jane Doe at Figma',
      'start reached jane',
      'end reached jane',
    ]);
    expect(test.replyText(add)).toContain('Jane Doe');
    expect(test.replyText(reached)).toContain('as reached out');
  });

  it('when add and reached are sent a few ms apart, again and again, then reached always finds the contact', async () => {
    const test = await openBed(
      heldRunText(() => false),
      {},
    );
    const pairs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const user = test.newStudent(`p${i}`);
        const add = test.command(`add Jane Doe${i}`, { user, ackOnly: true });
        await new Promise((resolve) => setTimeout(resolve, 2));
        const reached = test.command(`reached jane`, { user, ackOnly: true });
        return Promise.all([add, reached]);
      }),
    );
    await test.adapter.idle();
    for (const [, reached] of pairs) expect(test.replyText(reached)).toContain('as reached out');
  });
});
