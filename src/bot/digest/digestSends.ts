/**
 * What the coordinators' and the advisors' weekly digests share: one send bounded in time, the
 * route to each person (the platform they used last), and the settling of a week's claim (sent,
 * put back to retry, or given up), always guarded by the claim.
 */
import type { Platform } from '../../core/domain.js';
import type { Notifier, SendOutcome } from '../../core/notifier.js';
import {
  abandonDigestSlot,
  type DigestClaim,
  releaseDigestSlot,
  type StaffIdentity,
} from '../../db/repos/digestSlots.js';
import type { PassContext } from '../worker/pass.js';
import { usedLastFirst } from '../worker/recipient.js';

/** How long a claim holds, when an undelivered digest is tried again, and how often. */
export interface DigestTimings {
  leaseMs: number;
  retryMs: number;
  maxAttempts: number;
}

/** What happened to one digest (an organization's, or one advisor's) in this pass. */
export type DigestOutcome =
  | { status: 'sent'; recipient: string }
  | { status: 'retry'; error: string }
  | { status: 'abandoned'; error: string };

export async function settle(
  ctx: PassContext,
  claim: DigestClaim,
  outcome: DigestOutcome,
  settings: DigestTimings,
): Promise<void> {
  const fields = { orgId: claim.orgId, slot: claim.slot, attempts: claim.attempts, kind: claim.kind };
  if (outcome.status === 'sent') {
    ctx.summary.digests.sent += 1;
    ctx.logger.info({ ...fields, recipient: outcome.recipient }, 'Weekly digest sent');
    return;
  }
  if (outcome.status === 'abandoned' || claim.attempts >= settings.maxAttempts) {
    await abandonDigestSlot(ctx.db, claim, outcome.error);
    ctx.summary.digests.abandoned += 1;
    ctx.logger.warn({ ...fields, error: outcome.error }, 'Weekly digest given up for this week');
    return;
  }
  await releaseDigestSlot(ctx.db, claim, settings.retryMs, outcome.error);
  ctx.summary.digests.retried += 1;
  ctx.logger.warn({ ...fields, error: outcome.error }, 'Weekly digest not delivered; trying again later');
}

/** Each person once: their identity on a platform we can send to that they used last. */
export function pickRoutes(
  identities: readonly StaffIdentity[],
  notifiers: ReadonlyMap<Platform, Notifier>,
): { identity: StaffIdentity; notifier: Notifier }[] {
  const best = new Map<string, StaffIdentity>();
  for (const identity of identities) {
    if (!notifiers.has(identity.platform)) continue;
    const seen = best.get(identity.personId);
    if (!seen || usedLastFirst(identity, seen) < 0) best.set(identity.personId, identity);
  }
  return [...best.values()].map((identity) => ({ identity, notifier: notifiers.get(identity.platform)! }));
}

export function describe(outcome: Exclude<SendOutcome, { status: 'sent' }>): string {
  return outcome.status === 'rate_limited'
    ? `rate limited for ${outcome.retryAfterMs} ms`
    : `${outcome.status}: ${outcome.error}`;
}

/** One send, at most `sendTimeoutMs` long; a throw or a timeout is a transient failure. */
export async function bounded(ctx: PassContext, send: () => Promise<SendOutcome>): Promise<SendOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SendOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 'transient', error: `no answer within ${ctx.options.sendTimeoutMs} ms` }),
      ctx.options.sendTimeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(send)
        .catch(
          (error: unknown): SendOutcome => ({
            status: 'transient',
            error: error instanceof Error ? error.message : String(error),
          }),
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
