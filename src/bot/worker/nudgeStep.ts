/**
 * The nudge step of a pass: claim what is due, decide about each nudge with fresh facts (still
 * relevant? inside waking hours? who receives it?), then deliver through the Notifiers, paced per
 * channel and per platform, and record each outcome exactly once.
 *
 * Claimed nudges wait in a small in-memory queue; several senders take from it, always the one
 * whose channel is free soonest, so a person with three nudges due does not hold up everyone
 * else. The queue is refilled whenever nothing in it can go right away.
 */

import { resolveNudgeConfig } from '../../core/nudges/nudgeConfig.js';
import { renderNudge } from '../../core/nudges/nudgeMessages.js';
import { isStillRelevant } from '../../core/nudges/nudgeRules.js';
import { nextAllowedTime, type WakingHours, wakingHoursOf } from '../../core/nudges/wakingHours.js';
import { loadPersonNudgeState, replanPerson } from '../../core/pipeline/replan.js';
import type { Organization, Person, SendOutcome } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import {
  type ClaimedNudge,
  claimDue,
  type DeliveryFacts,
  extendLease,
  type Lease,
  loadDeliveryFacts,
  markCancelled,
  markFailed,
  markSent,
  release,
  rememberDmChannel,
} from '../../db/outbox.js';
import { reposFor } from '../../db/store.js';
import { retryDelayMs } from './backoff.js';
import type { PassContext, PassStep } from './pass.js';
import { pickRoute, type Route } from './recipient.js';
import { sendWithTimeout } from './send.js';

/** A nudge ready to go: claimed, checked, addressed and rendered. */
interface Outgoing {
  nudge: ClaimedNudge;
  lease: Lease;
  route: Extract<Route, { ok: true }>;
  reply: Reply;
  /** Set for the weekly pipeline nudge: once it is settled, the next one is planned. */
  replan: { person: Person; org: Organization } | null;
}

/** A lease shorter than this past the send timeout is renewed before sending. */
const LEASE_MARGIN_MS = 5_000;
/** Queued nudges that all wait longer than this for their slot make the queue claim more. */
const REFILL_WHEN_BLOCKED_MS = 250;
/** Nothing is put back due sooner than this: a pass must never claim its own releases again. */
const MIN_DELAY_MS = 1_000;

export const nudgeStep: PassStep = { name: 'nudges', run: deliverDueNudges };

