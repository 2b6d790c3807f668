/**
 * When to try again after a transient failure: exponential backoff with jitter, capped, so a
 * platform that is down is not hammered and a fleet of workers does not retry in step.
 */

export interface BackoffPolicy {
  /** The delay ceiling of the first retry. */
  baseMs: number;
  /** No retry waits longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({ baseMs: 30_000, maxMs: 60 * 60_000 });

/**
 * The wait before retry number `attempt` (1 after the first failure): the ceiling doubles from
 * `baseMs` up to `maxMs`, and the wait is drawn between half the ceiling and the ceiling
 * ("equal jitter"), so it never collapses to zero. `random` returns a number in [0, 1).
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
