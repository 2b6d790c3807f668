/**
 * The nudge step of a pass: claim what is due, decide about each nudge with fresh facts (nudgeDecisions.ts: still
 * relevant? inside waking hours? who receives it?), then deliver through the Notifiers, paced per
 * channel and per platform, and record each outcome exactly once.
 *
 * Claimed nudges wait in a small in-memory queue; several senders take from it, always the one
 * whose channel is free soonest, so a person with three nudges due does not hold up everyone
 * else. The queue is refilled whenever nothing in it can go right away.
 */

import { holdNudge, spaceKey } from './heldSends.js';
import { prepareBatch } from './nudgeDecisions.js';
import {
  afterLookUp,
  crashed,
  defer,
  leaseLost,
  type Outgoing,
  record,
  settle,
  settleQuietly,
} from './nudgeSettlement.js';
import type { PassContext, PassStep } from './pass.js';
import { sendLeaseMs, sendWithTimeout } from './send.js';

/** Queued nudges that all wait longer than this for their slot make the queue claim more. */
const REFILL_WHEN_BLOCKED_MS = 250;

export const nudgeStep: PassStep = { name: 'nudges', run: deliverDueNudges };

async function deliverDueNudges(ctx: PassContext): Promise<void> {
  const { options } = ctx;
  const queue: Outgoing[] = [];
  let exhausted = false;
  let claimError: unknown = null;
  let refilling: Promise<void> | null = null;
  const stopping = () => ctx.signal?.aborted === true;
  // Nudges whose earlier send may have landed, waiting for a look in the DM's history (in the
  // background: the senders go on with the others). Each comes back to the queue unless found.
  const looking = new Set<Promise<void>>();
  const lookUp = (item: Outgoing): void => {
    const done: Promise<void> = ctx.reconciler
      .check({
        notifier: item.route.notifier,
        to: item.route.recipient,
        channel: item.route.channel,
        key: item.nudge.id,
        since: item.nudge.inDoubtSince!,
      })
      .then(async (result) => {
        if (await afterLookUp(ctx, item, result)) queue.push(item);
      })
      .catch((error: unknown) => crashed(ctx, item.nudge, item.lease, error))
      .finally(() => looking.delete(done));
    looking.add(done);
  };

  const refill = (): Promise<void> => {
    refilling ??= (async () => {
      try {
        const claims = await ctx.outbox.claimDue({
          now: ctx.clock.now(),
          limit: Math.max(1, options.batchSize - queue.length),
          leaseMs: options.leaseMs,
        });
        ctx.summary.claimed += claims.length;
        if (claims.length === 0) exhausted = true;
        else queue.push(...(await prepareBatch(ctx, claims)));
      } catch (error) {
        // The database is unreachable, most likely: stop claiming, finish what is in hand.
        claimError = error;
        exhausted = true;
      } finally {
        refilling = null;
      }
    })();
    return refilling;
  };

  const sender = async (): Promise<void> => {
    for (;;) {
      if (stopping()) return;
      const index = soonest(ctx, queue);
      const item = index >= 0 ? queue[index] : undefined;
      const waitMs = item ? readyAt(ctx, item) - ctx.clock.now().getTime() : Number.POSITIVE_INFINITY;
      // Claim more when the queue runs low, or when all it holds must wait a while (one busy
      // channel, a paused platform), so other people's nudges are not held up behind them.
      const wantMore =
        !exhausted &&
        queue.length < options.batchSize &&
        (queue.length <= options.batchSize / 2 || waitMs > REFILL_WHEN_BLOCKED_MS);
      // One sender claims; the others keep sending what is queued meanwhile.
      if (wantMore && (!refilling || !item)) {
        await refill();
        continue;
      }
      if (!item) {
        if (refilling) {
          await refilling;
          continue;
        }
        if (looking.size > 0) {
          await Promise.race(looking);
          continue;
        }
        return;
      }
      queue.splice(index, 1);
      if (mustLookFirst(item)) lookUp(item);
      else await deliver(ctx, item);
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, sender));
  await Promise.allSettled([...looking]);
  // Stopping: what was claimed but not sent goes back as it was.
  for (const item of queue.splice(0)) {
    await settleQuietly(ctx, item.nudge, () =>
      ctx.outbox.release(item.lease, { dueAt: item.nudge.dueAt, error: null, countAttempt: false }),
    );
  }
  if (claimError) throw claimError;
}