async function deliverDueNudges(ctx: PassContext): Promise<void> {
  const { options } = ctx;
  const queue: Outgoing[] = [];
  let exhausted = false;
  let claimError: unknown = null;
  let refilling: Promise<void> | null = null;
  const stopping = () => ctx.signal?.aborted === true;

  const refill = (): Promise<void> => {
    refilling ??= (async () => {
      try {
        const claims = await claimDue(ctx.db, {
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
        return;
      }
      queue.splice(index, 1);
      await deliver(ctx, item);
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, sender));
  // Stopping: what was claimed but not sent goes back as it was.
  for (const item of queue.splice(0)) {
    await settleQuietly(ctx, item.nudge, () =>
      release(ctx.db, item.lease, { dueAt: item.nudge.dueAt, error: null, countAttempt: false }),
    );
  }
  if (claimError) throw claimError;
}

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

async function prepareBatch(ctx: PassContext, claims: ClaimedNudge[]): Promise<Outgoing[]> {
  const facts = await loadDeliveryFacts(ctx.db, claims);
  // One instant for the whole batch's decisions, so people who share waking hours (most of an
  // organization) share one computation of them: time-zone arithmetic is the costly part.
  const now = ctx.clock.now();
  const waking = memoize(
    ({ person, zone }: { person: Person; zone: string }) => {
      const hours = wakingHoursOf(person, zone);
      return { hours, allowed: nextAllowedTime(now, hours) };
    },
    ({ person, zone }) => `${person.timezone ?? zone}|${person.wakeStartMinute}|${person.wakeEndMinute}`,
  );
  const ready: Outgoing[] = [];
  for (const nudge of claims) {
    try {
      const outgoing = await decide(ctx, nudge, facts.get(nudge.id) ?? null, now, waking);
      if (outgoing) ready.push(outgoing);
    } catch (error) {
      await crashed(ctx, nudge, nudge, error);
    }
  }
  return ready;
}

function memoize<A, R>(fn: (arg: A) => R, key: (arg: A) => string): (arg: A) => R {
  const cache = new Map<string, R>();
  return (arg) => {
    const k = key(arg);
    if (!cache.has(k)) cache.set(k, fn(arg));
    return cache.get(k)!;
  };
}

/** Everything that can be decided before sending; null when the nudge was settled here. */
async function decide(
  ctx: PassContext,
  nudge: ClaimedNudge,
  facts: DeliveryFacts | null,
  now: Date,
  waking: (who: { person: Person; zone: string }) => { hours: WakingHours; allowed: Date },
): Promise<Outgoing | null> {
  if (!facts) {
    await cancel(ctx, nudge, 'person_gone');
    return null;
  }
  const { person, org, contact } = facts;
  const config = resolveNudgeConfig(org.nudgeConfig);
  const weekly = nudge.kind === 'weekly_pipeline';
  const personState = weekly
    ? await loadPersonNudgeState(reposFor(ctx.db), person, facts.contacts)
    : undefined;
  const relevance = isStillRelevant(
    nudge,
    { contact, person, ...(personState ? { personState } : {}) },
    config,
    now,
  );
  if (!relevance.relevant) {
    await cancel(ctx, nudge, relevance.reason);
    if (weekly) await replanQuietly(ctx, nudge, { person, org });
    return null;
  }
  if (contact?.snoozedUntil && contact.snoozedUntil > now) {
    await defer(ctx, nudge, contact.snoozedUntil, 'snoozed');
    return null;
  }
  // Quiet hours hold for every kind, the informational ones (a mentor's log) included.
  const { hours, allowed } = waking({ person, zone: org.timezone });
  if (allowed > now) {
    await defer(ctx, nudge, allowed, 'quiet hours');
    return null;
  }
  const route = pickRoute(facts.identities, ctx.notifiers);
  if (!route.ok) {
    await noRoute(ctx, nudge, route.missing);
    return null;
  }
  const otherIdentified =
    facts.contacts.find((c) => c.stage === 'identified' && c.id !== contact?.id) ?? null;
  const reply = renderNudge(nudge, {
    contact,
    meeting: facts.meeting,
    contacts: facts.contacts,
    otherIdentified,
    timezone: hours.timezone,
  });
  return { nudge, lease: nudge, route, reply, replan: weekly ? { person, org } : null };
}

async function deliver(ctx: PassContext, item: Outgoing): Promise<void> {
  const { options, pacer } = ctx;
  const { platform } = item.route.recipient;
  try {
    const slot = await pacer.acquire(platform, item.route.channel, options.maxHoldMs, ctx.signal);
    if (ctx.signal?.aborted) {
      // Stopping: back to the outbox as it was.
      await settle(ctx, item.lease, () =>
        release(ctx.db, item.lease, { dueAt: item.nudge.dueAt, error: null, countAttempt: false }),
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
    const now = ctx.clock.now();
    if (item.lease.leaseUntil.getTime() - now.getTime() < options.sendTimeoutMs + LEASE_MARGIN_MS) {
      const renewed = await extendLease(ctx.db, item.lease, new Date(now.getTime() + options.leaseMs));
      if (!renewed) {
        leaseLost(ctx, item.nudge, 'before sending');
        return;
      }
      item.lease = renewed;
    }
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

/** Records what the platform answered. */
async function record(
  ctx: PassContext,
  item: Outgoing,
  outcome: SendOutcome,
  late: Promise<SendOutcome> | null,
): Promise<void> {
  const { db, summary, options, logger } = ctx;
  const { nudge, lease } = item;
  const { platform } = item.route.recipient;
  const now = ctx.clock.now();
  const base = { nudgeId: nudge.id, kind: nudge.kind, platform, attempt: lease.attempts };
  switch (outcome.status) {
    case 'sent': {
      if (await markSent(db, lease, { messageId: outcome.messageId, sentAt: now })) summary.sent += 1;
      else leaseLost(ctx, nudge, 'after sending (it may be delivered twice)');
      if (outcome.dmChannelId && outcome.dmChannelId !== item.route.identity.dmChannelId) {
        await rememberDmChannel(db, item.route.identity.id, outcome.dmChannelId);
      }
      logger.debug(base, 'Nudge sent');
      if (item.replan) await replanQuietly(ctx, nudge, item.replan);
      return;
    }
    case 'rate_limited': {
      const until = new Date(now.getTime() + Math.max(outcome.retryAfterMs, MIN_DELAY_MS));
      ctx.pacer.pause(platform, until.getTime());
      await settle(ctx, nudge, () =>
        release(db, lease, {
          dueAt: until,
          error: `rate limited until ${until.toISOString()}`,
          countAttempt: false,
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
          markFailed(db, lease, `gave up after ${lease.attempts} attempts: ${outcome.error}`),
        );
        summary.failed += 1;
        logger.warn({ ...base, error: outcome.error }, 'Nudge failed: too many transient errors');
        if (item.replan) await replanQuietly(ctx, nudge, item.replan);
        return;
      }
      const dueAt = new Date(now.getTime() + retryDelayMs(lease.attempts, options.backoff, ctx.random));
      await settle(ctx, nudge, () => release(db, lease, { dueAt, error: outcome.error, countAttempt: true }));
      summary.retried += 1;
      logger.info({ ...base, error: outcome.error, retryAt: dueAt.toISOString() }, 'Nudge will be retried');
      if (late) watchLateSend(ctx, item, late);
      return;
    }
    case 'permanent': {
      await settle(ctx, nudge, () => markFailed(db, lease, outcome.error));
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
      const applied = await markSent(ctx.db, item.lease, {
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

async function cancel(ctx: PassContext, nudge: ClaimedNudge, reason: string): Promise<void> {
  await settle(ctx, nudge, () => markCancelled(ctx.db, nudge, reason));
  ctx.summary.cancelled += 1;
  ctx.logger.debug({ nudgeId: nudge.id, kind: nudge.kind, reason }, 'Nudge obsolete: cancelled');
}

/** Back to pending without an attempt counted, due at `dueAt`. */
async function defer(ctx: PassContext, lease: Lease, dueAt: Date, why: string): Promise<void> {
  const floor = ctx.clock.now().getTime() + MIN_DELAY_MS;
  const due = dueAt.getTime() < floor ? new Date(floor) : dueAt;
  await settle(ctx, lease, () => release(ctx.db, lease, { dueAt: due, error: why, countAttempt: false }));
  ctx.summary.deferred += 1;
  ctx.logger.debug({ nudgeId: lease.id, dueAt: due.toISOString(), why }, 'Nudge deferred');
}

/** Nobody can deliver it (no notifier for the person's platform): it stays pending, looked at later. */
async function noRoute(ctx: PassContext, nudge: ClaimedNudge, missing: readonly string[]): Promise<void> {
  if (missing.length === 0) {
    await settle(ctx, nudge, () => markFailed(ctx.db, nudge, 'the person has no platform identity'));
    ctx.summary.failed += 1;
    return;
  }
  const platform = missing[0] as keyof typeof ctx.summary.noNotifier;
  const dueAt = new Date(ctx.clock.now().getTime() + ctx.options.noNotifierRetryMs);
  const error = `no notifier for ${missing.join(' or ')}`;
  await settle(ctx, nudge, () => release(ctx.db, nudge, { dueAt, error, countAttempt: false }));
  ctx.summary.noNotifier[platform] = (ctx.summary.noNotifier[platform] ?? 0) + 1;
}

/** Runs a settlement; a claim that is no longer ours is counted and logged, not an error. */
async function settle(
  ctx: PassContext,
  lease: Pick<Lease, 'id'>,
  apply: () => Promise<boolean>,
): Promise<void> {
  if (!(await apply())) leaseLost(ctx, lease, 'before it was settled');
}

/** Like settle, for clean-up paths that must not throw. */
async function settleQuietly(
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

function leaseLost(ctx: PassContext, lease: Pick<Lease, 'id'>, when: string): void {
  ctx.summary.leaseLost += 1;
  ctx.logger.warn({ nudgeId: lease.id }, `Lost the claim on a nudge ${when}`);
}

/**
 * A bug or a database error while handling one nudge: logged, and the nudge retried later like
 * a transient failure (so a nudge that always crashes ends up failed, not looping).
 */
async function crashed(ctx: PassContext, nudge: ClaimedNudge, lease: Lease, error: unknown): Promise<void> {
  ctx.logger.error({ err: error, nudgeId: nudge.id, kind: nudge.kind }, 'Handling a nudge failed');
  const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
  if (lease.attempts >= ctx.options.maxAttempts) {
    await settleQuietly(ctx, lease, () => markFailed(ctx.db, lease, message));
    ctx.summary.failed += 1;
    return;
  }
  const dueAt = new Date(
    ctx.clock.now().getTime() + retryDelayMs(lease.attempts, ctx.options.backoff, ctx.random),
  );
  await settleQuietly(ctx, lease, () =>
    release(ctx.db, lease, { dueAt, error: message, countAttempt: true }),
  );
  ctx.summary.retried += 1;
}

/** Plans the person's next weekly pipeline nudge (core decides when). */
async function replanQuietly(
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
