/**
 * Pacing: how fast the worker may send on each platform, so that it provokes no 429 in the first
 * place, and stops sending altogether while a platform has told it to wait.
 *
 * Per platform, a GCRA token bucket (the "generic cell rate algorithm": one theoretical arrival
 * time instead of a token count) spaces messages `1000 / perSecond` ms apart, with `burst`
 * messages allowed back to back; per channel (a DM is a channel), a minimum interval. Waiting
 * goes through the injected `sleep` and time through the injected clock, so tests run without
 * real time.
 */

import type { Clock } from '../../core/clock.js';
import type { Platform } from '../../core/domain.js';

/** Waits `ms` milliseconds (real, or simulated in tests). */
export type Sleep = (ms: number) => Promise<void>;

/** How fast one platform may be sent to. */
export interface RateLimit {
  /** Least time between two messages to the same channel (a DM is a channel); 0 for none. */
  perChannelIntervalMs: number;
  /** Messages per second across the platform; `Infinity` for no limit. */
  perSecond: number;
  /** Messages that may go back to back after a quiet spell (at least 1). */
  burst: number;
  /**
   * How late a send may start without the time being lost for good (a timer that fired late, a
   * busy event loop); it also lets two sends come that much closer together, so keep
   * `perSecond * (1 + slackMs / 1000)` under the platform's limit. Default: 5 ms, at most a
   * quarter of the interval.
   */
  slackMs?: number;
}

/**
 * What we send at, a little under what the platforms allow: a timer that fires late, or two
 * requests that arrive closer together than they left, must not cost a 429.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<Platform, RateLimit>> = Object.freeze({
  // chat.postMessage: about 1 message per second per channel, and "several hundred per minute"
  // per workspace; 300 a minute is the low end of that.
  slack: { perChannelIntervalMs: 1100, perSecond: 5, burst: 1 },
  // 50 requests per second per bot, shared with the interactions the bot answers and the
  // requests that open DM channels: messages take under half of it.
  discord: { perChannelIntervalMs: 1100, perSecond: 20, burst: 1 },
  console: { perChannelIntervalMs: 0, perSecond: Number.POSITIVE_INFINITY, burst: 1 },
});

export interface Pacer {
  /**
   * Waits until a message may go to `channel` on `platform`, then takes that slot. Returns false,
   * taking nothing, when the wait would be longer than `maxWaitMs` (the caller puts the message
   * back for later rather than holding it), and when `signal` aborts while it waits.
   */
  acquire(platform: Platform, channel: string, maxWaitMs: number, signal?: AbortSignal): Promise<boolean>;
  /** The earliest time (epoch ms) a message could go to `channel` on `platform`. */
  readyAt(platform: Platform, channel: string): number;
  /** Sends nothing on `platform` before `untilMs` (epoch ms): a 429's Retry-After. */
  pause(platform: Platform, untilMs: number): void;
  /** Until when (epoch ms) the platform is paused; 0 when it is not. */
  pausedUntil(platform: Platform): number;
}

export interface PacerOptions {
  clock: Clock;
  sleep: Sleep;
  limits?: Partial<Record<Platform, RateLimit>>;
}

/** Channels remembered per platform before the ones whose interval has passed are forgotten. */
const CHANNEL_MEMORY = 1000;

class PlatformPace {
  /** GCRA's theoretical arrival time of the next message. */
  private tat = Number.NEGATIVE_INFINITY;
  private readonly interval: number;
  /** How far ahead of `tat` a message may go: the burst, plus slack for timers that fire late. */
  private readonly tolerance: number;
  private readonly channelNext = new Map<string, number>();
  paused = 0;

  constructor(private readonly limit: RateLimit) {
    const unlimited = !Number.isFinite(limit.perSecond) || limit.perSecond <= 0;
    this.interval = unlimited ? 0 : 1000 / limit.perSecond;
    this.tolerance =
      (Math.max(1, limit.burst) - 1) * this.interval + Math.min(limit.slackMs ?? 5, this.interval / 4);
  }

  earliest(channel: string, now: number): number {
    return Math.max(now, this.paused, this.channelNext.get(channel) ?? 0, this.tat - this.tolerance);
  }

  take(channel: string, now: number): void {
    this.tat = Math.max(this.tat, now) + this.interval;
    if (this.limit.perChannelIntervalMs <= 0) return;
    if (this.channelNext.size >= CHANNEL_MEMORY) {
      for (const [key, next] of this.channelNext) if (next <= now) this.channelNext.delete(key);
    }
    this.channelNext.set(channel, now + this.limit.perChannelIntervalMs);
  }
}

export function createPacer(options: PacerOptions): Pacer {
  const { clock, sleep } = options;
  const paces = new Map<Platform, PlatformPace>();
  const paceOf = (platform: Platform): PlatformPace => {
    let pace = paces.get(platform);
    if (!pace) {
      pace = new PlatformPace(options.limits?.[platform] ?? DEFAULT_RATE_LIMITS[platform]);
      paces.set(platform, pace);
    }
    return pace;
  };
  const nowMs = () => clock.now().getTime();

  return {
    async acquire(platform, channel, maxWaitMs, signal) {
      const pace = paceOf(platform);
      const deadline = nowMs() + maxWaitMs;
      for (;;) {
        if (signal?.aborted) return false;
        const now = nowMs();
        const at = pace.earliest(channel, now);
        if (at <= now) {
          pace.take(channel, now);
          return true;
        }
        if (at > deadline) return false;
        // Another sender may take the slot first, or a 429 may move it: look again after waking.
        await sleep(at - now);
      }
    },
    readyAt: (platform, channel) => paceOf(platform).earliest(channel, nowMs()),
    pause(platform, untilMs) {
      const pace = paceOf(platform);
      pace.paused = Math.max(pace.paused, untilMs);
    },
    pausedUntil: (platform) => {
      const paused = paceOf(platform).paused;
      return paused > nowMs() ? paused : 0;
    },
  };
}
