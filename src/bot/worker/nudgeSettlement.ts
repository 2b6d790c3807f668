/**
 * How each nudge of the nudge step ends up in the outbox: sent, put back for later (quiet hours,
 * snooze, rate limit, transient failure), cancelled as obsolete, or failed, always through the
 * lease, so a worker whose claim was taken over cannot write. Also plans the next weekly nudge.
 */

import type { SendOutcome } from '../../core/notifier.js';
import type { Organization, Person } from '../../core/people/peoplePorts.js';
import { replanPerson } from '../../core/pipeline/replan.js';
import type { Reply } from '../../core/reply.js';
import { retryDelayMs } from './backoff.js';
import { spaceGone } from './heldSends.js';
import type { ClaimedNudge, Lease } from './outboxPort.js';
import type { PassContext } from './pass.js';
import type { Route } from './recipient.js';
import type { Reconciliation } from './reconciler.js';

/** Nothing is put back due sooner than this: a pass must never claim its own releases again. */
export const MIN_DELAY_MS = 1_000;

/** A nudge ready to go: claimed, checked, addressed and rendered. */
export interface Outgoing {
  nudge: ClaimedNudge;
  lease: Lease;
  route: Extract<Route, { ok: true }>;
  reply: Reply;
  /** Set for the weekly pipeline nudge: once it is settled, the next one is planned. */
  replan: { person: Person; org: Organization } | null;
  /** What the look in the DM's history said, for a nudge in doubt (see reconciler.ts). */
  lookedUp?: Reconciliation['status'];
}

/**
 * Settles a nudge its look-up found already delivered. Returns whether it must still be sent:
 * not found, or not looked for in time (then it goes out unchecked, counted when sent).
 */
export async function afterLookUp(
  ctx: PassContext,
  item: Outgoing,
  result: Reconciliation,
): Promise<boolean> {
  item.lookedUp = result.status;
  const fields = { nudgeId: item.nudge.id, platform: item.route.recipient.platform };
  if (result.status === 'found') {
    const sentAt = ctx.clock.now();
    if (await ctx.outbox.markSent(item.lease, { messageId: result.messageId, sentAt }))
      ctx.summary.reconciled += 1;
    else leaseLost(ctx, item.nudge, 'after finding it delivered');
    ctx.logger.info(fields, 'Nudge found already delivered in the DM history: not sent again');
    if (item.replan) await replanQuietly(ctx, item.nudge, item.replan);
    return false;
  }
  if (result.status === 'unchecked' && result.lookAgainAt !== undefined && !ctx.signal?.aborted) {
    // Only the look-up budget stood in the way: while the doubt is young, the nudge waits for a
    // look (released, holding nothing up) rather than risk a duplicate.
    const doubtAge = ctx.clock.now().getTime() - item.nudge.inDoubtSince!.getTime();
    const { patienceMs } = ctx.options.reconcile;
    if (patienceMs > 0 && doubtAge < patienceMs) {
      await defer(ctx, item.lease, new Date(result.lookAgainAt), 'waiting for a look in the DM history');
      return false;
    }
  }
  if (result.status === 'unchecked' && !ctx.signal?.aborted) {
    ctx.logger.warn(
      { ...fields, reason: result.reason },
      'Could not look for an earlier delivery in time: sending again, possibly a duplicate',
    );
  }
  return true;
}

