/**
 * One worker pass: everything due, once. A pass is a list of steps run in order (the nudges
 * today; the weekly digest joins as another `PassStep`), sharing one context and one summary.
 */

import type { Clock } from '../../core/clock.js';
import type { Platform } from '../../core/domain.js';
import type { ChannelDirectory, Notifier } from '../../core/notifier.js';
import type { Store } from '../../core/store.js';
import type { Db } from '../../db/engine.js';
import { createStore } from '../../db/store.js';
import { digestStep } from '../digest/digestStep.js';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.js';
import { housekeepingStep } from './housekeepingStep.js';
import { mentorReminderStep } from './mentorReminderStep.js';
import { nudgeStep } from './nudgeStep.js';
import type { Outbox } from './outboxPort.js';
import { createPacer, type Pacer, type RateLimit, type Sleep } from './pacing.js';
import { createReconciler, type ReconcileBudget, type Reconciler } from './reconciler.js';
import { retentionStep } from './retentionStep.js';

/** The few logger methods the worker uses (pino's Logger has them). */
export interface WorkerLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WorkerOptions {
  /** Names this worker in logs. */
  workerId: string;
  /** Most nudges claimed at once, and most held in memory waiting for their slot. */
  batchSize: number;
  /** Sends in flight at once (across platforms and channels). */
  concurrency: number;
  /** How long a claim holds; longer than `sendTimeoutMs`, so a live worker never loses one mid-send. */
  leaseMs: number;
  /** Longest wait for one send before it counts as a transient failure. */
  sendTimeoutMs: number;
  /** Delivery attempts before a nudge that keeps failing transiently is given up. */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Longest a claimed nudge waits for its pacing slot; past that it goes back to the outbox. */
  maxHoldMs: number;
  /** When a nudge nobody can deliver (no notifier for the person's platform) is looked at again. */
  noNotifierRetryMs: number;
  /** Overrides of the pacing defaults, per platform. */
  rateLimits: Partial<Record<Platform, RateLimit>>;
  /**
   * Looking for an earlier send in the DM before sending again (see reconciler.ts). Slack's
   * default is the limit of a commercially distributed app outside the Marketplace: one a minute.
   */
  reconcile: ReconcileBudget;
  /**
   * How long the data of an uninstalled workspace or a deactivated person is kept before the
   * worker deletes it (RAPPORT_RETENTION_DAYS, default 30 days).
   */
  retentionMs: number;
}

export const DEFAULT_WORKER_OPTIONS: Readonly<WorkerOptions> = Object.freeze({
  workerId: `worker-${process.pid}`,
  batchSize: 50,
  concurrency: 8,
  leaseMs: 5 * 60_000,
  sendTimeoutMs: 30_000,
  maxAttempts: 8,
  backoff: DEFAULT_BACKOFF,
  maxHoldMs: 10_000,
  noNotifierRetryMs: 15 * 60_000,
  rateLimits: {},
  reconcile: { perMinute: { slack: 1 }, waitMs: 60_000, capacity: 100, patienceMs: 30 * 60_000 },
  retentionMs: 30 * 24 * 60 * 60_000,
});

/** What a pass did. */
export interface PassSummary {
  claimed: number;
  sent: number;
  /** Put back for later without an attempt: quiet hours, a snooze, a pacing slot too far away. */
  deferred: number;
  /** Obsolete when their turn came: not sent, never will be. */
  cancelled: number;
  /** Given up: a permanent error, or too many transient ones. */
  failed: number;
  /** Put back after a rate limit or a transient error, to be tried again. */
  retried: number;
  /** Left pending because no notifier serves the person's platform, by platform. */
  noNotifier: Partial<Record<Platform, number>>;
  /** Claims another worker took over before this one settled them (a lease that ran out). */
  leaseLost: number;
  /** Weekly digests of this pass: delivered, put back for a later pass, given up for the week. */
  digests: { sent: number; retried: number; abandoned: number };
  /** Nudges in doubt found already delivered (in the DM's history): settled, not sent again. */
  reconciled: number;
  /** Nudges in doubt sent again without a look in the DM's history: each may be a duplicate. */
  unverified: number;
}

export const emptySummary = (): PassSummary => ({
  claimed: 0,
  sent: 0,
  deferred: 0,
  cancelled: 0,
  failed: 0,
  retried: 0,
  noNotifier: {},
  leaseLost: 0,
  digests: { sent: 0, retried: 0, abandoned: 0 },
  reconciled: 0,
  unverified: 0,
});

/** "sent 3, deferred 1, cancelled 0, failed 0", then whatever else is worth a word. */
export function formatSummary(summary: PassSummary): string {
  const parts = [
    `sent ${summary.sent}`,
    `deferred ${summary.deferred}`,
    `cancelled ${summary.cancelled}`,
    `failed ${summary.failed}`,
  ];
  if (summary.retried > 0) parts.push(`retried ${summary.retried}`);
  if (summary.leaseLost > 0) parts.push(`lease lost ${summary.leaseLost}`);
  if (summary.reconciled > 0) parts.push(`found already delivered ${summary.reconciled}`);
  if (summary.unverified > 0) parts.push(`re-sent unchecked ${summary.unverified} (possible duplicates)`);
  const waiting = Object.entries(summary.noNotifier).map(
    ([platform, n]) => `${n} waiting: no notifier for ${platform}`,
  );
  return waiting.length > 0 ? `${parts.join(', ')}; ${waiting.join('; ')}` : parts.join(', ');
}

