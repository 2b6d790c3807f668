import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../../src/bot/worker/pacing.js';
import { virtualTime } from '../../../support/fakeNotifier.js';

const START = new Date('2026-12-01T10:00:00Z');

function setup(limit: { perChannelIntervalMs: number; perSecond: number; burst: number }) {
  const time = virtualTime(START);
  const pacer = createPacer({ clock: time.clock, sleep: time.sleep, limits: { slack: limit } });
  const sent: number[] = [];
  const take = async (channel: string, maxWaitMs = 60_000) => {
    const ok = await pacer.acquire('slack', channel, maxWaitMs);
    if (ok) sent.push(time.clock.now().getTime() - START.getTime());
    return ok;
  };
  return { time, pacer, sent, take };
}

describe('pacing', () => {
  it('when messages go to many channels, then they are spaced by the platform rate', async () => {
    const { sent, take } = setup({ perChannelIntervalMs: 0, perSecond: 5, burst: 1 });

    for (let i = 0; i < 6; i += 1) await take(`C${i}`);

    // 200 ms apart, less the few milliseconds allowed for a timer that fires late.
    expect(sent).toEqual([0, 195, 395, 595, 795, 995]);
  });

  it('when timers fire a little late, then the rate does not drift', async () => {
    const time = virtualTime(START);
    const late = (ms: number) => time.sleep(ms + 3);
    const pacer = createPacer({
      clock: time.clock,
      sleep: late,
      limits: { slack: { perChannelIntervalMs: 0, perSecond: 5, burst: 1 } },
    });
    const sent: number[] = [];

    for (let i = 0; i < 5; i += 1) {
      await pacer.acquire('slack', `C${i}`, 60_000);
      sent.push(time.clock.now().getTime() - START.getTime());
    }

    // Still one every 200 ms: the 3 ms of lateness is absorbed, not added up.
    expect(sent).toEqual([0, 198, 398, 598, 798]);
  });

  it('when a burst is allowed, then that many go at once and the rest are spaced', async () => {
    const { sent, take } = setup({ perChannelIntervalMs: 0, perSecond: 10, burst: 3 });

    for (let i = 0; i < 5; i += 1) await take(`C${i}`);

    expect(sent.slice(0, 3)).toEqual([0, 0, 0]);
    expect(sent[3]).toBeGreaterThanOrEqual(95);
  });

  it('when messages go to one channel, then they are a channel interval apart', async () => {
    const { sent, take } = setup({
      perChannelIntervalMs: 1100,
      perSecond: Number.POSITIVE_INFINITY,
      burst: 1,
    });

    await take('D1');
    await take('D1');
    await take('D2');
    await take('D1');

    expect(sent).toEqual([0, 1100, 1100, 2200]);
  });

  it('when several senders wait at once, then no two take the same slot', async () => {
    const { sent, take } = setup({ perChannelIntervalMs: 0, perSecond: 4, burst: 1 });

    await Promise.all(Array.from({ length: 8 }, (_, i) => take(`C${i}`)));

    const sorted = [...sent].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i += 1)
      expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(245);
  });

  it('when the platform asked to wait, then nothing goes before the pause ends', async () => {
    const { pacer, sent, take } = setup({ perChannelIntervalMs: 0, perSecond: 100, burst: 1 });

    await take('C1');
    pacer.pause('slack', START.getTime() + 30_000);
    expect(pacer.pausedUntil('slack')).toBe(START.getTime() + 30_000);
    await take('C2');

    expect(sent).toEqual([0, 30_000]);
    expect(pacer.pausedUntil('slack')).toBe(0);
  });

  it('when the wait would be longer than the caller holds on, then nothing is taken', async () => {
    const { pacer, sent, take } = setup({ perChannelIntervalMs: 0, perSecond: 100, burst: 1 });

    pacer.pause('slack', START.getTime() + 60_000);

    expect(await take('C1', 10_000)).toBe(false);
    expect(sent).toEqual([]);
    expect(pacer.readyAt('slack', 'C1')).toBe(START.getTime() + 60_000);
  });

  it('when the caller stops while waiting, then acquire gives up', async () => {
    const { pacer } = setup({ perChannelIntervalMs: 0, perSecond: 1, burst: 1 });
    const stop = new AbortController();
    await pacer.acquire('slack', 'C1', 60_000);

    const waiting = pacer.acquire('slack', 'C2', 60_000, stop.signal);
    stop.abort();

    expect(await waiting).toBe(false);
  });

  it('when a platform has no limit, then nothing waits', async () => {
    const time = virtualTime(START);
    const pacer = createPacer({ clock: time.clock, sleep: time.sleep });

    for (let i = 0; i < 100; i += 1) await pacer.acquire('console', 'C', 0);

    expect(time.sleeps).toEqual([]);
  });
});
