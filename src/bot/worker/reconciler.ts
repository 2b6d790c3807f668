/**
 * Before a nudge whose earlier send may have landed goes out again, the worker looks for it in the
 * person's DM (Slack has no idempotency key; every message carries its key in its metadata). Slack
 * limits history reads hard (about one a minute for commercially distributed apps outside its
 * Marketplace), so the look-ups run in the background, apart from sending: a bounded queue with
 * its own rate budget per platform. Nudges to the same DM share one look-up. A nudge whose look-up
 * cannot be made before its deadline (the budget is spent, the queue is full, the platform said
 * wait, the history was too long to read) comes back `unchecked`: the worker sends it anyway and
 * counts the risk of a duplicate.
 */

import type { Clock } from '../../core/clock.js';
import type { Platform } from '../../core/domain.js';
import type { Notifier, Recipient } from '../../core/notifier.js';
import type { Sleep } from './pacing.js';

/** What the look-up said about one nudge. */
export type Reconciliation =
  | { status: 'found'; messageId: string }
  | { status: 'absent' }
  /**
   * Not looked for. `lookAgainAt` (epoch ms) is set when only the budget stood in the way: a look
   * could be made by then, and the nudge may wait for it instead of going out unchecked.
   */
  | { status: 'unchecked'; reason: string; lookAgainAt?: number };

export interface ReconcileRequest {
  notifier: Notifier;
  to: Recipient;
  /** The DM's pacing channel (recipient.ts): nudges with the same one share a look-up. */
  channel: string;
  key: string;
  /** When the doubtful send began: the look-up reads the history from a little before. */
  since: Date;
}

export interface Reconciler {
  check(request: ReconcileRequest): Promise<Reconciliation>;
}

/** How much looking the worker may do. */
export interface ReconcileBudget {
  /** Look-ups per minute, per platform (0 or absent: none, nudges go unchecked). */
  perMinute: Partial<Record<Platform, number>>;
  /** Longest a nudge waits for its look-up before it is sent unchecked. */
  waitMs: number;
  /** Most DMs waiting for a look-up, per platform; past it, nudges go unchecked at once. */
  capacity: number;
  /**
   * How long after a doubtful send a nudge may be put back to wait for a look-up the budget does
   * not allow yet, rather than go out unchecked: past it, lateness costs more than a duplicate.
   * 0: never wait, send unchecked at once.
   */
  patienceMs: number;
}

export interface ReconcilerOptions extends Omit<ReconcileBudget, 'patienceMs'> {
  clock: Clock;
  sleep: Sleep;
  /** Aborted when the worker stops: whatever waits comes back unchecked (and is not sent). */
  signal?: AbortSignal;
}

/** Messages a little older than the doubtful send are read too: Slack's clock is not ours. */
export const SINCE_MARGIN_MS = 2 * 60_000;

interface Waiter {
  key: string;
  deadline: number;
  resolve: (result: Reconciliation) => void;
}

interface Group {
  notifier: Notifier;
  to: Recipient;
  channel: string;
  since: number;
  waiters: Waiter[];
}

