/**
 * The adapter's work queue: after its deferral, an interaction's work (identify, core, render)
 * waits for a free slot, first come, first served; the final edit needs none. With one slot, two
 * commands sent at once are both deferred at once, the second's work starts only once the first's
 * answer is ready (while it is being delivered), the
 * "taking longer" clock runs while a command waits in the queue, and stop() waits for the queue.
 * Time is not waited for: the core is held by a gate the test opens, and deadlines fire by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Wait } from '../../../src/bot/discord/deadline.js';
import { DISCORD_SENTENCES } from '../../../src/bot/discord/discordAdapter.js';
import type { RapportApi } from '../../../src/core/api.js';
import type { Rapport } from '../../../src/core/rapport.js';
import {
  chatInputInteraction,
  type InteractionPayload,
  type RecordedRequest,
} from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

/** Deadlines that fire only when the test says so; each one is numbered in the order it was set. */
class HeldDeadlines {
  private readonly fires: (() => void)[] = [];
  private readonly watchers: { count: number; resolve: () => void }[] = [];

  readonly wait: Wait = (_ms, signal) =>
    new Promise<void>((resolve, reject) => {
      this.fires.push(resolve);
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      for (const watcher of this.watchers.filter((w) => this.fires.length >= w.count)) watcher.resolve();
    });

  /** Resolves once `count` deadlines have been set (one per interaction, at its deferral). */
  set(count: number): Promise<void> {
    if (this.fires.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ count, resolve }));
  }

  /** Fires the deadline set `index`-th (from 0); a deadline already aborted ignores it. */
  fire(index: number): void {
    this.fires[index]!();
  }
}

/**
 * The real core, with `identify` (the first step of every interaction's work) logged by user and
 * held at a gate while it is closed.
 */
class GatedCore {
  readonly log: string[] = [];
  private open: Promise<void> = Promise.resolve();
  private release: () => void = () => {};

