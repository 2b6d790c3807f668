/**
 * The worker as main.ts starts it: node-cron runs a pass every minute (never two at once), plus
 * one at start so what was missed while the bot was down goes out right away. `stop` ends the
 * schedule, tells the pass in flight to take no new work, and waits for it.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../../core/clock.js';
import type { Platform } from '../../core/domain.js';
import type { ChannelDirectory, Notifier } from '../../core/notifier.js';
import type { Db } from '../../db/engine.js';
import type { Adapter } from '../adapter.js';
import { systemClock } from '../clock.js';
import { createPacer, type Sleep } from './pacing.js';
import {
  DEFAULT_WORKER_OPTIONS,
  type PassStep,
  type PassSummary,
  runPass,
  type WorkerLogger,
  type WorkerOptions,
} from './pass.js';

export interface WorkerScheduleOptions {
  db: Db;
  notifiers: ReadonlyMap<Platform, Notifier>;
  channels?: ChannelDirectory;
  logger: WorkerLogger;
  clock?: Clock;
  options?: Partial<WorkerOptions>;
  steps?: readonly PassStep[];
  /** node-cron expression; every minute by default. */
  expression?: string;
  /** Run a pass at start, not only at the next tick (default true). */
  runAtStart?: boolean;
  /** Real waiting by default (cut short when stopping). */
  sleep?: Sleep;
}

export interface WorkerAdapter extends Adapter {
  readonly name: 'worker';
  /** Runs a pass now, or joins the one in flight. Resolves with its summary (null when it failed). */
  runNow(): Promise<PassSummary | null>;
}

export const EVERY_MINUTE = '* * * * *';

/** A real sleep that ends early when `signal` aborts, so stopping never waits out a pacing pause. */
export function abortableSleep(signal: AbortSignal): Sleep {
  return (ms) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done, { once: true });
    });
}

export function createWorkerSchedule(input: WorkerScheduleOptions): WorkerAdapter {
  const clock = input.clock ?? systemClock;
  const options: WorkerOptions = { ...DEFAULT_WORKER_OPTIONS, ...input.options };
  const { logger } = input;
  const stopping = new AbortController();
  const sleep = input.sleep ?? abortableSleep(stopping.signal);
  // One pacer for the life of the worker: a pause a platform asked for outlives the pass.
  const pacer = createPacer({ clock, sleep, limits: options.rateLimits });
  let task: ScheduledTask | null = null;
  let inFlight: Promise<PassSummary | null> | null = null;

  const runNow = (): Promise<PassSummary | null> => {
    if (stopping.signal.aborted) return Promise.resolve(null);
    inFlight ??= runPass({
      db: input.db,
      clock,
      notifiers: input.notifiers,
      ...(input.channels ? { channels: input.channels } : {}),
      logger,
      options,
      sleep,
      pacer,
      signal: stopping.signal,
      ...(input.steps ? { steps: input.steps } : {}),
    })
      .catch((error: unknown): null => {
        logger.error(
          { err: error, workerId: options.workerId },
          'Worker pass failed; the next one tries again',
        );
        return null;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return {
    name: 'worker',
    runNow,
    async start() {
      task = cron.schedule(input.expression ?? EVERY_MINUTE, () => runNow(), {
        name: `rapport-${options.workerId}`,
        noOverlap: true,
        logger: {
          info: (message) => logger.debug({}, message),
          warn: (message) => logger.debug({}, `node-cron: ${message}`),
          error: (message) => logger.error({}, `node-cron: ${String(message)}`),
          debug: (message) => logger.debug({}, String(message)),
        },
      });
      logger.info(
        { workerId: options.workerId, expression: input.expression ?? EVERY_MINUTE },
        'Worker scheduled',
      );
      if (input.runAtStart !== false) void runNow();
    },
    async stop() {
      stopping.abort();
      if (task) {
        await task.stop();
        await task.destroy();
        task = null;
      }
      await inFlight;
    },
  };
}
