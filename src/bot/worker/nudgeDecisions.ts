/**
 * What the nudge step decides about each claimed nudge before it is queued for sending: is it
 * still relevant, is it late (catch-up), is it inside the person's waking hours, who receives it,
 * and what it says. A nudge that is not to go now is settled here.
 */
import { resolveNudgeConfig } from '../../core/nudges/nudgeConfig.js';
import { renderNudge } from '../../core/nudges/nudgeMessages.js';
import { isStillRelevant } from '../../core/nudges/nudgeRules.js';
import { nextAllowedTime, type WakingHours, wakingHoursOf } from '../../core/nudges/wakingHours.js';
import type { Person } from '../../core/people/peoplePorts.js';
import { loadPersonNudgeState } from '../../core/pipeline/replan.js';
import { caughtUp } from './catchUpStep.js';
import { holdNudge } from './heldSends.js';
import { cancel, crashed, defer, noRoute, type Outgoing, replanQuietly } from './nudgeSettlement.js';
import type { ClaimedNudge, DeliveryFacts } from './outboxPort.js';
import type { PassContext } from './pass.js';
import { pickRoute } from './recipient.js';

/**
 * Decides about a freshly claimed batch with its facts loaded at once: the nudges that are to go,
 * addressed and rendered; the others are settled here (cancelled, deferred, held).
 */
export async function prepareBatch(ctx: PassContext, claims: ClaimedNudge[]): Promise<Outgoing[]> {
  const facts = await ctx.outbox.loadDeliveryFacts(claims);
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
  if (person.deactivatedAt) {
    await cancel(ctx, nudge, 'person_deactivated');
    return null;
  }
  const config = resolveNudgeConfig(org.nudgeConfig);
  const weekly = nudge.kind === 'weekly_pipeline';
  const personState = weekly
    ? await ctx.store.direct((repos) => loadPersonNudgeState(repos, person, facts.contacts))
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
  const current = await caughtUp(ctx, nudge, config, now);
  if (!current) return null;
  // Quiet hours hold for every kind, the informational ones (a mentor's log) included.
  const { hours, allowed } = waking({ person, zone: org.timezone });
  if (allowed > now) {
    await defer(ctx, nudge, allowed, 'quiet hours');
    return null;
  }
  const route = pickRoute(facts.identities, ctx.notifiers);
  if (!route.ok) {
    if (route.held) await holdNudge(ctx, nudge, nudge);
    else await noRoute(ctx, nudge, route.missing);
    return null;
  }
  const otherIdentified =
    facts.contacts.find((c) => c.stage === 'identified' && c.id !== contact?.id) ?? null;
  const reply = renderNudge(current, {
    contact,
    meeting: facts.meeting,
    contacts: facts.contacts,
    otherIdentified,
    timezone: hours.timezone,
  });
  return { nudge, lease: nudge, route, reply, replan: weekly ? { person, org } : null };
}
