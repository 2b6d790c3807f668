/**
 * Discord's 3-second rule with a database that is slow or down: every interaction is answered.
 * Time is not waited for: the adapter's deadlines are fired by the test.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Wait } from '../../../src/bot/discord/deadline.js';
import { DISCORD_SENTENCES } from '../../../src/bot/discord/discordAdapter.js';
import type { Store } from '../../../src/core/store.js';
import type { RecordedRequest } from '../../support/fakeDiscord.js';
import { chatInputInteraction, type FakeUser } from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

/** Deadlines the test fires by hand; one that the work beat is dropped. */
class ManualDeadlines {
  private readonly pending: (() => void)[] = [];
  private readonly waiters: (() => void)[] = [];

  readonly wait: Wait = (_ms, signal) =>
    new Promise<void>((resolve, reject) => {
      this.pending.push(resolve);
      signal.addEventListener(
        'abort',
        () => {
          this.pending.splice(this.pending.indexOf(resolve), 1);
          reject(new Error('aborted'));
        },
        { once: true },
      );
      for (const waiter of this.waiters.splice(0)) waiter();
    });

  /** Fires the next deadline to be set (waiting for it to be set, if need be). */
  async fireNext(): Promise<void> {
    while (this.pending.length === 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.pending.shift()!();
  }
}

/** A store that works, hangs until released, or fails like a database that is down. */
class SwitchableStore implements Store {
  mode: 'ok' | 'slow' | 'down' = 'ok';
  private release: (() => void) | undefined;
  private gate: Promise<void> = Promise.resolve();

  constructor(private readonly real: Store) {}

  slowDown(): void {
    this.mode = 'slow';
    this.gate = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  recover(): void {
    this.mode = 'ok';
    this.release?.();
  }

  async transaction<T>(fn: Parameters<Store['transaction']>[0]): Promise<T> {
    await this.reach();
    return this.real.transaction(fn) as Promise<T>;
  }

  async direct<T>(fn: Parameters<Store['direct']>[0]): Promise<T> {
    await this.reach();
    return this.real.direct(fn) as Promise<T>;
  }

  private async reach(): Promise<void> {
    if (this.mode === 'down') throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    if (this.mode === 'slow') await this.gate;
  }
}

const deadlines = new ManualDeadlines();
let store: SwitchableStore;
let bed: DiscordTestBed;
let maria: FakeUser;

beforeAll(async () => {
  bed = await DiscordTestBed.open({
    store: (real) => {
      store = new SwitchableStore(real);
      return store;
    },
    adapter: { wait: deadlines.wait },
  });
  maria = bed.user('Maria');
});
beforeEach(() => store.recover());
afterAll(async () => {
  await bed?.close();
});

const patches = (token: string): RecordedRequest[] =>
  bed.fake.requestsFor(token).filter((request) => request.method === 'PATCH');

describe('a slow or absent database', () => {
  it('when the database is slow, then the person is told to wait at the deadline and gets the real answer when it comes', async () => {
    store.slowDown();
    const payload = chatInputInteraction({
      guild: bed.guild,
      user: maria,
      command: 'rapport',
      subcommand: 'add',
      options: [{ name: 'name', type: 3, value: 'Jane Doe' }],
    });
    const deferred = bed.fake.waitForRequest(
      (r) => r.path.includes(payload.token) && r.path.endsWith('/callback'),
    );
    bed.fake.dispatchInteraction(payload);
    // Answered (deferred) at once, before any database work.
    expect((await deferred).body).toEqual({ type: 5, data: { flags: 64 } });

    await deadlines.fireNext();
    const waiting = await bed.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.includes(payload.token),
    );
    expect(textOf(waiting)).toContain(
      "This is taking longer than usual. I'll update this message as soon as it's done.",
    );

    store.recover();
    const final = await bed.fake.waitForRequest(() => patches(payload.token).length >= 2);
    expect(final).toBeDefined();
    const last = patches(payload.token)[1];
    expect(textOf(last)).toContain('Jane Doe');
    // The "taking longer" line is cleared from the edited message.
    expect((last!.body as { content: string }).content).toBe('');
  });

  it('when the database is down, then the person gets a short apology and the failure is logged', async () => {
    store.mode = 'down';
    const answer = await bed.command(maria, { command: 'rapport', subcommand: 'list' });
    expect(answer.callback.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(textOf(answer.edit)).toBe(DISCORD_SENTENCES.apology);
    expect(bed.logLines.some((line) => line.includes('Discord interaction failed'))).toBe(true);
    expect(bed.logLines.join('\n')).not.toContain('Jane Doe');
  });

  it('when autocomplete meets a slow database, then an empty list answers in time', async () => {
    store.slowDown();
    const pending = bed.autocomplete(maria, {
      command: 'rapport',
      subcommand: 'show',
      options: [{ name: 'contact', type: 3, value: 'ja', focused: true }],
    });
    await deadlines.fireNext();
    const answer = await pending;
    expect(answer.callback.body).toEqual({ type: 8, data: { choices: [] } });
  });

  it('when a button meets a database that is down, then the message is edited with an apology', async () => {
    store.mode = 'down';
    const click = await bed.click(maria, 'contact_show:00000000-0000-4000-8000-000000000000');
    expect(click.callback.body).toEqual({ type: 6 });
    expect(textOf(click.edit)).toBe(DISCORD_SENTENCES.apology);
  });
});
