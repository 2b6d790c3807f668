/**
 * One send through a Notifier, bounded in time. A Notifier that throws or does not answer within
 * the timeout counts as a transient failure; the original promise is handed back so that a send
 * which succeeds after all can still be recorded (and not repeated).
 */
import type { Notifier, Recipient, SendOutcome } from '../../core/notifier.js';
import type { Reply } from '../../core/reply.js';

export interface BoundedSend {
  outcome: SendOutcome;
  /** Set when the send timed out: the send itself, still running. */
  late: Promise<SendOutcome> | null;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Calls `notifier.send` and waits at most `timeoutMs` (a real timer: the timeout is about real
 * I/O, not about the simulated clock of the pacing).
 */
export async function sendWithTimeout(
  notifier: Notifier,
  to: Recipient,
  message: Reply,
  idempotencyKey: string,
  timeoutMs: number,
): Promise<BoundedSend> {
  const sending = Promise.resolve()
    .then(() => notifier.send(to, message, idempotencyKey))
    .catch(
      (error: unknown): SendOutcome => ({ status: 'transient', error: `notifier threw: ${describe(error)}` }),
    );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  try {
    const first = await Promise.race([sending, timedOut]);
    if (first === 'timeout') {
      return { outcome: { status: 'transient', error: `no answer within ${timeoutMs} ms` }, late: sending };
    }
    return { outcome: first, late: null };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The lease a send under way holds. Where the platform remembers a message's key only a few
 * minutes (Discord's nonce), half of that window, so that a send lost with its worker is taken
 * over and sent again while the platform still refuses the copy; never shorter than twice the
 * send timeout, so a live worker keeps its claim through the slowest send it waits for.
 */
export function sendLeaseMs(
  leaseMs: number,
  sendTimeoutMs: number,
  notifier: Pick<Notifier, 'dedupeWindowMs'>,
): number {
  const window = notifier.dedupeWindowMs;
  if (window === undefined) return leaseMs;
  return Math.min(leaseMs, Math.max(2 * sendTimeoutMs, window / 2));
}