/** Records what the platform answered. */
export async function record(
  ctx: PassContext,
  item: Outgoing,
  outcome: SendOutcome,
  late: Promise<SendOutcome> | null,
): Promise<void> {
  const { outbox, summary, options, logger } = ctx;
  const { nudge, lease } = item;
  const { platform } = item.route.recipient;
  const now = ctx.clock.now();
  const base = { nudgeId: nudge.id, kind: nudge.kind, platform, attempt: lease.attempts };
  switch (outcome.status) {
    case 'sent': {
      if (await outbox.markSent(lease, { messageId: outcome.messageId, sentAt: now })) summary.sent += 1;
      else leaseLost(ctx, nudge, 'after sending (it may be delivered twice)');
      if (outcome.dmChannelId && outcome.dmChannelId !== item.route.identity.dmChannelId) {
        await outbox.rememberDmChannel(item.route.identity.id, outcome.dmChannelId);
      }
      logger.debug(base, 'Nudge sent');
      if (item.replan) await replanQuietly(ctx, nudge, item.replan);
      return;
    }
    case 'rate_limited': {
      const until = new Date(now.getTime() + Math.max(outcome.retryAfterMs, MIN_DELAY_MS));
      ctx.pacer.pause(platform, until.getTime());
      await settle(ctx, nudge, () =>
        outbox.release(lease, {
          dueAt: until,
          error: `rate limited until ${until.toISOString()}`,
          countAttempt: false,
          // A 429 means nothing was posted: only an earlier doubt remains.
          inDoubtSince: nudge.inDoubtSince,
        }),
      );
      summary.retried += 1;
      logger.warn(
        { ...base, retryAfterMs: outcome.retryAfterMs },
        `${platform} is rate limiting: pausing its sends`,
      );
      return;
    }
    case 'transient': {
      if (lease.attempts >= options.maxAttempts) {
        await settle(ctx, nudge, () =>
          outbox.markFailed(lease, `gave up after ${lease.attempts} attempts: ${outcome.error}`),
        );
        summary.failed += 1;
        logger.warn({ ...base, error: outcome.error }, 'Nudge failed: too many transient errors');
        if (item.replan) await replanQuietly(ctx, nudge, item.replan);
        return;
      }
      const dueAt = new Date(now.getTime() + retryDelayMs(lease.attempts, options.backoff, ctx.random));
      await settle(ctx, nudge, () =>
        outbox.release(lease, { dueAt, error: outcome.error, countAttempt: true }),
      );
      summary.retried += 1;
      logger.info({ ...base, error: outcome.error, retryAt: dueAt.toISOString() }, 'Nudge will be retried');
      if (late) watchLateSend(ctx, item, late);
      return;
    }
    case 'space_gone':
      await spaceGone(ctx, nudge, lease, item.route.recipient, outcome);
      return;
    case 'permanent': {
      await settle(ctx, nudge, () => outbox.markFailed(lease, outcome.error));
      summary.failed += 1;
      logger.warn({ ...base, error: outcome.error }, 'Nudge failed permanently');
      if (item.replan) await replanQuietly(ctx, nudge, item.replan);
      return;
    }
  }
}

/**
 * A send that timed out may still succeed. If it does while the nudge waits for its retry (and
 * nobody claimed it since), it is marked sent, so the retry does not deliver it a second time.
 */
function watchLateSend(ctx: PassContext, item: Outgoing, late: Promise<SendOutcome>): void {
  void late
    .then(async (outcome) => {
      if (outcome.status !== 'sent') return;
      const applied = await ctx.outbox.markSent(item.lease, {
        messageId: outcome.messageId,
        sentAt: ctx.clock.now(),
        afterRelease: true,
      });
      ctx.logger.info({ nudgeId: item.nudge.id, applied }, 'A send that timed out succeeded after all');
    })
    .catch((error: unknown) =>
      ctx.logger.warn({ err: error, nudgeId: item.nudge.id }, 'Could not record a late send'),
    );
}

export async function cancel(ctx: PassContext, nudge: ClaimedNudge, reason: string): Promise<void> {
  await settle(ctx, nudge, () => ctx.outbox.markCancelled(nudge, reason));
  ctx.summary.cancelled += 1;
  ctx.logger.debug({ nudgeId: nudge.id, kind: nudge.kind, reason }, 'Nudge obsolete: cancelled');
}