/** A send of it may have landed, and its platform can look: look before sending again. */
const mustLookFirst = (item: Outgoing): boolean =>
  item.nudge.inDoubtSince !== null &&
  item.lookedUp === undefined &&
  item.route.notifier.findSent !== undefined;

const readyAt = (ctx: PassContext, item: Outgoing): number =>
  ctx.pacer.readyAt(item.route.recipient.platform, item.route.channel);

/** The index of the queued nudge that can go first, or -1 when the queue is empty. */
function soonest(ctx: PassContext, queue: readonly Outgoing[]): number {
  let best = -1;
  let bestAt = Number.POSITIVE_INFINITY;
  queue.forEach((item, index) => {
    const at = readyAt(ctx, item);
    if (at < bestAt) {
      best = index;
      bestAt = at;
    }
  });
  return best;
}

async function deliver(ctx: PassContext, item: Outgoing): Promise<void> {
  const { options, pacer } = ctx;
  const { platform } = item.route.recipient;
  try {
    if (ctx.heldSpaces.has(spaceKey(platform, item.route.recipient.spaceExternalId))) {
      // Its space was found gone earlier in this pass: not tried again.
      await holdNudge(ctx, item.nudge, item.lease);
      return;
    }
    const slot = await pacer.acquire(platform, item.route.channel, options.maxHoldMs, ctx.signal);
    if (ctx.signal?.aborted) {
      // Stopping: back to the outbox as it was.
      await settle(ctx, item.lease, () =>
        ctx.outbox.release(item.lease, { dueAt: item.nudge.dueAt, error: null, countAttempt: false }),
      );
      return;
    }
    if (!slot) {
      // The platform asked us to wait, or the channel is busy for a while: back to the outbox.
      const paused = pacer.pausedUntil(platform) > 0;
      const dueAt = new Date(pacer.readyAt(platform, item.route.channel));
      await defer(
        ctx,
        item.lease,
        dueAt,
        paused ? `${platform} asked us to wait` : 'waiting for a sending slot',
      );
      return;
    }
    // A fresh lease for the send, and the mark that a send is under way (see beginSend).
    const renewed = await ctx.outbox.beginSend(
      item.lease,
      sendLeaseMs(options.leaseMs, options.sendTimeoutMs, item.route.notifier),
    );
    if (!renewed) {
      leaseLost(ctx, item.nudge, 'before sending');
      return;
    }
    item.lease = renewed;
    // A 429 another send got while this one was writing its mark: honour it, and take the mark
    // back (nothing was sent).
    const pausedUntil = pacer.pausedUntil(platform);
    if (pausedUntil > 0) {
      await settle(ctx, item.lease, () =>
        ctx.outbox.release(item.lease, {
          dueAt: new Date(pausedUntil),
          error: `${platform} asked us to wait`,
          countAttempt: false,
          inDoubtSince: item.nudge.inDoubtSince,
        }),
      );
      ctx.summary.deferred += 1;
      return;
    }
    if (item.lookedUp === 'unchecked') ctx.summary.unverified += 1;
    const { outcome, late } = await sendWithTimeout(
      item.route.notifier,
      item.route.recipient,
      item.reply,
      item.nudge.id,
      options.sendTimeoutMs,
    );
    await record(ctx, item, outcome, late);
  } catch (error) {
    await crashed(ctx, item.nudge, item.lease, error);
  }
}