/** What every step of a pass works with. */
export interface PassContext {
  db: Db;
  store: Store;
  /** The nudge outbox: claims and their settlements (the nudge step's only way to the nudges). */
  outbox: Outbox;
  clock: Clock;
  sleep: Sleep;
  /** A number in [0, 1), for jitter. */
  random: () => number;
  notifiers: ReadonlyMap<Platform, Notifier>;
  /** Looks digest channels up before a digest is posted in one; without it digests go by DM. */
  channels: ChannelDirectory | undefined;
  logger: WorkerLogger;
  pacer: Pacer;
  reconciler: Reconciler;
  options: WorkerOptions;
  summary: PassSummary;
  /** Aborted when the worker is stopping: take no new work, put back what was not sent. */
  signal: AbortSignal | undefined;
  /** Spaces found gone during this pass (`platform:externalId`): nothing more is tried there. */
  heldSpaces: Set<string>;
}

/** One kind of due work. Steps run in order; one that throws does not stop the others. */
export interface PassStep {
  readonly name: string;
  run(ctx: PassContext): Promise<void>;
}

/**
 * Every pass queues the mentors' reminders that came due, delivers due nudges, then the weekly
 * digests whose slot has come, then tidies up, then deletes what has outlived its retention window.
 */
export const DEFAULT_STEPS: readonly PassStep[] = [
  mentorReminderStep,
  nudgeStep,
  digestStep,
  housekeepingStep,
  retentionStep,
];

export interface RunPassInput {
  db: Db;
  /** The nudge outbox on the same database (`nudgeOutbox(db)` from src/db/nudgeOutbox.ts). */
  outbox: Outbox;
  /** The time a pass runs at: the system clock, or `--now` and onwards. */
  clock: Clock;
  notifiers: ReadonlyMap<Platform, Notifier>;
  channels?: ChannelDirectory;
  logger: WorkerLogger;
  options?: Partial<WorkerOptions>;
  /** Real waiting by default; tests pass one that moves their clock. */
  sleep?: Sleep;
  /** Keep one pacer across passes so rate limits and pauses carry over (the schedule does). */
  pacer?: Pacer;
  /** Likewise for the look-ups' rate budget. */
  reconciler?: Reconciler;
  steps?: readonly PassStep[];
  random?: () => number;
  signal?: AbortSignal;
}

/** A step failed; the other steps ran, and `summary` says what they did. */
export class PassError extends Error {
  override readonly name = 'PassError';
  constructor(
    readonly summary: PassSummary,
    readonly failures: { step: string; error: unknown }[],
  ) {
    super(`worker pass step ${failures.map((f) => f.step).join(', ')} failed`, { cause: failures[0]?.error });
  }
}

/** The look-up budget, with a wait that leaves the claim's lease time for the send after it. */
export function reconcileBudget(options: WorkerOptions): ReconcileBudget {
  return { ...options.reconcile, waitMs: Math.min(options.reconcile.waitMs, options.leaseMs / 2) };
}

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Runs every step once and returns what was done. Throws PassError when a step failed. */
export async function runPass(input: RunPassInput): Promise<PassSummary> {
  const options: WorkerOptions = { ...DEFAULT_WORKER_OPTIONS, ...input.options };
  const sleep = input.sleep ?? realSleep;
  const ctx: PassContext = {
    db: input.db,
    store: createStore(input.db),
    outbox: input.outbox,
    clock: input.clock,
    sleep,
    random: input.random ?? Math.random,
    notifiers: input.notifiers,
    channels: input.channels,
    logger: input.logger,
    pacer: input.pacer ?? createPacer({ clock: input.clock, sleep, limits: options.rateLimits }),
    reconciler:
      input.reconciler ??
      createReconciler({ ...reconcileBudget(options), clock: input.clock, sleep, signal: input.signal }),
    options,
    summary: emptySummary(),
    signal: input.signal,
    heldSpaces: new Set(),
  };
  const failures: { step: string; error: unknown }[] = [];
  for (const step of input.steps ?? DEFAULT_STEPS) {
    if (ctx.signal?.aborted) break;
    try {
      await step.run(ctx);
    } catch (error) {
      failures.push({ step: step.name, error });
      input.logger.error(
        { err: error, step: step.name, workerId: options.workerId },
        `Worker step ${step.name} failed`,
      );
    }
  }
  const { summary } = ctx;
  const line = formatSummary(summary);
  if (summary.claimed > 0)
    input.logger.info({ ...summary, workerId: options.workerId }, `Worker pass: ${line}`);
  else input.logger.debug({ workerId: options.workerId }, 'Worker pass: nothing due');
  if (failures.length > 0) throw new PassError(summary, failures);
  return summary;
}
