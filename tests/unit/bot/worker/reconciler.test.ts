import { describe, expect, it } from 'vitest';
import { createReconciler, SINCE_MARGIN_MS } from '../../../../src/bot/worker/reconciler.js';
import type { FindSentOutcome, Notifier, Recipient } from '../../../../src/core/notifier.js';
import { virtualTime } from '../../../support/fakeNotifier.js';

const START = new Date('2026-12-01T10:00:00Z');
const SINCE = new Date('2026-12-01T09:58:00Z');

const recipient = (user: string): Recipient => ({
  personId: `p-${user}`,
  platform: 'slack',
  spaceExternalId: 'T1',
  externalUserId: user,
  dmChannelId: `D${user}`,
});

/** A Slack-like notifier whose DM histories hold `landed` keys; records each look-up. */
function historyNotifier(
  time: ReturnType<typeof virtualTime>,
  landed: Set<string>,
  answer?: (index: number) => FindSentOutcome | undefined,
) {
  const lookUps: { at: number; user: string; keys: readonly string[]; since: Date }[] = [];
  const notifier: Notifier = {
    platform: 'slack',
    send: async () => ({ status: 'sent', messageId: 'x' }),
    findSent: async (to, keys, since) => {
      lookUps.push({
        at: time.clock.now().getTime() - START.getTime(),
        user: to.externalUserId,
        keys,
        since,
      });
      const scripted = answer?.(lookUps.length - 1);
      if (scripted) return scripted;
      const found = new Map(keys.filter((k) => landed.has(k)).map((k) => [k, `ts-${k}`] as const));
      return { status: 'checked', found, complete: true };
    },
  };
  return { notifier, lookUps };
}

function setup(budget: { perMinute: number; waitMs: number; capacity?: number }) {
  const time = virtualTime(START);
  const reconciler = createReconciler({
    clock: time.clock,
    sleep: time.sleep,
    perMinute: { slack: budget.perMinute },
    waitMs: budget.waitMs,
    capacity: budget.capacity ?? 100,
  });
  return { time, reconciler };
}

const ask = (
  reconciler: ReturnType<typeof createReconciler>,
  notifier: Notifier,
  user: string,
  key: string,
) => reconciler.check({ notifier, to: recipient(user), channel: `D${user}`, key, since: SINCE });

describe('looking for an earlier delivery before sending again', () => {
  it('when the key is in the DM history, then it is found; when not, then it is absent; reading from a little before the doubt', async () => {
    const { time, reconciler } = setup({ perMinute: 60, waitMs: 60_000 });
    const { notifier, lookUps } = historyNotifier(time, new Set(['n1']));

    expect(await ask(reconciler, notifier, 'U1', 'n1')).toEqual({ status: 'found', messageId: 'ts-n1' });
    expect(await ask(reconciler, notifier, 'U2', 'n2')).toEqual({ status: 'absent' });
    expect(lookUps[0]!.since.getTime()).toBe(SINCE.getTime() - SINCE_MARGIN_MS);
  });

  it('when several nudges to one DM wait, then one look-up answers them all, and look-ups keep to the budget', async () => {
    const { time, reconciler } = setup({ perMinute: 2, waitMs: 120_000 });
    const { notifier, lookUps } = historyNotifier(time, new Set(['a2']));

    const results = await Promise.all([
      ask(reconciler, notifier, 'U1', 'a1'),
      ask(reconciler, notifier, 'U1', 'a2'),
      ask(reconciler, notifier, 'U2', 'b1'),
      ask(reconciler, notifier, 'U3', 'c1'),
    ]);

    expect(results.map((r) => r.status)).toEqual(['absent', 'found', 'absent', 'absent']);
    expect(lookUps.map((l) => [l.user, l.at])).toEqual([
      ['U1', 0],
      ['U2', 30_000],
      ['U3', 60_000],
    ]);
    expect(lookUps[0]!.keys).toEqual(['a1', 'a2']);
  });

  it('when the budget cannot reach a nudge before its deadline, then it comes back unchecked at once', async () => {
    const { time, reconciler } = setup({ perMinute: 1, waitMs: 90_000 });
    const { notifier, lookUps } = historyNotifier(time, new Set());

    const first = ask(reconciler, notifier, 'U1', 'a');
    const second = ask(reconciler, notifier, 'U2', 'b');
    const third = ask(reconciler, notifier, 'U3', 'c');

    // Its turn would come after two reads: when a look could be made is said, for a later try.
    expect(await third).toEqual({
      status: 'unchecked',
      reason: 'no look-up possible in time',
      lookAgainAt: START.getTime() + 120_000,
    });
    expect(await first).toEqual({ status: 'absent' });
    expect(await second).toEqual({ status: 'absent' });
    expect(lookUps.map((l) => l.at)).toEqual([0, 60_000]);
  });

  it('when the platform answers 429, then nothing is read before its Retry-After, and what cannot wait that long goes unchecked', async () => {
    const { time, reconciler } = setup({ perMinute: 60, waitMs: 30_000 });
    const { notifier, lookUps } = historyNotifier(time, new Set(['b']), (index) =>
      index === 0 ? { status: 'rate_limited', retryAfterMs: 20_000 } : undefined,
    );

    const first = ask(reconciler, notifier, 'U1', 'a');
    const second = ask(reconciler, notifier, 'U2', 'b');

    expect(await first).toEqual({ status: 'absent' });
    // Its turn would come at 21 s, after the first one's retry: inside its 30 s it is read.
    expect(await second).toEqual({ status: 'found', messageId: 'ts-b' });
    expect(lookUps.map((l) => l.at)).toEqual([0, 20_000, 21_000]);

    const late = setup({ perMinute: 60, waitMs: 10_000 });
    const slow = historyNotifier(late.time, new Set(), (index) =>
      index === 0 ? { status: 'rate_limited', retryAfterMs: 60_000 } : undefined,
    );
    expect(await ask(late.reconciler, slow.notifier, 'U1', 'a')).toEqual({
      status: 'unchecked',
      reason: 'no look-up possible in time',
      lookAgainAt: START.getTime() + 60_000,
    });
    expect(slow.lookUps).toHaveLength(1);
  });

  it('when the queue is full, the history runs past one page, or the look-up fails, then the nudge comes back unchecked', async () => {
    const { time, reconciler } = setup({ perMinute: 60, waitMs: 600_000, capacity: 1 });
    const { notifier } = historyNotifier(time, new Set(), (index) =>
      index === 0
        ? { status: 'checked', found: new Map(), complete: false }
        : { status: 'failed', error: 'channel_not_found' },
    );

    const first = ask(reconciler, notifier, 'U1', 'a');
    expect(await ask(reconciler, notifier, 'U2', 'b')).toEqual({
      status: 'unchecked',
      reason: 'too many look-ups waiting',
      lookAgainAt: START.getTime() + 1_000,
    });
    expect(await first).toMatchObject({
      status: 'unchecked',
      reason: expect.stringMatching(/longer than one/),
    });
    expect(await ask(reconciler, notifier, 'U3', 'c')).toEqual({
      status: 'unchecked',
      reason: 'the look-up failed: channel_not_found',
    });
  });

  it('when the platform cannot look (Discord de-duplicates by nonce), then nothing is read', async () => {
    const { reconciler } = setup({ perMinute: 60, waitMs: 60_000 });
    const discord: Notifier = { platform: 'discord', send: async () => ({ status: 'sent', messageId: 'x' }) };

    expect(await ask(reconciler, discord, 'U1', 'a')).toMatchObject({ status: 'unchecked' });
  });
});
