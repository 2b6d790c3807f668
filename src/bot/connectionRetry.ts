/**
 * Opening the database at start: a server that is still starting (docker compose, a laptop
 * just woken) is retried a few times with a message; any other failure stops at once.
 */

/** Socket and DNS failures, and PostgreSQL's own "not ready" answers. */
const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // postgres.js
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  // PostgreSQL: cannot_connect_now (starting up), too_many_connections, admin/crash shutdown
  '57P03',
  '53300',
  '57P01',
  '57P02',
]);

/** True when `error` (or an error it wraps) says the server could not be reached. */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (RETRYABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
  return isConnectionError(cause, depth + 1);
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait after the first failure; it doubles after each one. */
  firstDelayMs: number;
  isRetryable: (error: unknown) => boolean;
  onRetry: (info: { attempt: number; attempts: number; delayMs: number; error: unknown }) => void;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task` until it succeeds, fails with a non-retryable error, or runs out of attempts. */
export async function withRetry<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= options.attempts || !options.isRetryable(error)) throw error;
      const delayMs = options.firstDelayMs * 2 ** (attempt - 1);
      options.onRetry({ attempt, attempts: options.attempts, delayMs, error });
      await sleep(delayMs);
    }
  }
}
