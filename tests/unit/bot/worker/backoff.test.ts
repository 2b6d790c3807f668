import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, retryDelayMs } from '../../../../src/bot/worker/backoff.js';

describe('retry backoff', () => {
  it('when retries go on, then the ceiling doubles from 30 s and stops at 1 h', () => {
    const ceilings = [1, 2, 3, 4, 7, 8, 20].map((attempt) =>
      retryDelayMs(attempt, DEFAULT_BACKOFF, () => 0.999999),
    );
    expect(ceilings.map((ms) => Math.round(ms / 1000))).toEqual([30, 60, 120, 240, 1920, 3600, 3600]);
  });

  it('when jitter is drawn, then the wait stays between half the ceiling and the ceiling', () => {
    expect(retryDelayMs(1, DEFAULT_BACKOFF, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, DEFAULT_BACKOFF, () => 0.5)).toBe(22_500);
    expect(retryDelayMs(100, DEFAULT_BACKOFF, () => 0)).toBe(1_800_000);
  });
});
