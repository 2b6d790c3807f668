/**
 * The series `GET /metrics` serves (PRODUCT.md, "Operating it"), in one prom-client Registry per
 * process: the process's own metrics, commands, nudges and digests, the outbox, 429s and the
 * worker's passes. Every label comes from a small fixed set (platforms, command names, outcomes);
 * a value outside its set is counted as `other`, so no id or typed text can become a series.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { COMMAND_OUTCOMES, type CommandEvent, type CommandObserver } from '../../core/commandObserver.js';
import { PLATFORMS, type Platform } from '../../core/domain.js';
import type { Notifier, SendOutcome } from '../../core/notifier.js';
import type { OutboxBacklog } from '../../db/outboxBacklog.js';
import { realWait, settle, within } from '../discord/deadline.js';
import type { PassSummary } from '../worker/pass.js';
import type { FinishedPass } from '../worker/schedule.js';

export interface RapportMetrics {
  readonly registry: Registry;
  /** For the Rapport facade's `observer`: counts and times every command. */
  readonly commands: CommandObserver;
  /** For the worker schedule's `onPass`: nudges, digests, pass duration and time. */
  recordPass(pass: FinishedPass): void;
  /** The same Notifiers, each 429 (a `rate_limited` outcome) counted by platform. */
  countRateLimits(notifiers: ReadonlyMap<Platform, Notifier>): Map<Platform, Notifier>;
  /**
   * Adds the outbox gauges, computed when scraped by one call of `backlog` bounded by `timeoutMs`
   * (a scrape never waits on a slow database; the gauges read NaN then).
   */
  watchOutbox(backlog: () => Promise<OutboxBacklog>, timeoutMs?: number): void;
}

export interface MetricsOptions {
  /** The command names core may report (its command list); anything else is counted as `other`. */
  commandNames: readonly string[];
  /** A monotonic clock in milliseconds (tests pass their own). */
  monotonicMs?: () => number;
  /** Process metrics (CPU, memory, event loop); off only where a test makes many registries. */
  processMetrics?: boolean;
}

/** Labels core uses besides command names: a button click, the App Home view, no match. */
const OTHER_COMMAND_LABELS = ['button', 'home', 'unknown'] as const;

const NUDGE_OUTCOMES = [
  'sent',
  'deferred',
  'cancelled',
  'failed',
  'retried',
  'no_notifier',
  'lease_lost',
] as const;

/** Slack wants an answer in 3 s; the buckets resolve the part of the range that matters. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const PASS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

function bounded<T extends string>(allowed: ReadonlySet<string>, value: string): T | 'other' {
  return allowed.has(value) ? (value as T) : 'other';
}

/** Nudges by outcome from one pass's summary (`no_notifier` summed over platforms). */
function nudgeCounts(summary: PassSummary): Record<(typeof NUDGE_OUTCOMES)[number], number> {
  return {
    sent: summary.sent,
    deferred: summary.deferred,
    cancelled: summary.cancelled,
    failed: summary.failed,
    retried: summary.retried,
    no_notifier: Object.values(summary.noNotifier).reduce((sum, n) => sum + (n ?? 0), 0),
    lease_lost: summary.leaseLost,
  };
}