/** Back to pending without an attempt counted, due at `dueAt`. */
export async function defer(ctx: PassContext, lease: Lease, dueAt: Date, why: string): Promise<void> {
  const floor = ctx.clock.now().getTime() + MIN_DELAY_MS;
  const due = dueAt.getTime() < floor ? new Date(floor) : dueAt;
  await settle(ctx, lease, () => ctx.outbox.release(lease, { dueAt: due, error: why, countAttempt: false }));
  ctx.summary.deferred += 1;
  ctx.logger.debug({ nudgeId: lease.id, dueAt: due.toISOString(), why }, 'Nudge deferred');
}

/** Nobody can deliver it (no notifier for the person's platform): it stays pending, looked at later. */
export async function noRoute(
  ctx: PassContext,
  nudge: ClaimedNudge,
  missing: readonly string[],
): Promise<void> {
  if (missing.length === 0) {
    await settle(ctx, nudge, () => ctx.outbox.markFailed(nudge, 'the person has no platform identity'));
    ctx.summary.failed += 1;
    return;
  }
  const platform = missing[0] as keyof typeof ctx.summary.noNotifier;
  const dueAt = new Date(ctx.clock.now().getTime() + ctx.options.noNotifierRetryMs);
  const error = `no notifier for ${missing.join(' or ')}`;
  await settle(ctx, nudge, () => ctx.outbox.release(nudge, { dueAt, error, countAttempt: false }));
  ctx.summary.noNotifier[platform] = (ctx.summary.noNotifier[platform] ?? 0) + 1;
}

/** Runs a settlement; a claim that is no longer ours is counted and logged, not an error. */
export async function settle(
  ctx: PassContext,
  lease: Pick<Lease, 'id'>,
  apply: () => Promise<boolean>,
): Promise<void> {
  if (!(await apply())) leaseLost(ctx, lease, 'before it was settled');
}

/** Like settle, for clean-up paths that must not throw. */
export async function settleQuietly(
  ctx: PassContext,
  lease: Pick<Lease, 'id'>,
  apply: () => Promise<boolean>,
): Promise<void> {
  try {
    await settle(ctx, lease, apply);
  } catch (error) {
    ctx.logger.warn({ err: error, nudgeId: lease.id }, 'Could not put a nudge back; its lease will expire');
  }
}

export function leaseLost(ctx: PassContext, lease: Pick<Lease, 'id'>, when: string): void {
  ctx.summary.leaseLost += 1;
  ctx.logger.warn({ nudgeId: lease.id }, `Lost the claim on a nudge ${when}`);
}

/**
 * A bug or a database error while handling one nudge: logged, and the nudge retried later like
 * a transient failure (so a nudge that always crashes ends up failed, not looping).
 */
export async function crashed(
  ctx: PassContext,
  nudge: ClaimedNudge,
  lease: Lease,
  error: unknown,
): Promise<void> {
  ctx.logger.error({ err: error, nudgeId: nudge.id, kind: nudge.kind }, 'Handling a nudge failed');
  const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
  if (lease.attempts >= ctx.options.maxAttempts) {
    await settleQuietly(ctx, lease, () => ctx.outbox.markFailed(lease, message));
    ctx.summary.failed += 1;
    return;
  }
  const dueAt = new Date(
    ctx.clock.now().getTime() + retryDelayMs(lease.attempts, ctx.options.backoff, ctx.random),
  );
  await settleQuietly(ctx, lease, () =>
    ctx.outbox.release(lease, { dueAt, error: message, countAttempt: true }),
  );
  ctx.summary.retried += 1;
}

/** Plans the person's next weekly pipeline nudge (core decides when). */
export async function replanQuietly(
  ctx: PassContext,
  nudge: ClaimedNudge,
  who: { person: Person; org: Organization },
): Promise<void> {
  try {
    const now = ctx.clock.now();
    await ctx.store.transaction((repos) => replanPerson({ repos, person: who.person, org: who.org, now }));
  } catch (error) {
    ctx.logger.error(
      { err: error, nudgeId: nudge.id, personId: who.person.id },
      'Planning the next weekly nudge failed',
    );
  }
}