export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { clock, sleep } = options;
  const queues = new Map<Platform, Group[]>();
  const nextAt = new Map<Platform, number>();
  const pumping = new Set<Platform>();
  const nowMs = () => clock.now().getTime();
  const intervalOf = (platform: Platform) => 60_000 / (options.perMinute[platform] ?? 0);

  const giveUp = (waiters: readonly Waiter[], reason: string, lookAgainAt?: number) => {
    const result: Reconciliation = { status: 'unchecked', reason, ...(lookAgainAt ? { lookAgainAt } : {}) };
    for (const waiter of waiters) waiter.resolve(result);
  };

  /** Drops the waiters whose deadline comes before their group's turn. */
  const expire = (platform: Platform, queue: Group[], firstAt: number) => {
    const interval = intervalOf(platform);
    queue.forEach((group, index) => {
      const turn = firstAt + index * interval;
      giveUp(
        group.waiters.filter((w) => w.deadline < turn),
        'no look-up possible in time',
        turn,
      );
      group.waiters = group.waiters.filter((w) => w.deadline >= turn);
    });
    const kept = queue.filter((group) => group.waiters.length > 0);
    queue.splice(0, queue.length, ...kept);
  };

  const lookUp = async (platform: Platform, group: Group): Promise<void> => {
    const keys = [...new Set(group.waiters.map((w) => w.key))];
    let outcome: Awaited<ReturnType<NonNullable<Notifier['findSent']>>>;
    try {
      outcome = await group.notifier.findSent!(group.to, keys, new Date(group.since - SINCE_MARGIN_MS));
    } catch (error) {
      outcome = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.status === 'rate_limited') {
      nextAt.set(platform, nowMs() + Math.max(outcome.retryAfterMs, intervalOf(platform)));
      queues.get(platform)!.unshift(group);
      return;
    }
    if (outcome.status === 'failed') {
      giveUp(group.waiters, `the look-up failed: ${outcome.error}`);
      return;
    }
    for (const waiter of group.waiters) {
      const messageId = outcome.found.get(waiter.key);
      if (messageId !== undefined) waiter.resolve({ status: 'found', messageId });
      else if (outcome.complete) waiter.resolve({ status: 'absent' });
      else waiter.resolve({ status: 'unchecked', reason: 'the history was longer than one look could read' });
    }
  };

  const pump = async (platform: Platform): Promise<void> => {
    if (pumping.has(platform)) return;
    pumping.add(platform);
    const queue = queues.get(platform)!;
    try {
      // Let the nudges asked for in the same turn (a claimed batch) join their DM's look-up.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.length > 0) {
        if (options.signal?.aborted) {
          giveUp(
            queue.splice(0).flatMap((g) => g.waiters),
            'the worker is stopping',
          );
          return;
        }
        const now = nowMs();
        const at = Math.max(now, nextAt.get(platform) ?? 0);
        expire(platform, queue, at);
        if (queue.length === 0) return;
        if (at > now) {
          await sleep(at - now);
          continue;
        }
        nextAt.set(platform, now + intervalOf(platform));
        await lookUp(platform, queue.shift()!);
      }
    } finally {
      pumping.delete(platform);
    }
  };

  return {
    check(request) {
      const { notifier, channel } = request;
      const platform = notifier.platform;
      const perMinute = options.perMinute[platform] ?? 0;
      if (!notifier.findSent || !(perMinute > 0)) {
        return Promise.resolve({ status: 'unchecked', reason: `${platform} history is not read` });
      }
      const now = nowMs();
      const deadline = now + options.waitMs;
      const queue = queues.get(platform) ?? [];
      queues.set(platform, queue);
      let group = queue.find((g) => g.channel === channel);
      if (group) {
        group.since = Math.min(group.since, request.since.getTime());
      } else {
        const turn = Math.max(now, nextAt.get(platform) ?? 0) + queue.length * intervalOf(platform);
        if (queue.length >= options.capacity) {
          return Promise.resolve({
            status: 'unchecked',
            reason: 'too many look-ups waiting',
            lookAgainAt: turn,
          });
        }
        if (turn > deadline) {
          return Promise.resolve({
            status: 'unchecked',
            reason: 'no look-up possible in time',
            lookAgainAt: turn,
          });
        }
        group = { notifier, to: request.to, channel, since: request.since.getTime(), waiters: [] };
        queue.push(group);
      }
      const joined = group;
      return new Promise<Reconciliation>((resolve) => {
        joined.waiters.push({ key: request.key, deadline, resolve });
        pump(platform).catch((error: unknown) =>
          giveUp(
            queue.splice(0).flatMap((g) => g.waiters),
            `the look-up broke: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      });
    },
  };
}
