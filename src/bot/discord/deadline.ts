/**
 * Racing work against a deadline without leaving timers behind. Discord gives 3 seconds for the
 * first answer to an interaction and 15 minutes for the rest; a database that hangs must not
 * leave a person looking at "Rapport is thinking..." forever.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** Resolves after `ms`, or rejects when `signal` aborts. Tests pass their own to control time. */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

export const realWait: Wait = (ms, signal) => delay(ms, undefined, { signal });

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects: its outcome as a value. */
export function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** The outcome of `work` if it settles within `ms`, else 'late' (the work keeps running). */
export async function within<T>(
  work: Promise<Settled<T>>,
  ms: number,
  wait: Wait,
): Promise<Settled<T> | 'late'> {
  const controller = new AbortController();
  const late = wait(ms, controller.signal).then(
    () => 'late' as const,
    // Aborted: the work won the race and this branch is never read.
    () => 'late' as const,
  );
  try {
    return await Promise.race([work, late]);
  } finally {
    controller.abort();
  }
}
