/**
 * The part of the configuration for the worker (RAPPORT_WORKER_* and Slack's history budget):
 * parsed with the rest in config.ts, kept here so that file stays about one idea. Every field is
 * optional; the worker's defaults (src/bot/worker/workerSettings.ts) apply when one is absent.
 */
import { z } from 'zod';
import { positiveNumber } from './configFields.js';

/** How the worker runs; every field is optional and the worker's defaults apply when absent. */
export interface WorkerConfig {
  /**
   * Added to the system clock for what the worker takes as due (RAPPORT_WORKER_CLOCK_OFFSET_MS,
   * may be negative): to try clock skew. Leases ignore it; they run on the database's clock.
   */
  clockOffsetMs: number;
  /** How long a claim holds before another worker may take it over (RAPPORT_WORKER_LEASE_SECONDS). */
  leaseSeconds?: number;
  /** Seconds between passes (RAPPORT_WORKER_INTERVAL_SECONDS, 1 to 60; default a minute). */
  intervalSeconds?: number;
  /**
   * Messages per second each worker sends on each platform (RAPPORT_WORKER_SEND_RATE): for load
   * tests against the loopback fakes; the defaults keep under the platforms' published limits.
   */
  sendRate?: number;
  /**
   * Slack conversations.history calls a minute the worker may make to look for a nudge that may
   * have landed (SLACK_HISTORY_CALLS_PER_MINUTE): 1 for a commercially distributed app outside
   * the Marketplace (the default), about 50 for an internal or Marketplace app.
   */
  slackHistoryPerMinute?: number;
}

export const WORKER_VARIABLES = [
  'SLACK_HISTORY_CALLS_PER_MINUTE',
  'RAPPORT_WORKER_CLOCK_OFFSET_MS',
  'RAPPORT_WORKER_LEASE_SECONDS',
  'RAPPORT_WORKER_INTERVAL_SECONDS',
  'RAPPORT_WORKER_SEND_RATE',
] as const;

export const workerFields = {
  SLACK_HISTORY_CALLS_PER_MINUTE: positiveNumber(
    'SLACK_HISTORY_CALLS_PER_MINUTE must be a number above 0, such as 1 or 50.',
  ).optional(),
  RAPPORT_WORKER_CLOCK_OFFSET_MS: z
    .string()
    .regex(/^[+-]?\d{1,12}$/, {
      error:
        'RAPPORT_WORKER_CLOCK_OFFSET_MS must be a whole number of milliseconds, such as 600000 or -600000.',
    })
    .transform(Number)
    .optional(),
  RAPPORT_WORKER_LEASE_SECONDS: z
    .string()
    .regex(/^\d{1,6}$/, {
      error: 'RAPPORT_WORKER_LEASE_SECONDS must be a whole number of seconds from 2 up.',
    })
    .transform(Number)
    .refine((seconds) => seconds >= 2, {
      error: 'RAPPORT_WORKER_LEASE_SECONDS must be a whole number of seconds from 2 up.',
    })
    .optional(),
  RAPPORT_WORKER_INTERVAL_SECONDS: z
    .string()
    .regex(/^\d{1,2}$/, { error: 'RAPPORT_WORKER_INTERVAL_SECONDS must be a whole number from 1 to 60.' })
    .transform(Number)
    .refine((seconds) => seconds >= 1 && seconds <= 60, {
      error: 'RAPPORT_WORKER_INTERVAL_SECONDS must be a whole number from 1 to 60.',
    })
    .optional(),
  RAPPORT_WORKER_SEND_RATE: positiveNumber(
    'RAPPORT_WORKER_SEND_RATE must be a number of messages per second above 0, such as 5.',
  ).optional(),
};

type WorkerValues = { [K in (typeof WORKER_VARIABLES)[number]]?: number | undefined };

/** The worker's settings; the ones left unset stay absent. */
export function workerConfig(values: WorkerValues): WorkerConfig {
  return {
    clockOffsetMs: values.RAPPORT_WORKER_CLOCK_OFFSET_MS ?? 0,
    ...(values.RAPPORT_WORKER_LEASE_SECONDS ? { leaseSeconds: values.RAPPORT_WORKER_LEASE_SECONDS } : {}),
    ...(values.RAPPORT_WORKER_INTERVAL_SECONDS
      ? { intervalSeconds: values.RAPPORT_WORKER_INTERVAL_SECONDS }
      : {}),
    ...(values.RAPPORT_WORKER_SEND_RATE ? { sendRate: values.RAPPORT_WORKER_SEND_RATE } : {}),
    ...(values.SLACK_HISTORY_CALLS_PER_MINUTE
      ? { slackHistoryPerMinute: values.SLACK_HISTORY_CALLS_PER_MINUTE }
      : {}),
  };
}
