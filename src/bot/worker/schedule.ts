/**
 * The worker as main.ts starts it: node-cron runs a pass every minute (never two at once), plus
 * one at start so what was missed while the bot was down goes out right away. `stop` ends the
 * schedule, tells the pass in flight to take no new work, and waits for it. It is ready while its
 * last pass finished less than three minutes ago (the first one gets as long from the start).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../../core/clock.js';
import type { Platform } from '../../core/domain.js';
import type { ChannelDirectory, Notifier } from '../../core/notifier.js';
import type { Db } from '../../db/engine.js';
import type { Adapter } from '../adapter.js';
import { systemClock } from '../clock.js';
import type { Outbox } from './outboxPort.js';
import { createPacer, type Sleep } from './pacing.js';
import {
  DEFAULT_WORKER_OPTIONS,
  PassError,
  type PassStep,
  type PassSummary,
  reconcileBudget,
  runPass,
  type WorkerLogger,
  type WorkerOptions,
} from './pass.js';
import { createReconciler } from './reconciler.js';

export interface WorkerScheduleOptions {
  db: Db;
  /** The nudge outbox on the same database. */
  outbox: Outbox;
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
  /** Told of every pass that ended (the bot counts them for /metrics). */
  onPass?: (pass: FinishedPass) => void;
}

/** A pass that ended: what it did (null when it failed before doing anything), how, and when. */
export interface FinishedPass {
  summary: PassSummary | null;
  /** False when a step failed or the pass could not run. */
  ok: boolean;
  /** How long it took, in milliseconds. */
  ms: number;
  /** When it ended, by the worker's clock. */
  at: Date;
}

/** The worker is not ready once its last pass is older than this (PRODUCT.md, "Operating it"). */
export const STALE_PASS_MS = 3 * 60_000;

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
  // One pacer for the life of the worker: a pause a platform asked for outlives the pass. The
  // look-ups' budget likewise.
  const pacer = createPacer({ clock, sleep, limits: options.rateLimits });
  const reconciler = createReconciler({
    ...reconcileBudget(options),
    clock,
    sleep,
    signal: stopping.signal,
  });
  let task: ScheduledTask | null = null;
  let inFlight: Promise<PassSummary | null> | null = null;
  /** When the last pass ended, or when the schedule started while none has yet. */
  let freshSince: Date | null = null;

  const finished = (summary: PassSummary | null, ok: boolean, startedMs: number): void => {
    freshSince = clock.now();
    input.onPass?.({ summary, ok, ms: performance.now() - startedMs, at: freshSince });
  };

  const runNow = (): Promise<PassSummary | null> => {
    if (stopping.signal.aborted) return Promise.resolve(null);
    const startedMs = performance.now();
    inFlight ??= runPass({
      db: input.db,
      outbox: input.outbox,
      clock,
      notifiers: input.notifiers,
      ...(input.channels ? { channels: input.channels } : {}),
      logger,
      options,
      sleep,
      pacer,
      reconciler,
      signal: stopping.signal,
      ...(input.steps ? { steps: input.steps } : {}),
    })
      .then(
        (summary) => {
          finished(summary, true, startedMs);
          return summary;
        },
        (error: unknown): null => {
          logger.error(
            { err: error, workerId: options.workerId },
            'Worker pass failed; the next one tries again',
          );
          finished(error instanceof PassError ? error.summary : null, false, startedMs);
          return null;
        },
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return {
    name: 'worker',
    runNow,
    ready: () =>
      freshSince !== null &&
      !stopping.signal.aborted &&
      clock.now().getTime() - freshSince.getTime() <= STALE_PASS_MS,
    async start() {
      freshSince = clock.now();
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
