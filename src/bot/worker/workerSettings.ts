/**
 * The worker's settings from the configuration (RAPPORT_WORKER_*, SLACK_HISTORY_CALLS_PER_MINUTE),
 * for `npm run worker` and for the worker main.ts starts beside the adapters.
 */
import type { WorkerConfig } from '../../config.js';
import type { Clock } from '../../core/clock.js';
import type { Platform } from '../../core/domain.js';
import { systemClock } from '../clock.js';
import { DEFAULT_RATE_LIMITS, type RateLimit } from './pacing.js';
import { DEFAULT_WORKER_OPTIONS, type WorkerOptions } from './pass.js';
import { EVERY_MINUTE } from './schedule.js';

export interface WorkerSettings {
  /** The system clock, moved by the configured offset: what the worker takes as due. */
  clock: Clock;
  options: Partial<WorkerOptions>;
  /** node-cron expression of the passes. */
  expression: string;
}

/** A clock `offsetMs` ahead of (or, negative, behind) the system clock. */
export function offsetClock(offsetMs: number): Clock {
  return offsetMs === 0 ? systemClock : { now: () => new Date(Date.now() + offsetMs) };
}

/** RAPPORT_RETENTION_DAYS's default. */
export const DEFAULT_RETENTION_DAYS = 30;

export function workerSettings(config: WorkerConfig, retentionDays?: number): WorkerSettings {
  const options: Partial<WorkerOptions> = {};
  if (retentionDays !== undefined) options.retentionMs = retentionDays * 24 * 60 * 60 * 1000;
  if (config.leaseSeconds !== undefined) {
    options.leaseMs = config.leaseSeconds * 1000;
    // A send must end well inside its lease, or a live worker would lose its claim mid-send.
    options.sendTimeoutMs = Math.min(DEFAULT_WORKER_OPTIONS.sendTimeoutMs, options.leaseMs / 2);
  }
  if (config.sendRate !== undefined) {
    const paced = (platform: Platform): RateLimit => ({
      ...DEFAULT_RATE_LIMITS[platform],
      perSecond: config.sendRate!,
      burst: 1,
    });
    options.rateLimits = { slack: paced('slack'), discord: paced('discord') };
  }
  if (config.slackHistoryPerMinute !== undefined) {
    const { reconcile } = DEFAULT_WORKER_OPTIONS;
    options.reconcile = {
      ...reconcile,
      perMinute: { ...reconcile.perMinute, slack: config.slackHistoryPerMinute },
    };
  }
  const seconds = config.intervalSeconds;
  return {
    clock: offsetClock(config.clockOffsetMs),
    options,
    // node-cron's six-field form has seconds first.
    expression: seconds === undefined || seconds === 60 ? EVERY_MINUTE : `*/${seconds} * * * * *`,
  };
}