  close(): void {
    this.open = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  openGate(): void {
    this.release();
  }

  wrap = (real: Rapport): RapportApi => ({
    commands: real.commands,
    identify: async (input: Parameters<RapportApi['identify']>[0]) => {
      this.log.push(`work ${input.displayName}`);
      await this.open;
      return real.identify(input);
    },
    identifyClick: (...args) => real.identifyClick(...args),
    runText: (...args) => real.runText(...args),
    runOptions: (...args) => real.runOptions(...args),
    runAction: (...args) => real.runAction(...args),
    formFor: (...args) => real.formFor(...args),
    formForAction: (...args) => real.formForAction(...args),
    autocomplete: (...args) => real.autocomplete(...args),
    home: (...args) => real.home(...args),
  });
}

let bed: DiscordTestBed | undefined;
let gated: GatedCore | undefined;
afterEach(async () => {
  // A failed assertion must not leave work held behind the gate, or stop() would wait for it.
  gated?.openGate();
  await bed?.close();
  bed = undefined;
});

async function openBed(core: GatedCore, deadlines: HeldDeadlines): Promise<DiscordTestBed> {
  gated = core;
  bed = await DiscordTestBed.open({
    api: core.wrap,
    adapter: { concurrency: 1, wait: deadlines.wait },
  });
  // Each edit of an interaction's message joins the same log, in the order the fake received it.
  bed.fake.events.on('request', (request: RecordedRequest) => {
    if (request.method !== 'PATCH') return;
    const text = textOf(request);
    const who = text.includes('Ana') ? 'Ana' : text.includes('Ben') ? 'Ben' : 'someone';
    core.log.push(text === DISCORD_SENTENCES.slow ? 'notice' : `answer ${who}`);
  });
  return bed;
}

/** `/rapport add` of a contact named after the person, so each final answer says whose it is. */
function addCommand(test: DiscordTestBed, name: string): InteractionPayload {
  return chatInputInteraction({
    guild: test.guild,
    user: test.user(name),
    command: 'rapport',
    subcommand: 'add',
    options: [{ name: 'name', type: 3, value: `${name}'s contact` }],
  });
}

function callbackOf(test: DiscordTestBed, payload: InteractionPayload): Promise<RecordedRequest> {
  return test.fake.waitForRequest((r) => r.path.includes(`/${payload.token}/callback`));
}

function finalAnswerOf(test: DiscordTestBed, payload: InteractionPayload): Promise<RecordedRequest> {
  return test.fake.waitForRequest(
    (r) =>
      r.method === 'PATCH' && r.path.includes(`/${payload.token}/`) && textOf(r) !== DISCORD_SENTENCES.slow,
  );
}

/**
 * A bed with one slot and a held core, and Ana's and Ben's `/rapport add` dispatched at once and
 * handed to the queue (each sets its slow deadline just before): Ana's work runs, Ben's waits.
 */
async function twoQueued(): Promise<{
  core: GatedCore;
  deadlines: HeldDeadlines;
  test: DiscordTestBed;
  ana: InteractionPayload;
  ben: InteractionPayload;
}> {
  const core = new GatedCore();
  const deadlines = new HeldDeadlines();
  const test = await openBed(core, deadlines);
  core.close();
  const ana = addCommand(test, 'Ana');
  const ben = addCommand(test, 'Ben');
  test.fake.dispatchInteraction(ana);
  test.fake.dispatchInteraction(ben);
  await deadlines.set(2);
  return { core, deadlines, test, ana, ben };
}

describe('the work queue (one slot)', () => {
  it("when two commands come at once, then both are deferred at once and the second's work starts only once the first's answer is ready", async () => {
    const core = new GatedCore();
    const deadlines = new HeldDeadlines();
    const test = await openBed(core, deadlines);
    core.close();
    const ana = addCommand(test, 'Ana');
    const ben = addCommand(test, 'Ben');
    const deferred = [callbackOf(test, ana), callbackOf(test, ben)];
    test.fake.dispatchInteraction(ana);
    test.fake.dispatchInteraction(ben);

    // Both deferred while Ana's work is still held.
    for (const callback of await Promise.all(deferred))
      expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
    // Both have been handed to the queue (each sets its slow deadline just before): only Ana's
    // work has started; Ben's waits for the slot.
    await deadlines.set(2);
    expect(core.log).toEqual(['work Ana']);

    core.openGate();
    const answers = await Promise.all([finalAnswerOf(test, ana), finalAnswerOf(test, ben)]);
    expect(textOf(answers[0])).toContain("Ana's contact");
    expect(textOf(answers[1])).toContain("Ben's contact");
    // Ana's slot is given up once her answer is ready, before its edit goes out: Ben's work starts
    // while her answer travels.
    expect(core.log).toEqual(['work Ana', 'work Ben', 'answer Ana', 'answer Ben']);
  });

  it('when a command waits in the queue past the deadline, then it is told to wait and answered once its turn comes', async () => {
    const { core, deadlines, test, ben } = await twoQueued();

    // Ben's clock started at his deferral, though his work has not.
    const notice = test.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${ben.token}/`));
    deadlines.fire(1);
    expect(textOf(await notice)).toBe(DISCORD_SENTENCES.slow);
    expect(core.log).toEqual(['work Ana', 'notice']);

    core.openGate();
    const answer = await finalAnswerOf(test, ben);
    expect(textOf(answer)).toContain("Ben's contact");
    // The notice line is cleared by the answer.
    expect((answer.body as { content: string }).content).toBe('');
    expect(core.log).toEqual(['work Ana', 'notice', 'work Ben', 'answer Ana', 'answer Ben']);
  });

  it('when the adapter stops with work queued, then stop() returns only after every queued command is answered', async () => {
    const { core, test } = await twoQueued();

    let stopped = false;
    const stopping = test.adapter.stop().then(() => {
      stopped = true;
    });
    expect(core.log).toEqual(['work Ana']);
    core.openGate();
    await stopping;
    expect(stopped).toBe(true);
    expect(core.log).toEqual(['work Ana', 'work Ben', 'answer Ana', 'answer Ben']);
  });
});