export function createRapportMetrics(options: MetricsOptions): RapportMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  const platforms = new Set<string>(PLATFORMS);
  const commandNames = new Set<string>([...options.commandNames, ...OTHER_COMMAND_LABELS]);
  const outcomes = new Set<string>(COMMAND_OUTCOMES);

  const commandsTotal = new Counter({
    name: 'rapport_commands_total',
    help: 'Commands dispatched, by platform, command and outcome.',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [registry],
  });
  const commandSeconds = new Histogram({
    name: 'rapport_command_duration_seconds',
    help: 'From dispatch to the reply, by platform and command.',
    labelNames: ['platform', 'command'] as const,
    buckets: COMMAND_BUCKETS,
    registers: [registry],
  });
  const nudgesTotal = new Counter({
    name: 'rapport_nudges_total',
    help: 'Nudges the worker handled, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const digestsTotal = new Counter({
    name: 'rapport_digests_total',
    help: 'Weekly digests the worker handled, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'rapport_rate_limited_total',
    help: 'Sends a platform refused with 429 (rate limited), by platform.',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const passSeconds = new Histogram({
    name: 'rapport_worker_pass_duration_seconds',
    help: 'How long a worker pass took, by whether every step succeeded.',
    labelNames: ['outcome'] as const,
    buckets: PASS_BUCKETS,
    registers: [registry],
  });
  const lastPass = new Gauge({
    name: 'rapport_worker_last_pass_timestamp_seconds',
    help: 'When the last worker pass ended (Unix time).',
    registers: [registry],
  });

  const commands: CommandObserver = {
    monotonicMs,
    onCommand(event: CommandEvent) {
      const platform = bounded<Platform>(platforms, event.platform);
      const command = bounded<string>(commandNames, event.command);
      const outcome = bounded<string>(outcomes, event.outcome);
      commandsTotal.inc({ platform, command, outcome });
      commandSeconds.observe({ platform, command }, Math.max(0, event.ms) / 1000);
    },
  };

  const recordPass = (pass: FinishedPass): void => {
    passSeconds.observe({ outcome: pass.ok ? 'ok' : 'failed' }, pass.ms / 1000);
    lastPass.set(pass.at.getTime() / 1000);
    if (!pass.summary) return;
    for (const [outcome, n] of Object.entries(nudgeCounts(pass.summary)))
      if (n > 0) nudgesTotal.inc({ outcome }, n);
    for (const [outcome, n] of Object.entries(pass.summary.digests))
      if (n > 0) digestsTotal.inc({ outcome }, n);
  };

  const countRateLimits = (notifiers: ReadonlyMap<Platform, Notifier>): Map<Platform, Notifier> => {
    const counted = (platform: Platform, outcome: SendOutcome): SendOutcome => {
      if (outcome.status === 'rate_limited') rateLimited.inc({ platform: bounded(platforms, platform) });
      return outcome;
    };
    return new Map(
      [...notifiers].map(([platform, notifier]) => {
        // Only the sends are counted; every other capability passes through unchanged (a
        // wrapper that dropped `findSent` once turned off the look for in-doubt sends).
        const wrapped: Notifier = {
          platform: notifier.platform,
          ...(notifier.findSent ? { findSent: notifier.findSent.bind(notifier) } : {}),
          ...(notifier.dedupeWindowMs === undefined ? {} : { dedupeWindowMs: notifier.dedupeWindowMs }),
          send: async (to, message, key) => counted(platform, await notifier.send(to, message, key)),
          ...(notifier.postToChannel
            ? {
                postToChannel: async (to, message, key) =>
                  counted(platform, await notifier.postToChannel!(to, message, key)),
              }
            : {}),
        };
        return [platform, wrapped];
      }),
    );
  };

  const watchOutbox = (backlog: () => Promise<OutboxBacklog>, timeoutMs = 1000): void => {
    // One query at a time: both gauges of a scrape share it, and a query still running from an
    // earlier scrape (a slow database) is waited on again rather than doubled.
    let running: Promise<OutboxBacklog> | null = null;
    const sample = async (): Promise<OutboxBacklog | null> => {
      running ??= backlog().finally(() => {
        running = null;
      });
      const outcome = await within(settle(running), timeoutMs, realWait);
      return outcome !== 'late' && outcome.ok ? outcome.value : null;
    };
    const gauges: [name: string, help: string, read: (backlog: OutboxBacklog) => number][] = [
      ['rapport_outbox_depth', 'Pending nudges already due.', (b) => b.due],
      [
        'rapport_outbox_oldest_due_age_seconds',
        'How long the oldest due nudge has waited; 0 when none is due.',
        (b) => b.oldestDueAgeSeconds,
      ],
    ];
    for (const [name, help, read] of gauges) {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          const backlog = await sample();
          this.set(backlog ? read(backlog) : Number.NaN);
        },
      });
    }
  };

  return { registry, commands, recordPass, countRateLimits, watchOutbox };
}
